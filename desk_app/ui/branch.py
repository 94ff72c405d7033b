"""The branch a store belongs to, read on the worker and kept as plain text for the windows."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.core import users
from desk_app.store.db import Store


@dataclass(frozen=True)
class BranchLabel:
    code: str
    name: str

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


def branch_job(store: Store) -> BranchLabel:
    """Worker job: the branch of this store (raises NotFound when the store has none yet)."""
    with store.reading() as session:
        info = users.branch(session)
        return BranchLabel(info.branch_code, info.branch_name)
