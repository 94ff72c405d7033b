"""The entry workstation's page image: the scanned proposal form, following the focused field.

A page is read, decoded and registered to the form template once, on the database worker
(`load_pages`): the registration (`core.entry.registration.register`: the corner marks or the cover
barcode, a homography) maps a field's region in millimetres to pixels of this scan, so the region
holds on a skewed page. The GUI thread only paints: the page is handed over as a ready QImage in
the painter's own format and drawn by an item that never converts it again.

As the focus moves, `show_field` zooms and pans so the field's box fills the width with a line of
the paper above and below it, and outlines it. Ctrl+= / Ctrl+- zoom around that (kept from field to
field), Ctrl+0 back to the field's fit, F7 the whole page and back.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import cv2
import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from desk_app.core.entry import registration
from desk_app.core.forms import FormDef
from desk_app.services import scanning
from desk_app.store.db import Store

log = logging.getLogger(__name__)

# Pages are shown at this resolution at most: handwriting stays legible, and a page costs
# 15 MB in the painter's format instead of 35 MB at 300 dpi.
SHOW_DPI = 200
# Around a field: this much of the paper to either side and above/below (mm).
MARGIN_X_MM = 4.0
MARGIN_Y_MM = 8.0


class Registration(Protocol):
    def to_pixels(self, region_mm: tuple[float, float, float, float]) -> tuple[float, float, float, float]: ...


@dataclass(frozen=True)
class ScaledRegistration:
    """Millimetres to pixels by the page's size alone: for a page whose marks and barcode could
    not be found (the operator still sees roughly the right place, and the whole page with F7)."""

    px_per_mm_x: float
    px_per_mm_y: float

    def to_pixels(self, region_mm: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        x, y, w, h = region_mm
        return (x * self.px_per_mm_x, y * self.px_per_mm_y, w * self.px_per_mm_x, h * self.px_per_mm_y)


@dataclass(frozen=True)
class ShownRegistration:
    """A registration of the full-resolution scan, for the page as shown (scaled by `scale`)."""

    registration: Any
    scale: float

    def to_pixels(self, region_mm: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        x, y, w, h = self.registration.to_pixels(region_mm)
        k = self.scale
        return (x * k, y * k, w * k, h * k)


@dataclass(frozen=True)
class LoadedPage:
    """One page ready to paint: the image in the painter's format and its registration."""

    sha256: str
    form_page: int
    image: QImage
    registration: Registration
    registered: bool  # False: the marks were not found, regions are placed by page size only


def register_page(gray: np.ndarray, form: FormDef, form_page: int, dpi: int | None) -> tuple[Registration, bool]:
    """The template registration of a scan (`registered` False when only the page's scale placed
    it: no marks or features found, or the registration failed on a damaged page)."""
    try:
        reg = registration.register(gray, form, form_page, dpi=dpi or None)
    except Exception:  # noqa: BLE001 - a page that breaks the registration still shows, placed by its size
        log.exception("registering a page to %s failed", form.code)
        h, w = gray.shape[:2]
        return ScaledRegistration(w / form.page_size_mm[0], h / form.page_size_mm[1]), False
    return reg, reg.method != "scale"


def load_page(store: Store, sha256: str, dpi: int, form: FormDef, form_page: int) -> LoadedPage:
    """For the database worker: read, decode and register one page, and make its image."""
    data = scanning.page_image(store, sha256)
    gray = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if gray is None:
        gray = np.full((int(form.page_size_mm[1] * 4), int(form.page_size_mm[0] * 4)), 255, np.uint8)
    registration, registered = register_page(gray, form, form_page, dpi)
    scale = min(1.0, SHOW_DPI / dpi) if dpi else 1.0
    if scale < 0.99:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        registration = ShownRegistration(registration, scale)
    h, w = gray.shape
    gray = np.ascontiguousarray(gray)
    image = QImage(gray.data, w, h, w, QImage.Format.Format_Grayscale8).convertToFormat(QImage.Format.Format_RGB32)
    return LoadedPage(sha256, form_page, image, registration, registered)


def load_pages(store: Store, pages: Sequence[Any], form: FormDef,
               have: frozenset[str] = frozenset()) -> dict[str, LoadedPage]:
    """For the database worker: the pages of a task (services.entry.PageRef) not already `have`,
    by sha256."""
    return {p.sha256: load_page(store, p.sha256, p.dpi, form, p.form_page)
            for p in pages if p.sha256 not in have}


