"""What an action touched, so each view refreshes on its own flag (Anki's OpChanges)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    cases: bool = False  # case rows or their timeline
    queues: bool = False  # which queue a case sits in, or stage counts
    stationery: bool = False  # proposal-form numbers
    pages: bool = False  # scanned pages, batches, the unindexed tray
    users: bool = False
    sync: bool = False  # outbox, last sync, enrolment
    conflicts: bool = False  # the conflict inbox
    problems: bool = False  # problem cases (问题件): their queue, counts, items and steps

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name)
                          for f in dataclasses.fields(self)})

    def any(self) -> bool:
        return any(dataclasses.astuple(self))


NOTHING = Changes()


@dataclass(frozen=True)
class Done(Generic[T]):
    """An action's result and what it changed."""

    value: T
    changes: Changes = NOTHING
