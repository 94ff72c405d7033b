"""Controlled proposal-form numbers (单证): batches from head office, ranges to agents, voids,
losses, destruction, and the report of numbers issued but unused."""

from __future__ import annotations

from desk_app.core import stationery
from desk_app.core.errors import InvalidInput
from desk_app.core.roles import Actor
from desk_app.core.stationery import RangeResult, UnusedNumber
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store

ACTIONS = ("receive", "issue", "void", "lost", "destroy")
TOUCHED = Changes(stationery=True, sync=True)


def change_range(store: Store, *, actor: Actor, action: str, first: str, last: str, batch_no: str = "",
                 holder: str = "", reason: str = "") -> Done[RangeResult]:
    """One supervisor action on a range of numbers: receive (batch_no), issue (holder: an agent
    code, or * for the branch's own counter), void / lost / destroy (reason)."""
    with store.transaction() as s:
        if action == "receive":
            result = stationery.receive_batch(s, actor=actor, batch_no=batch_no, first=first, last=last)
        elif action == "issue":
            result = stationery.issue_range(s, actor=actor, first=first, last=last, holder=holder)
        elif action in ("void", "lost", "destroy"):
            change = {"void": stationery.void_range, "lost": stationery.report_lost,
                      "destroy": stationery.destroy_range}[action]
            result = change(s, actor=actor, first=first, last=last, reason=reason)
        else:
            raise InvalidInput(f"未知的单证操作“{action}”。")
    return Done(result, TOUCHED)


def unused_report(store: Store, *, older_than_days: int) -> list[UnusedNumber]:
    with store.reading() as s:
        return stationery.unused_report(s, older_than_days=older_than_days)


def overview(store: Store, *, older_than_days: int) -> tuple[list[tuple[str, str, str, int]], list[UnusedNumber]]:
    """The numbers available per holder, and the unused report, in one read."""
    with store.reading() as s:
        return stationery.available_ranges(s), stationery.unused_report(s, older_than_days=older_than_days)
