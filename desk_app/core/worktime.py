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


# Working time is counted in whole microseconds from a Monday at midnight (local), so the hours
# between two instants are one subtraction and exact wherever the inputs are.
_EPOCH = dt.date(2000, 1, 3)  # a Monday
_US_PER_HOUR = 3_600_000_000
_DAY_US = int(HOURS_PER_DAY * _US_PER_HOUR)
_PERIODS_US = tuple(((a.hour * 60 + a.minute) * 60_000_000, (b.hour * 60 + b.minute) * 60_000_000)
                    for a, b in PERIODS)


def _worked_us(instant: dt.datetime) -> int:
    """Working microseconds from the epoch Monday's midnight (branch time) up to `instant`."""
    local = instant.astimezone(BRANCH_TZ)
    weeks, weekday = divmod((local.date() - _EPOCH).days, 7)
    total = (weeks * 5 + min(weekday, 5)) * _DAY_US
    if weekday < 5:
        of_day = ((local.hour * 60 + local.minute) * 60 + local.second) * 1_000_000 + local.microsecond
        for a, b in _PERIODS_US:
            if of_day > a:
                total += min(of_day, b) - a
    return total


def working_hours_between(start: dt.datetime, end: dt.datetime) -> float:
    """Working hours elapsed between two aware instants (0 if end is before start).

    Constant time (the queue computes it for every row of every page it reads)."""
    if end <= start:
        return 0.0
    return (_worked_us(end) - _worked_us(start)) / _US_PER_HOUR
