"""Page thumbnails for the scanning window's strip, made off the GUI thread.

Decoding a 300-dpi page takes tens of milliseconds, so a 200-page batch would freeze the window:
thumbnails of stored pages are made on the database worker (they need the page files, read
through `services.scanning.page_image`), those of freshly processed pages on the processing thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import cv2
import numpy as np

from desk_app.core.scanning.service import PageOutcome, ProcessedFile
from desk_app.services import scanning
from desk_app.store.db import Store

THUMB = 120


@dataclass(frozen=True)
class ShownPage:
    """A stored page as the strip lists it: its outcome and thumbnail (and its file, when at hand)."""

    outcome: PageOutcome
    thumb: bytes  # PNG
    image: bytes | None = None  # the stored page file, else loaded on demand


def make_thumb(data: bytes) -> bytes:
    # JPEG pages decode straight at 1/8 scale (libjpeg's DCT scaling: ~4x faster than a full
    # decode); a 300-dpi A4 page still comes out at ~310 px, more than the tile needs.
    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_REDUCED_GRAYSCALE_8)
    if img is not None and max(img.shape) < THUMB:  # a small image: decode it whole
        img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if img is None:  # an undecodable file: a blank tile rather than a failure
        img = np.full((THUMB, THUMB), 255, np.uint8)
    k = THUMB / max(img.shape)
    small = cv2.resize(img, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    return cv2.imencode(".png", small)[1].tobytes()


def strip_pages(store: Store, batch_id: str | None, include_deleted: bool,
                thumbs: Mapping[str, bytes]) -> list[ShownPage]:
    """For the database worker: a batch's (or the tray's) pages with their thumbnails; those
    already made (`thumbs`, by sha256) are reused, the others made from the page files."""
    out = []
    for o in scanning.pages(store, batch_id, include_deleted=include_deleted):
        thumb, image = thumbs.get(o.sha256), None
        if thumb is None:
            image = scanning.page_image(store, o.sha256)
            thumb = make_thumb(image)
        out.append(ShownPage(o, thumb, image))
    return out


def by_source(files: Iterable[ProcessedFile]) -> dict[tuple[str, int], tuple[bytes, bytes]]:
    """For the processing thread: (thumbnail, page file) of each processed page, by (file name,
    page), so the pages are shown at once when stored, without reading them back."""
    return {(f.name, p.source_page): (make_thumb(p.data), p.data) for f in files for p in f.pages}


def shown(outcomes: Iterable[PageOutcome], made: Mapping[tuple[str, int], tuple[bytes, bytes]]) -> list[ShownPage]:
    """Stored pages with the thumbnails `by_source` made before they were stored."""
    out = []
    for o in outcomes:
        thumb, image = made.get((o.source_name, o.source_page), (None, None))
        if thumb is not None:
            out.append(ShownPage(o, thumb, image))
    return out
