"""Replies to problem notices that come through the scanning station.

A problem notice's QR code holds its problem number; the scanning station indexes the notice and
the pages behind it to the case as 问题件回复 and hands them here, in the batch's transaction. The
problem-case work (core.problems.lifecycle) registers the recorder: the scanning station must not
import it (problem cases re-key fields through core.entry, whose demo scans go through scanning).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

from desk_app.core.roles import Actor

PREFIX = "WT"  # problem numbers start with it (core.problems.numbering); no case or proposal number does
DOC_TYPE = "problem_reply"

Recorder = Callable[[Session, Actor, str, Sequence[str], dt.datetime], None]
_recorders: list[Recorder] = []
_recorder_modules: list[str] = []  # imported (registering their recorder) when first needed


def looks_like_problem_no(text: str) -> bool:
    t = text.strip()
    return t.startswith(PREFIX) and len(t) <= 40


def recorder_in(module: str) -> None:
    """Name the module that registers the recorder, imported the first time a reply is scanned:
    a scanning command that meets none does not load that work (a one-page import's start-up)."""
    if module not in _recorder_modules:
        _recorder_modules.append(module)


def _load_recorders() -> None:
    for module in _recorder_modules:
        importlib.import_module(module)


def recorder(fn: Recorder) -> Recorder:
    """Register who records a scanned reply (the problem-case work, once)."""
    if fn not in _recorders:
        _recorders.append(fn)
    return fn


def scanned(session: Session, *, actor: Actor, problem_no: str, page_ids: Sequence[str], now: dt.datetime) -> None:
    """Pages scanned behind a problem notice: record them as its reply."""
    _load_recorders()
    for fn in _recorders:
        fn(session, actor, problem_no, page_ids, now)