class _PageItem(QGraphicsItem):
    """Paints the QImage as it is (a QGraphicsPixmapItem would convert it on the GUI thread)."""

    def __init__(self) -> None:
        super().__init__()
        self.image = QImage()

    def set_image(self, image: QImage) -> None:
        self.prepareGeometryChange()
        self.image = image
        self.update()

    def boundingRect(self) -> QRectF:  # Qt override
        return QRectF(0, 0, self.image.width(), self.image.height())

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:  # Qt override
        if self.image.isNull():
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        exposed = option.exposedRect.intersected(self.boundingRect())  # type: ignore[attr-defined]
        painter.drawImage(exposed, self.image, exposed)


class FieldImage(QGraphicsView):
    """The page of the focused field, zoomed to its region; see the module's docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryImage")
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(QColor("#90a4ae"))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the form
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self._page_item = _PageItem()
        self._page_item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.scene().addItem(self._page_item)
        self._box = QGraphicsRectItem()
        self._box.setPen(QPen(QColor("#d81b60"), 3))
        self._box.setBrush(QBrush(QColor(255, 235, 59, 50)))
        self._box.setZValue(1)
        self._box.hide()
        self.scene().addItem(self._box)
        self.form: FormDef | None = None
        self.pages: dict[int, LoadedPage] = {}  # form page -> loaded page
        self.page: LoadedPage | None = None
        self.region: QRectF | None = None  # the field's box in scene (page pixel) coordinates
        self.bias = 1.0  # the operator's zoom on top of the field's fit
        self.whole_page = False

    # -- what is shown ----------------------------------------------------------------------

    def show_pages(self, form: FormDef, pages: dict[int, LoadedPage]) -> None:
        self.form, self.pages = form, pages
        self.page = None
        self.region = None
        self._box.hide()
        first = min(pages) if pages else None
        if first is None:
            self._page_item.set_image(QImage())
        else:
            self._show_page(pages[first])
            self.fit_page()

    def clear(self) -> None:
        self.pages, self.page, self.region = {}, None, None
        self._box.hide()
        self._page_item.set_image(QImage())

    def has_image(self) -> bool:
        return not self._page_item.image.isNull()

    def _show_page(self, page: LoadedPage) -> None:
        if self.page is not page:
            self.page = page
            self._page_item.set_image(page.image)
            self.scene().setSceneRect(self._page_item.boundingRect())

    def region_rect(self, key: str) -> QRectF | None:
        """A field's box on its page, in page pixels (scene coordinates)."""
        if self.form is None:
            return None
        f = self.form.field(key)
        page = self.pages.get(f.page)
        if page is None:
            return None
        x, y, w, h = page.registration.to_pixels(f.region)
        return QRectF(x, y, w, h)

    def show_field(self, key: str) -> None:
        """Zoom and pan to a field's region, outlined; its page first if it is on another."""
        if self.form is None:
            return
        f = self.form.field(key)
        page = self.pages.get(f.page)
        if page is None:
            return
        self._show_page(page)
        rect = self.region_rect(key)
        self.region = rect
        self._box.setRect(rect)
        self._box.show()
        self.whole_page = False
        self._fit_region()

    def _fit_region(self) -> None:
        if self.region is None or self.page is None or self.form is None:
            return
        reg = self.page.registration
        mx = reg.to_pixels((0, 0, MARGIN_X_MM, MARGIN_Y_MM))
        target = self.region.adjusted(-mx[2], -mx[3], mx[2], mx[3])
        self.resetTransform()
        self.fitInView(target, Qt.AspectRatioMode.KeepAspectRatio)
        if self.bias != 1.0:
            self.scale(self.bias, self.bias)
        self.centerOn(self.region.center())

    def fit_page(self) -> None:
        self.resetTransform()
        self.fitInView(self._page_item, Qt.AspectRatioMode.KeepAspectRatio)

    def toggle_whole_page(self) -> None:
        self.whole_page = not self.whole_page
        if self.whole_page:
            self.fit_page()
        else:
            self._fit_region()

    def zoom_by(self, factor: float) -> None:
        """The operator's zoom: kept for the next fields too."""
        self.bias = max(0.25, min(6.0, self.bias * factor))
        if self.whole_page or self.region is None:
            self.scale(factor, factor)
        else:
            self._fit_region()

    def reset_zoom(self) -> None:
        self.bias = 1.0
        self._fit_region()

    def visible_scene_rect(self) -> QRectF:
        """The part of the page on screen (scene coordinates)."""
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def resizeEvent(self, event: Any) -> None:  # Qt override: the field stays fitted
        super().resizeEvent(event)
        if self.whole_page or self.region is None:
            if self.has_image():
                self.fit_page()
        else:
            self._fit_region()

    def wheelEvent(self, event: QWheelEvent) -> None:  # Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.25 if event.angleDelta().y() > 0 else 0.8)
        else:
            super().wheelEvent(event)
