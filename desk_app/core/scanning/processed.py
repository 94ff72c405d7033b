"""What the image work hands the store: processed pages and files, and the reference by which a
process opens a scanner's file itself. Plain picklable values, with no imaging library behind
them: a command that has a page processed in another process receives these without importing
numpy, OpenCV or onnxruntime (`processing` and `pipeline` re-export them).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from desk_app.core.scanning.indexing import Barcode


@dataclass(frozen=True)
class Flag:
    """A quality-control finding on a page: its code and the operator's sentence."""

    code: str
    reason: str


@dataclass(frozen=True)
class ProcessedPage:
    source_name: str
    source_page: int
    data: bytes  # the stored form
    media_type: str
    width: int
    height: int
    dpi: int
    deskew_deg: float
    rotation: int
    blank: bool
    seal_found: bool
    barcodes: tuple[Barcode, ...]
    flags: tuple[Flag, ...]
    steps: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class ProcessedFile:
    name: str
    original: bytes
    original_media_type: str
    pages: tuple[ProcessedPage, ...]


@dataclass(frozen=True)
class FileRef:
    """A file a pool process opens itself instead of being sent its bytes: its path, and its size
    and modification time when the caller read it. A 100-page PDF is then neither pickled into
    every job nor held whole by every process; pdfium reads the pages a job renders. A file
    changed since the caller read it is refused, never mixed with the bytes the caller stores."""

    path: str
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str | os.PathLike[str], info: os.stat_result) -> FileRef:
        return cls(os.path.abspath(path), info.st_size, info.st_mtime_ns)

    def matches(self, info: os.stat_result) -> bool:
        return (info.st_size, info.st_mtime_ns) == (self.size, self.mtime_ns)
