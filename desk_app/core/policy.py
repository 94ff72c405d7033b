"""Branch policies set by head office (reference data kind `policies`), with safe defaults."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.store.models import Policy


@dataclass(frozen=True)
class BranchPolicy:
    idle_lock_minutes: int = 10
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    min_password_length: int = 8


def branch_policy(session: Session) -> BranchPolicy:
    """The policy in force; a missing or unreadable value keeps its default."""
    values = dict(session.execute(select(Policy.key, Policy.value).where(Policy.deleted.is_(False))).all())
    defaults = BranchPolicy()
    kwargs = {}
    for name in BranchPolicy.__dataclass_fields__:
        try:
            number = int(values[name])
        except (KeyError, ValueError):
            continue
        if number > 0:
            kwargs[name] = number
    return BranchPolicy(**{**defaults.__dict__, **kwargs})
