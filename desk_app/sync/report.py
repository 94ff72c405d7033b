"""What one sync run did (its tally) and how it reports progress to whoever started it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# (stage, done, total); stage is "push", "pull" or "files".
Progress = Callable[[str, int, int], None]


@dataclass
class SyncReport:
    pushed: int = 0
    already_had: int = 0
    conflicts: int = 0
    pulled: int = 0
    blobs_uploaded: int = 0
    blobs_fetched: int = 0
    bytes_sent: int = 0
    cursor: int = 0
    pending: int = 0
    messages: list[str] = field(default_factory=list)


def no_progress(_stage: str, _done: int, _total: int) -> None:
    return None
