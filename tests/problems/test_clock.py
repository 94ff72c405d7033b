"""Due dates in working days (weekends skipped, the policy's number of days), the countdown in
working hours and its marks."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from desk_app import clock as app_clock
from desk_app.core.problems import clock
from desk_app.core.worktime import BRANCH_TZ
from desk_app.store.base import new_id
from desk_app.store.models import Policy


def _weekday(wd: int, hour: int, minute: int = 0) -> dt.datetime:
    """The next such weekday (0 Monday) at that branch time, counted from the clock's today."""
    today = app_clock.today()
    day = today + dt.timedelta(days=(wd - today.weekday()) % 7 or 7)
    return dt.datetime.combine(day, dt.time(hour, minute), BRANCH_TZ)


def test_five_working_days_skip_the_weekend():
    friday = _weekday(4, 10)
    assert clock.due_at(friday, 5).astimezone(BRANCH_TZ) == friday + dt.timedelta(days=7)
    # Friday 16:00 + one working day: 1.5 h on Friday, 3.5 h Monday morning, 2.5 h Monday afternoon.
    late = _weekday(4, 16)
    assert clock.due_at(late, 1).astimezone(BRANCH_TZ) == late + dt.timedelta(days=3)
    # Noticed on a Saturday: the count starts Monday 08:30, five days end Friday 17:30.
    saturday = _weekday(5, 11)
    due = clock.due_at(saturday, 5).astimezone(BRANCH_TZ)
    assert (due.weekday(), due.time()) == (4, dt.time(17, 30)) and (due - saturday).days == 6
    # In the lunch break: from 13:30.
    lunch = _weekday(1, 12, 30)
    assert clock.add_working_hours(lunch, 1).astimezone(BRANCH_TZ).time() == dt.time(14, 30)


def test_countdown_marks_warning_under_a_working_day_and_overdue_after():
    friday = _weekday(4, 10)
    due = clock.due_at(friday, 5)
    assert clock.countdown(due, friday).mark == "ok" and clock.countdown(due, friday).remaining_hours == 37.5
    # The Thursday before, 10:00: exactly one working day left (not yet a warning); 11:00: a warning.
    thursday = friday + dt.timedelta(days=6)
    assert clock.countdown(due, thursday).mark == "ok"
    near = clock.countdown(due, thursday + dt.timedelta(hours=1))
    assert near.mark == "warning" and near.remaining_hours == 6.5 and near.text == "剩余 6.5 小时"
    # Over the weekend before the due Friday nothing is counted; past it, overdue in working hours.
    late = clock.countdown(due, due + dt.timedelta(days=3, hours=2))  # Monday 12:00
    assert late.mark == "overdue" and late.remaining_hours == -(6 + 3.5) and late.text.startswith("超期 1 天")
    assert clock.countdown(None, friday).mark == "" and clock.countdown(due, friday, closed=True).mark == ""


def test_countdown_text_rounds_before_it_splits_into_days():
    friday = _weekday(4, 10)
    due = clock.due_at(friday, 5)
    # Read a moment after the notice: five working days less a few seconds.
    assert clock.countdown(due, friday + dt.timedelta(seconds=3)).text == "剩余 5 天"
    assert clock.countdown(due, friday + dt.timedelta(minutes=30)).text == "剩余 4 天 7.0 小时"
    assert clock.countdown(due, due + dt.timedelta(minutes=1)).text == "超期 0.0 小时"


def test_due_days_come_from_head_office_policy(demo_store):
    with demo_store.reading() as s:
        assert clock.due_days(s) == 5
    with demo_store.transaction() as s:
        s.execute(insert(Policy).values(id=new_id(), branch_code="HO", key=clock.POLICY_KEY, value="3",
                                        created_at=app_clock.now(), updated_at=app_clock.now(), deleted=False))
    with demo_store.reading() as s:
        assert clock.due_days(s) == 3
    with demo_store.transaction() as s:
        s.query(Policy).filter(Policy.key == clock.POLICY_KEY).update({"value": "很多"})
    with demo_store.reading() as s:
        assert clock.due_days(s) == 5  # an unreadable value keeps the default
