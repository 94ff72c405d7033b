"""Working hours between two instants, against a minute-by-minute count."""

from __future__ import annotations

import datetime as dt
import random

from desk_app.core.worktime import BRANCH_TZ, PERIODS, working_hours_between


def slow_count(start: dt.datetime, end: dt.datetime) -> float:
    minutes = 0
    t = start.astimezone(BRANCH_TZ)
    end = end.astimezone(BRANCH_TZ)
    while t < end:
        if t.weekday() < 5 and any(a <= t.time() < b for a, b in PERIODS):
            minutes += 1
        t += dt.timedelta(minutes=1)
    return minutes / 60


def test_examples():
    mon = dt.datetime(2026, 11, 23, 9, 0, tzinfo=BRANCH_TZ)
    assert working_hours_between(mon, mon.replace(hour=11)) == 2
    assert working_hours_between(mon, mon.replace(hour=14)) == 3.5  # lunch 12:00-13:30 not counted
    assert working_hours_between(mon, mon + dt.timedelta(days=7)) == 37.5
    sat = dt.datetime(2026, 11, 28, 10, tzinfo=BRANCH_TZ)
    assert working_hours_between(sat, sat + dt.timedelta(hours=30)) == 0
    assert working_hours_between(mon, mon - dt.timedelta(hours=1)) == 0


def test_matches_minute_count_on_random_spans():
    rng = random.Random(11)
    base = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    for _ in range(25):
        start = base + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 40))
        end = start + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 30))
        assert abs(working_hours_between(start, end) - slow_count(start, end)) < 1e-9


def day_by_day(start: dt.datetime, end: dt.datetime) -> float:
    """Each day's periods clipped to the span and summed (the straightforward count)."""
    start, end = start.astimezone(BRANCH_TZ), end.astimezone(BRANCH_TZ)
    total, day = 0.0, start.date()
    while day <= end.date():
        if day.weekday() < 5:
            for a, b in PERIODS:
                lo = max(start, dt.datetime.combine(day, a, BRANCH_TZ))
                hi = min(end, dt.datetime.combine(day, b, BRANCH_TZ))
                total += max(0.0, (hi - lo).total_seconds() / 3600)
        day += dt.timedelta(days=1)
    return total


def test_matches_a_day_by_day_count_over_years_and_to_the_microsecond():
    rng = random.Random(7)
    base = dt.datetime(1998, 6, 1, tzinfo=dt.UTC)  # before and after the counter's epoch Monday
    for _ in range(200):
        start = base + dt.timedelta(microseconds=rng.randrange(0, 10**6 * 3600 * 24 * 365 * 4))
        end = start + dt.timedelta(microseconds=rng.randrange(0, 10**6 * 3600 * 24 * 500))
        assert abs(working_hours_between(start, end) - day_by_day(start, end)) < 1e-6
