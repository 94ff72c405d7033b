"""A problem case's clock: the due time is a number of working days after the notice (five unless
head office's policy `problem_due_working_days` says otherwise), counted in working hours
(core.worktime: Monday–Friday, 08:30–12:00 and 13:30–17:30), so a notice on Friday afternoon is
due the next Friday afternoon, not on a Wednesday because a weekend passed.

The countdown is the working hours left; under one working day left is a warning, past the due
time is overdue.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.problems.views import Countdown
from desk_app.core.worktime import BRANCH_TZ, HOURS_PER_DAY, PERIODS, working_hours_between
from desk_app.store.models import Policy

POLICY_KEY = "problem_due_working_days"
DEFAULT_DUE_DAYS = 5
MAX_DUE_DAYS = 60


def due_days(session: Session) -> int:
    """Working days an agent has to reply: head office's policy, or five (a bad value keeps five)."""
    raw = session.scalar(select(Policy.value).where(Policy.key == POLICY_KEY, Policy.deleted.is_(False)))
    try:
        n = int(str(raw).strip())
    except (TypeError, ValueError):
        return DEFAULT_DUE_DAYS
    return n if 0 < n <= MAX_DUE_DAYS else DEFAULT_DUE_DAYS


def add_working_hours(start: dt.datetime, hours: float) -> dt.datetime:
    """The instant `hours` working hours after `start` (an aware instant; the answer in UTC).

    Started outside working hours, the count begins at the next period's opening; an answer that
    falls exactly on a period's end stays there (17:30, not the next morning)."""
    local = start.astimezone(BRANCH_TZ)
    left = dt.timedelta(hours=hours)
    day = local.date()
    while True:
        if day.weekday() < 5:
            for a, b in PERIODS:
                lo = max(local, dt.datetime.combine(day, a, BRANCH_TZ))
                hi = dt.datetime.combine(day, b, BRANCH_TZ)
                if hi <= lo:
                    continue
                if hi - lo >= left:
                    return (lo + left).astimezone(dt.UTC)
                left -= hi - lo
        day += dt.timedelta(days=1)
        local = dt.datetime.combine(day, dt.time(0), BRANCH_TZ)


def due_at(noticed_at: dt.datetime, days: int) -> dt.datetime:
    return add_working_hours(noticed_at, days * HOURS_PER_DAY)


def countdown(due: dt.datetime | None, now: dt.datetime, *, closed: bool = False) -> Countdown:
    """Working hours left before the due time (negative once past it) and the mark."""
    if due is None or closed:
        return Countdown(due, None, "")
    if now > due:
        return Countdown(due, -working_hours_between(due, now), "overdue")
    left = working_hours_between(now, due)
    return Countdown(due, left, "warning" if left < HOURS_PER_DAY else "ok")
