"""Render resources/icons/stance-annotator.svg into the PNG sizes Linux desktops use, a
Windows .ico and a macOS .icns (Qt writes both). Run after editing the SVG:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent / "icons"
SVG = ICONS.parent.parent / "resources" / "icons" / "stance-annotator.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> None:
    QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    for size in SIZES:
        folder = ICONS / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        render(renderer, size).save(str(folder / "stance-annotator.png"))
    for suffix, size in (("ico", 256), ("icns", 512)):
        writer = QImageWriter(str(ICONS / f"stance-annotator.{suffix}"), suffix.encode())
        if not writer.write(render(renderer, size)):
            raise SystemExit(f"{suffix}: {writer.errorString()}")


if __name__ == "__main__":
    main()
