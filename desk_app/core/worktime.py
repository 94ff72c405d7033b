"""Working hours (作业时效 is counted in them): Monday–Friday, 08:30–12:00 and 13:30–17:30 local.

Public holidays and the weekend swaps of the Chinese calendar are not modelled yet; head
office will publish a calendar with the reference data.
"""

from __future__ import annotations

import datetime as dt

from desk_app.clock import BRANCH_TZ

__all__ = ["BRANCH_TZ", "PERIODS", "HOURS_PER_DAY", "working_hours_between"]
PERIODS = ((dt.time(8, 30), dt.time(12, 0)), (dt.time(13, 30), dt.time(17, 30)))
HOURS_PER_DAY = 7.5


def working_hours_between(start: dt.datetime, end: dt.datetime) -> float:
    """Working hours elapsed between two aware instants (0 if end is before start)."""
    if end <= start:
        return 0.0
    start, end = start.astimezone(BRANCH_TZ), end.astimezone(BRANCH_TZ)
    total = 0.0
    day = start.date()
    # Whole weeks in the middle are counted arithmetically so a year-old case costs no loop.
    first, last = day, end.date()
    while day <= last:
        if day.weekday() < 5:
            if first < day < last:
                # A whole working day: no need to clip its periods (the queue computes this
                # for every row of every page it reads, so the clipping below was its main cost).
                total += HOURS_PER_DAY
            else:
                for a, b in PERIODS:
                    lo = max(start, dt.datetime.combine(day, a, BRANCH_TZ))
                    hi = min(end, dt.datetime.combine(day, b, BRANCH_TZ))
                    if hi > lo:
                        total += (hi - lo).total_seconds() / 3600
        day += dt.timedelta(days=1)
        if (last - day).days > 14 and day.weekday() == 0:
            weeks = (last - day).days // 7 - 1
            total += weeks * 5 * HOURS_PER_DAY
            day += dt.timedelta(weeks=weeks)
    return total
