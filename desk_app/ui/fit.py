"""Fitting windows on branch PCs: 1366×768, or 1920×1080 at 125 %/150 % scaling.

`fit_to_screen` sizes a top-level window to what it wants, capped by the screen's available
area; `ElidedLabel` is the one place where text may be cut, and then its tooltip shows it whole.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


def fit_to_screen(window: QWidget, wanted: QSize) -> None:
    """Resize `window` to `wanted`, or to the whole available area of a screen too small for it."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(wanted)
        return
    avail = screen.availableGeometry()
    if wanted.width() > avail.width() or wanted.height() > avail.height():
        # A small screen (1366×768, or 1920×1080 at 150 %): all of it, as a maximised window.
        window.setGeometry(avail)
        return
    window.resize(wanted)


class ElidedLabel(QLabel):
    """A one-line label that elides its text to the width it is given; the tooltip shows it whole."""

    def __init__(self, text: str = "", parent: QWidget | None = None,
                 mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        super().__init__(parent)
        self._mode = mode
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # Qt override: the tooltip always carries the whole text
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:  # Qt override: may shrink to a few characters
        hint = super().minimumSizeHint()
        m = self.contentsMargins()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("…") * 6 + m.left() + m.right()),
                     hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), self._mode, rect.width())
        painter.drawText(rect, int(self.alignment()), text)

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()
