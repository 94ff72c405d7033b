"""Chinese renders with the bundled font: no system CJK font exists on CI or many branch PCs."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel

from desk_app.core.roles import Role
from desk_app.ui.fonts import PRINT_FONT_FAMILY, SCREEN_FONT_FAMILY, register_fonts
from desk_app.ui.main_window import MainWindow


def render(text: str, font: QFont) -> QImage:
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QPoint(8, 48), text)
    painter.end()
    return image


def ink(image: QImage) -> int:
    return sum(1 for y in range(image.height()) for x in range(image.width())
               if image.pixelColor(x, y).lightness() < 128)


def test_bundled_families_are_registered_and_are_the_application_font(qapp):
    families = QFontDatabase.families()
    assert SCREEN_FONT_FAMILY in families
    assert PRINT_FONT_FAMILY in families
    assert set(register_fonts()) >= {SCREEN_FONT_FAMILY, PRINT_FONT_FAMILY}  # idempotent
    assert QApplication.font().family() == SCREEN_FONT_FAMILY
    # The font actually matched, not only the one asked for.
    assert QFontInfo(QApplication.font()).family() == SCREEN_FONT_FAMILY


def test_chinese_glyphs_are_drawn_not_boxes(qapp):
    font = QApplication.font()
    font.setPointSize(28)
    chars = "案件号投保单位超时"
    images = [render(ch, font) for ch in chars]
    assert all(ink(img) > 30 for img in images), "every character leaves ink"
    # Missing glyphs are all drawn as the same box: distinct characters must look distinct.
    assert len({bytes(img.constBits()) for img in images}) == len(chars)


def test_main_window_texts_are_covered_by_the_screen_font(qtbot, demo_store, worker, actors):
    window = MainWindow(demo_store, actors["super"], worker=worker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(1280, 800)  # as on a branch PC (the offscreen screen is smaller; the window fits it)
    model = window.queue_models[Role.SUPERVISOR]
    qtbot.waitUntil(lambda: model.rowCount() > 0 and model.total is not None, timeout=10_000)
    image = window.grab().toImage()
    assert not image.isNull() and image.width() >= 1000
    texts = [window.tabs.tabText(0), *(w.text() for w in window.findChildren(QLabel)),
             *(str(model.index(r, c).data()) for r in range(min(20, model.rowCount()))
               for c in range(model.columnCount())),
             *(str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount()))]
    metrics = QFontMetrics(QApplication.font())
    cjk = {ch for t in texts for ch in t if ord(ch) >= 0x2E80}
    assert len(cjk) > 30
    missing = sorted(ch for ch in cjk if not metrics.inFontUcs4(ord(ch)))
    assert missing == []
