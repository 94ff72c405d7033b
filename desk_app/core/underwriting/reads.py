"""Reads of underwriting (stub: being filled in)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from desk_app.core.roles import Actor
from desk_app.core.underwriting.views import AuthorityProfile, CaseUnderwriting, QueueRow


def queue(session: Session, *, actor: Actor, now: dt.datetime) -> list[QueueRow]:
    raise NotImplementedError


def case(session: Session, *, actor: Actor, proposal_id: str) -> CaseUnderwriting:
    raise NotImplementedError


def profiles(session: Session) -> list[AuthorityProfile]:
    raise NotImplementedError


def policy_number(session: Session, proposal_id: str) -> str | None:
    raise NotImplementedError
