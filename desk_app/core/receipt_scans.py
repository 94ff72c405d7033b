"""Signed contract receipts (回执) that come back through the scanning station.

The receipt printed with the contract carries a QR code "receipt:<policy no>"; the scanning
station indexes that page to its case as 保险合同回执 (doc type `contract_receipt`) and hands the
pages here, in the batch's transaction. The contract work (core.contracts.signed) registers the
recorder that moves the case to 回执 RECEIPTED: the scanning station must not import it (as with
core.replies for problem notices).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

from desk_app.core.recorders import Recorders
from desk_app.core.roles import Actor

PREFIX = "receipt:"  # core.contracts.payload.RECEIPT_PREFIX
DOC_TYPE = "contract_receipt"

Recorder = Callable[[Session, Actor, str, Sequence[str], dt.datetime], None]
_recorders: Recorders[Recorder] = Recorders()


def policy_no_of(text: str) -> str | None:
    """The policy number of a receipt's code, or None when the text is not one."""
    t = text.strip()
    if t.lower().startswith(PREFIX) and 4 <= len(t) - len(PREFIX) <= 32:
        return t[len(PREFIX):]
    return None


def recorder_in(module: str) -> None:
    """Name the module that registers the recorder, imported the first time a receipt is
    scanned (core.recorders)."""
    _recorders.load_from(module)


def recorder(fn: Recorder) -> Recorder:
    """Register who records a scanned receipt (the contract work, once)."""
    return _recorders.register(fn)


def scanned(session: Session, *, actor: Actor, proposal_id: str, page_ids: Sequence[str], now: dt.datetime) -> None:
    """Pages of a signed receipt scanned: record them on the case."""
    for fn in _recorders:
        fn(session, actor, proposal_id, page_ids, now)
