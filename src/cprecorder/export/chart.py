"""The chart of scores over time as a PNG, drawn without Qt for documents.

Plain Python (zlib and struct only), so the exports stay free of Qt and of any
imaging library: lines and dots on a 0-10 grid, one colour per person, with the
scale's numbers down the side. Names, dates and scores go in the document as
text beside the picture (a legend table), where they print, copy and read aloud.
"""

from __future__ import annotations

import functools
import itertools
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

#: Okabe and Ito's colours, told apart with the common kinds of colour blindness.
PALETTE: tuple[str, ...] = (
    "0072B2",
    "D55E00",
    "009E73",
    "CC79A7",
    "E69F00",
    "56B4E9",
    "000000",
    "F0E442",
)

WIDTH, HEIGHT = 1600, 720
LEFT, RIGHT, TOP, BOTTOM = 120, 60, 40, 60
LINE_RADIUS = 5
DOT_RADIUS = 13

#: 5 × 7 digits for the scale's numbers, one string of 7 rows of 5 bits per digit.
DIGITS = {
    "0": ("01110", "10001", "10011", "10101", "11001", "10001", "01110"),
    "1": ("00100", "01100", "00100", "00100", "00100", "00100", "01110"),
    "2": ("01110", "10001", "00001", "00010", "00100", "01000", "11111"),
    "3": ("11110", "00001", "00001", "01110", "00001", "00001", "11110"),
    "4": ("00010", "00110", "01010", "10010", "11111", "00010", "00010"),
    "5": ("11111", "10000", "11110", "00001", "00001", "10001", "01110"),
    "6": ("00110", "01000", "10000", "11110", "10001", "10001", "01110"),
    "7": ("11111", "00001", "00010", "00100", "01000", "01000", "01000"),
    "8": ("01110", "10001", "10001", "01110", "10001", "10001", "01110"),
    "9": ("01110", "10001", "10001", "01111", "00001", "00010", "01100"),
}


@dataclass(frozen=True)
class ChartLine:
    """One person's scores: (meeting column, score) pairs, in the colour given."""

    colour: str
    points: tuple[tuple[int, int], ...]


def colour_of(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


class _Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(b"\xff" * (width * height * 3))

    def dot(self, x: int, y: int, rgb: bytes, spans: tuple[tuple[int, int], ...]) -> None:
        """A filled disc: one run of pixels a row (``spans``: row offset, half width)."""
        w, h, px = self.width, self.height, self.pixels
        for dy, half in spans:
            row = y + dy
            if not 0 <= row < h:
                continue
            left, right = max(x - half, 0), min(x + half + 1, w)
            if left < right:
                px[(row * w + left) * 3 : (row * w + right) * 3] = rgb * (right - left)

    def hline(self, x0: int, x1: int, y: int, rgb: bytes, thickness: int = 1) -> None:
        for row in range(y, y + thickness):
            if 0 <= row < self.height:
                start = (row * self.width + x0) * 3
                self.pixels[start : start + (x1 - x0) * 3] = rgb * (x1 - x0)

    def vline(self, x: int, y0: int, y1: int, rgb: bytes, thickness: int = 1) -> None:
        for row in range(y0, y1):
            self.hline(x, x + thickness, row, rgb)

    def line(self, a: tuple[int, int], b: tuple[int, int], rgb: bytes, radius: int) -> None:
        """A thick segment, a run of pixels a row: the rows within ``radius`` of it."""
        (x0, y0), (x1, y1) = a, b
        dx, dy = x1 - x0, y1 - y0
        length = (dx * dx + dy * dy) ** 0.5 or 1.0
        low, high = min(x0, x1), max(x0, x1)
        reach = radius * length
        for row in range(min(y0, y1) - radius, max(y0, y1) + radius + 1):
            if dy == 0:
                if abs(row - y0) > radius:
                    continue
                left, right = low, high
            else:
                # |(x - x0)·dy − (row − y0)·dx| ≤ radius·length, solved for x.
                first = x0 + ((row - y0) * dx - reach) / dy
                second = x0 + ((row - y0) * dx + reach) / dy
                left = max(round(min(first, second)), low - radius)
                right = min(round(max(first, second)), high + radius)
            self.hline(max(left, 0), min(right + 1, self.width), row, rgb)

    def digits(self, text: str, x: int, y: int, scale: int, rgb: bytes) -> None:
        for index, char in enumerate(text):
            glyph = DIGITS[char]
            for row, bits in enumerate(glyph):
                for col, bit in enumerate(bits):
                    if bit == "1":
                        left = x + (index * 6 + col) * scale
                        self.hline(left, left + scale, y + row * scale, rgb, scale)

    def png(self) -> bytes:
        raw = bytearray()
        stride = self.width * 3
        for row in range(self.height):
            raw.append(0)
            raw += self.pixels[row * stride : (row + 1) * stride]

        def chunk(kind: bytes, data: bytes) -> bytes:
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        dpi = struct.pack(">IIB", 7874, 7874, 1)  # 200 dots per inch, for print
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"pHYs", dpi)
            + chunk(b"IDAT", zlib.compress(bytes(raw), 6))
            + chunk(b"IEND", b"")
        )


@functools.cache
def _disc(radius: int) -> tuple[tuple[int, int], ...]:
    """A disc as (row offset, half width) pairs."""
    return tuple((dy, int((radius * radius - dy * dy) ** 0.5)) for dy in range(-radius, radius + 1))


def _rgb(hex_colour: str) -> bytes:
    return bytes.fromhex(hex_colour)


def chart_png(columns: int, lines: Sequence[ChartLine]) -> bytes:
    """The chart: ``columns`` meetings left to right, scores 0 (bottom) to 10 (top)."""
    canvas = _Canvas(WIDTH, HEIGHT)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x_of(column: int) -> int:
        if columns <= 1:
            return LEFT + plot_w // 2
        return LEFT + round(column * plot_w / (columns - 1))

    def y_of(score: int) -> int:
        return TOP + round((10 - score) * plot_h / 10)

    for score in range(11):
        strong = score in (0, 5, 10)
        canvas.hline(
            LEFT,
            LEFT + plot_w,
            y_of(score),
            _rgb("9E9E9E" if strong else "DDDDDD"),
            3 if strong else 2,
        )
        label = str(score)
        canvas.digits(label, LEFT - 30 - len(label) * 24, y_of(score) - 14, 4, _rgb("333333"))
    for column in range(columns):
        canvas.vline(x_of(column), TOP, TOP + plot_h, _rgb("E6E6E6"), 2)
    for line in lines:
        rgb = _rgb(line.colour)
        points = [(x_of(c), y_of(s)) for c, s in line.points]
        for a, b in itertools.pairwise(points):
            canvas.line(a, b, rgb, LINE_RADIUS)
        for x, y in points:
            canvas.dot(x, y, _rgb("FFFFFF"), _disc(DOT_RADIUS + 3))
            canvas.dot(x, y, rgb, _disc(DOT_RADIUS))
    return canvas.png()
