"""Does a window fit the branch PCs' screens, with no text cut inside a control?

The sizes are the logical (device-independent) areas a maximised window gets: the screen in
pixels minus a 40 px task bar and a 30 px title bar, divided by the scaling. Qt lays out in
logical pixels with fonts in points, so a window laid out at 1536×~800 logical pixels looks at
1920×1080 with 125 % exactly as it would there; checking at those sizes is checking those screens.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
    QWidget,
)

from desk_app.ui.fit import ElidedLabel


def _logical(width: int, height: int, scale: float) -> QSize:
    return QSize(int(width / scale), int((height - 40) / scale) - 30)


SCREENS = {
    "1366x768": _logical(1366, 768, 1.0),
    "1920x1080@125%": _logical(1920, 1080, 1.25),
    "1920x1080@150%": _logical(1920, 1080, 1.5),
}


def _strip_mnemonic(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _inside_scrolled_area(w: QWidget, top: QWidget) -> bool:
    p = w.parentWidget()
    while p is not None and p is not top:
        if isinstance(p, QAbstractScrollArea) and p is not w:
            return True
        p = p.parentWidget()
    return False


def problems(top: QWidget) -> list[str]:
    """Every visible child outside `top`'s rectangle, and every label/button/combo/edit with cut text."""
    QApplication.processEvents()
    out: list[str] = []
    area = top.rect()
    for w in top.findChildren(QWidget):
        if not w.isVisible() or w.isWindow() or _inside_scrolled_area(w, top):
            continue
        name = f"{type(w).__name__}({w.objectName() or _describe(w)})"
        rect = QRect(w.mapTo(top, QPoint(0, 0)), w.size())
        if not area.contains(rect):
            out.append(f"{name} at {rect.getRect()} lies outside {area.getRect()}")
            continue
        out.extend(f"{name}: {p}" for p in _text_cut(w))
        if isinstance(w, QTableView):
            out.extend(f"{name}: {p}" for p in _cells_cut(w))
    return out


def _cells_cut(view: QTableView) -> list[str]:
    """Cells whose text is wider than their column and that have no tooltip showing it whole."""
    model, fm, out = view.model(), view.fontMetrics(), []
    for row in range(min(model.rowCount(), 40)):
        for col in range(model.columnCount()):
            if view.isColumnHidden(col):
                continue
            index = model.index(row, col)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if not isinstance(text, str) or not text:
                continue
            room = view.columnWidth(col) - 8
            if fm.horizontalAdvance(text) > room and index.data(Qt.ItemDataRole.ToolTipRole) != text:
                out.append(f"cell {text!r} needs {fm.horizontalAdvance(text)} px, has {room}, no tooltip")
    return out


def _describe(w: QWidget) -> str:
    for attr in ("text", "placeholderText", "currentText"):
        f = getattr(w, attr, None)
        if callable(f):
            try:
                t = f()
            except TypeError:
                continue
            if isinstance(t, str) and t:
                return repr(t[:30])
    return ""


def _text_cut(w: QWidget) -> list[str]:
    fm = w.fontMetrics()
    if isinstance(w, ElidedLabel):
        return [] if w.toolTip() == w.text() else ["elided without the whole text as tooltip"]
    if isinstance(w, QLabel):
        text = w.text()
        if not text or w.pixmap() is not None and not w.pixmap().isNull():
            return []
        cr = w.contentsRect()
        room = cr.width() - 2 * max(w.margin(), 0) - max(w.indent(), 0)
        if w.wordWrap() or (w.textFormat() == Qt.TextFormat.RichText or "<" in text):
            need = w.heightForWidth(w.width())
            if need > w.height():
                return [f"needs {need} px height, has {w.height()}"]
            if not w.wordWrap():
                hint = w.sizeHint().width()
                if hint > w.width():
                    return [f"needs {hint} px width, has {w.width()}"]
            return []
        plain = _strip_mnemonic(text) if w.buddy() is not None else text
        width = max(fm.horizontalAdvance(line) for line in plain.split("\n"))
        height = fm.height() * (plain.count("\n") + 1)
        if width > room or height > cr.height():
            return [f"text {plain!r} needs {width}×{height}, has {room}×{cr.height()}"]
        return []
    if isinstance(w, QAbstractButton):
        if not w.text():
            return []
        if isinstance(w, QPushButton):
            # The text, the icon and the style's margins; not the style's 80 px minimum.
            pm = w.style().pixelMetric
            width = fm.horizontalAdvance(_strip_mnemonic(w.text())) + 2 * (
                pm(QStyle.PixelMetric.PM_ButtonMargin) + pm(QStyle.PixelMetric.PM_DefaultFrameWidth))
            if not w.icon().isNull():
                width += w.iconSize().width() + 4
            hint = QSize(width, fm.height() + 4)
        else:
            hint = w.sizeHint()
        if w.width() < hint.width() or w.height() < min(hint.height(), fm.height() + 4):
            return [f"text {w.text()!r} needs {hint.width()}×{hint.height()}, has {w.width()}×{w.height()}"]
        return []
    if isinstance(w, QComboBox):
        opt = QStyleOptionComboBox()
        w.initStyleOption(opt)
        field = w.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                         QStyle.SubControl.SC_ComboBoxEditField, w)
        texts = [w.itemText(i) for i in range(w.count())] or [w.currentText()]
        widest = max(texts, key=fm.horizontalAdvance)
        if fm.horizontalAdvance(widest) > field.width():
            return [f"item {widest!r} needs {fm.horizontalAdvance(widest)} px, field has {field.width()}"]
        return []
    if isinstance(w, QLineEdit):
        text = w.text() or w.placeholderText()
        room = w.contentsRect().width() - 8  # the frame's and the text margin's few pixels
        if text and w.echoMode() == QLineEdit.EchoMode.Normal and fm.horizontalAdvance(text) > room:
            return [f"text {text!r} needs {fm.horizontalAdvance(text)} px, has {room}"]
        return []
    if isinstance(w, QTabBar):
        return [f"tab {w.tabText(i)!r} squeezed" for i in range(w.count())
                if w.tabRect(i).width() < w.tabSizeHint(i).width() - 1]
    return []


def check_fits(top: QWidget, screen: str) -> list[str]:
    """Lay `top` out at the screen's logical size (or its own smaller size) and list what does not fit."""
    size = SCREENS[screen]
    out = []
    minimum = top.minimumSizeHint().expandedTo(top.minimumSize())
    if minimum.width() > size.width() or minimum.height() > size.height():
        out.append(f"needs at least {minimum.width()}×{minimum.height()}, the screen gives {size.width()}×{size.height()}")
    if top.isWindow():
        top.resize(min(top.width(), size.width()), min(top.height(), size.height()))
    QApplication.processEvents()
    if top.width() > size.width() or top.height() > size.height():
        out.append(f"is {top.width()}×{top.height()}, larger than {size.width()}×{size.height()}")
    return out + problems(top)
