"""Render resources/icons/vitrail.svg to the PNG (Linux desktop entry, smoke test) and the ICO
(Windows executable and Start-menu shortcut). Run after editing the SVG; outputs are committed.

    QT_QPA_PLATFORM=offscreen python3 installer/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    QSvgRenderer(str(ICONS / "vitrail.svg")).render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    ok = render(256).save(str(ICONS / "vitrail.png"), "PNG")
    ok &= render(256).save(str(ICONS / "vitrail.ico"), "ICO")
    print("\n".join(str(p) for p in sorted(ICONS.iterdir())))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
