"""The counter on days that break date code: a leap day and a year's last day.

Each test moves the whole clock (time-machine moves Python's C-level clock, so code that bypassed
desk_app.clock would travel too) and runs the stationery, intake and receipt paths there: a date
written as a literal, or "today" taken from anywhere but the clock, fails here the day it is written.
The days are travel targets, not expectations of today's date: they stay valid after they pass.
"""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
import time_machine

from desk_app import clock
from desk_app.core import intake, stationery
from desk_app.core.errors import InvalidInput
from desk_app.services.intake import take_in
from tests.intake.helpers import draft, request

DAYS = [dt.date(2028, 2, 29), dt.date(2031, 12, 31)]


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), clock.BRANCH_TZ)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_stationery_intake_and_receipt_on_a_hard_day(demo_store, actors, day):
    boss, clerk = actors["super"], actors["clerk"]
    issued_on = day - dt.timedelta(days=40)
    with time_machine.travel(at(issued_on), tick=True):
        with demo_store.transaction() as s:
            stationery.receive_batch(s, actor=boss, batch_no=f"HO-{issued_on:%Y}-77", first="T490000001",
                                     last="T490000020")
            stationery.issue_range(s, actor=boss, first="T490000001", last="T490000020", holder="AG1001")

    with time_machine.travel(at(day), tick=True):
        assert clock.today() == day
        with demo_store.reading() as s:
            unused = stationery.unused_report(s, older_than_days=30)
        mine = [r for r in unused if r.number.startswith("T4900000")]
        assert len(mine) == 20 and {r.days for r in mine} == {40}

        tomorrow = day + dt.timedelta(days=1)  # the day after the leap day; New Year's Day
        d = draft(proposal_no="T490000001", effective_date=tomorrow, proposal_date=day)
        taken = take_in(demo_store, actor=clerk, request=request(demo_store, d)).value
        assert taken.result.outcome == "accepted"
        assert taken.result.case_no.startswith(f"GD0101{day:%Y%m%d}")
        text = pypdf.PdfReader(io.BytesIO(taken.paper.pdf)).pages[0].extract_text()
        assert f"{tomorrow:%Y-%m-%d}" in text and f"{day:%Y-%m-%d}" in text

        yesterday = day - dt.timedelta(days=1)
        late = draft(proposal_no="T490000002", effective_date=yesterday,
                     proposal_date=yesterday - dt.timedelta(days=1))
        with pytest.raises(InvalidInput, match=f"生效日期 {yesterday:%Y-%m-%d} 已过"):
            take_in(demo_store, actor=clerk, request=request(demo_store, late))
        with demo_store.reading() as s:
            assert any("已被使用" in e for e in intake.preview(s, d).errors)  # the number was used that day
