"""The scanning station's clean-up off the GUI thread: a plain thread drives the process pool
of `services.scanning.process_files` and signals the window through a bridge QObject."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QObject

from desk_app.core.scanning.service import ProcessedFile
from desk_app.services import scanning
from desk_app.ui.scan_thumbs import by_source

WORKERS = 2  # processes for the clean-up: the counter PCs have two cores


def emitter(bridge: QObject, signal_name: str) -> Callable[..., None]:
    """A plain thread's way to signal the GUI: nothing is sent once the window (and its bridge) is gone."""

    def emit(*args: object) -> None:
        if shiboken6.isValid(bridge):
            getattr(bridge, signal_name).emit(*args)

    return emit


Processed = Callable[[list[ProcessedFile], list[str], dict[tuple[str, int], Any]], None]


def process_in_background(paths: Sequence[str], fmt: str, *, progress: Callable[[int, int], None],
                          done: Processed, camera: bool = False) -> threading.Thread:
    """Clean the files on a daemon thread (the pool's processes do the image work); `done(files,
    errors, thumbnails by source)` when all are through. Both callbacks are called from that thread:
    pass `emitter`s."""

    def work() -> None:
        files, errors = scanning.process_files(list(paths), fmt=fmt, workers=WORKERS, camera=camera,
                                               progress=progress)
        done(files, errors, by_source(files))

    thread = threading.Thread(target=work, daemon=True, name="branchdesk-scan")
    thread.start()
    return thread
