"""Replies to problem notices that come through the scanning station.

A problem notice's QR code holds its problem number; the scanning station indexes the notice and
the pages behind it to the case as 问题件回复 and hands them here, in the batch's transaction. The
problem-case work (core.problems.lifecycle) registers the recorder: the scanning station must not
import it (problem cases re-key fields through core.entry, whose demo scans go through scanning).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

from desk_app.core.recorders import Recorders
from desk_app.core.roles import Actor

PREFIX = "WT"  # problem numbers start with it (core.problems.numbering); no case or proposal number does
DOC_TYPE = "problem_reply"

Recorder = Callable[[Session, Actor, str, Sequence[str], dt.datetime], None]
_recorders: Recorders[Recorder] = Recorders()


def looks_like_problem_no(text: str) -> bool:
    t = text.strip()
    return t.startswith(PREFIX) and len(t) <= 40


def recorder_in(module: str) -> None:
    """Name the module that registers the recorder, imported the first time a reply is
    scanned (core.recorders)."""
    _recorders.load_from(module)


def recorder(fn: Recorder) -> Recorder:
    """Register who records a scanned reply (the problem-case work, once)."""
    return _recorders.register(fn)


def scanned(session: Session, *, actor: Actor, problem_no: str, page_ids: Sequence[str], now: dt.datetime) -> None:
    """Pages scanned behind a problem notice: record them as its reply."""
    for fn in _recorders:
        fn(session, actor, problem_no, page_ids, now)
