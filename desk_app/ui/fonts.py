"""The bundled CJK fonts: registered at start so no screen or print depends on the machine's fonts.

Branch PCs (and the CI machine) may have no Chinese font at all; without these, Qt would draw
every Chinese character as an empty box. WenQuanYi Micro Hei is the screen font; AR PL UMing
(a Ming/Song face) is registered for printed contracts and forms.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from desk_app.paths import resources_dir

log = logging.getLogger(__name__)

SCREEN_FONT_FILE = "wqy-microhei.ttc"
PRINT_FONT_FILE = "uming.ttc"
SCREEN_FONT_FAMILY = "WenQuanYi Micro Hei"
PRINT_FONT_FAMILY = "AR PL UMing CN"
SCREEN_POINT_SIZE = 10

_registered: dict[str, list[str]] = {}


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def register_fonts() -> list[str]:
    """Register the bundled font files once per process; returns every family they provide.

    Raises RuntimeError when a file is missing or unreadable: a broken install would otherwise
    only show up as boxes on the clerk's screen.
    """
    families: list[str] = []
    for name in (SCREEN_FONT_FILE, PRINT_FONT_FILE):
        if name not in _registered:
            path = fonts_dir() / name
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                raise RuntimeError(f"cannot load the bundled font {path}")
            _registered[name] = QFontDatabase.applicationFontFamilies(font_id)
            log.debug("registered %s: %s", path, _registered[name])
        families.extend(_registered[name])
    return families


def screen_font(point_size: int = SCREEN_POINT_SIZE) -> QFont:
    font = QFont(SCREEN_FONT_FAMILY, point_size)
    # Latin text falls back to the system sans font when WenQuanYi lacks a glyph, never to boxes.
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def install_fonts(app: QGuiApplication) -> None:
    """Register the bundled fonts and make the screen font the application's default."""
    register_fonts()
    app.setFont(screen_font())
