"""The underwriting steps on a case (stub: being filled in)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from desk_app.core.roles import Actor
from desk_app.core.underwriting.views import Decided


def start(session: Session, *, actor: Actor, proposal_id: str, now: dt.datetime) -> str:
    raise NotImplementedError


def decide(session: Session, *, actor: Actor, proposal_id: str, decision: str, reason: str,
           loading_percent: Decimal | None, exclusion: str, now: dt.datetime) -> Decided:
    raise NotImplementedError


def refer(session: Session, *, actor: Actor, proposal_id: str, reason: str, now: dt.datetime) -> Decided:
    raise NotImplementedError
