"""How wide a word prints, so a table's narrow columns can be made wide enough for it.

Word breaks a word that is wider than its cell in the middle ("Whitloc / k"). The
safety scale has eleven columns with people's names under their marks, so its
columns are sized from the names: each word is measured with Arial's advance
widths (the documents' font; Liberation Sans in LibreOffice has the same metrics).
Characters outside the table count as wide as an "m", so a guess errs wide.
"""

from __future__ import annotations

from collections.abc import Sequence

CM_PER_POINT = 2.54 / 72

#: Arial's advance widths, in thousandths of an em (as Helvetica's published metrics).
_WIDTHS: dict[str, int] = {
    **dict.fromkeys("abdeghnopqu", 556),
    **dict.fromkeys("cksvxyz", 500),
    **dict.fromkeys("ft", 278),
    **dict.fromkeys("ijl", 222),
    "m": 833,
    "r": 333,
    "w": 722,
    **dict.fromkeys("ABEKPSVXY", 667),
    **dict.fromkeys("CDHNRU", 722),
    **dict.fromkeys("GOQ", 778),
    **dict.fromkeys("FTZ", 611),
    "I": 278,
    "J": 500,
    "L": 556,
    "M": 833,
    "W": 944,
    **dict.fromkeys("0123456789", 556),
    " ": 278,
    "-": 333,
    "'": 191,
    "’": 222,
    ".": 278,
    ",": 278,
    "(": 333,
    ")": 333,
    "▲": 1000,
}
_WIDEST = 833


def text_width_cm(text: str, size_pt: float) -> float:
    """The printed width of ``text`` on one line, in Arial at ``size_pt``."""
    thousandths = sum(_WIDTHS.get(ch, _WIDEST) for ch in text)
    return thousandths / 1000 * size_pt * CM_PER_POINT


def widest_word_cm(lines: Sequence[str], size_pt: float) -> float:
    """The widest single word among ``lines``: what a column must hold unbroken."""
    return max(
        (text_width_cm(word, size_pt) for line in lines for word in line.split()), default=0.0
    )


def fitted_widths(needs: Sequence[float], total: float, least: float) -> list[float]:
    """Column widths summing to ``total``: equal where that fits, wider where a column needs it.

    A column whose ``needs`` exceed an equal share gets what it needs; the others share
    what is left, never below ``least``. When even that cannot fit, every column is
    scaled down alike (a word may then break, as it would have anyway).
    """
    count = len(needs)
    if count == 0:
        return []
    widened: dict[int, float] = {}
    while True:
        rest = count - len(widened)
        share = (total - sum(widened.values())) / rest if rest else 0.0
        more = {i: need for i, need in enumerate(needs) if i not in widened and need > share}
        if not more or not rest:
            break
        widened.update(more)
    widths = [widened.get(i, max(share, least)) for i in range(count)]
    spread = sum(widths)
    return [w * total / spread for w in widths] if spread > total else widths
