"""Render the children's-plan illustrations from SVG to PNG.

    .venv/bin/python scripts/render_illustrations.py

The export package never imports Qt, so the PNGs it puts into Word files are
rendered here, once, and committed next to their SVG sources in
resources/illustrations/. Run this again after changing a drawing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

FOLDER = Path(__file__).resolve().parent.parent / "resources" / "illustrations"
#: Pixels per side: sharp at the 3 cm the children's plan prints them (about 200 dpi).
SIZE = 240


def render(svg: Path, size: int = SIZE) -> bytes:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    sources = sorted(FOLDER.glob("*.svg"))
    for svg in sources:
        target = svg.with_suffix(".png")
        target.write_bytes(render(svg))
        print(f"{target.relative_to(FOLDER.parent.parent)}\t{target.stat().st_size} bytes")
    del app
    return 0 if sources else 1


if __name__ == "__main__":
    sys.exit(main())
