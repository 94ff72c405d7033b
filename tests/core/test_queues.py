"""Work queues: which cases each role sees, oldest first, paged by keyset, with overdue marks."""

from __future__ import annotations

import datetime as dt

from desk_app.core import demo, queues
from desk_app.core.queues import QUEUE_STATES
from desk_app.core.roles import Role
from desk_app.core.workflow import TERMINAL, State


def test_each_role_sees_its_stages_oldest_first(demo_store):
    with demo_store.reading() as s:
        for role, states in QUEUE_STATES.items():
            rows = queues.queue_page(s, role, limit=1000)
            assert {r.state for r in rows} == set(states)
            assert [r.state_since for r in rows] == sorted(r.state_since for r in rows)
            assert queues.queue_count(s, role) == len(rows)


def test_supervisor_sees_every_open_case_and_nothing_closed(demo_store):
    with demo_store.reading() as s:
        rows = queues.queue_page(s, Role.SUPERVISOR, limit=10_000)
    assert rows and not {r.state for r in rows} & TERMINAL


def test_keyset_pages_cover_the_queue_once(demo_store):
    with demo_store.transaction() as s:
        demo.bulk_cases(s, n=900, states=[State.SCANNED, State.FIRST_ENTERED, State.COMPARED], seed=3)
    seen = []
    with demo_store.reading() as s:
        total = queues.queue_count(s, Role.ENTRY_OPERATOR)
        after = None
        while True:
            page = queues.queue_page(s, Role.ENTRY_OPERATOR, after=after, limit=97)
            if not page:
                break
            seen.extend(page)
            after = page[-1].cursor
    assert len(seen) == total and len({r.proposal_id for r in seen}) == total
    assert [r.cursor for r in seen] == sorted(r.cursor for r in seen)


def test_age_in_working_hours_and_overdue(demo_store):
    with demo_store.reading() as s:
        rows = queues.queue_page(s, Role.SCANNING_OPERATOR, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=30))
    assert rows and all(r.overdue and r.age_hours > queues.STAGE_SLA_HOURS[State.RECEIVED] for r in rows)
    with demo_store.reading() as s:
        first = queues.queue_page(s, Role.SCANNING_OPERATOR)[0]
        fresh = queues.queue_page(s, Role.SCANNING_OPERATOR, now=first.state_since)[0]
    assert fresh.age_hours == 0 and not fresh.overdue


def test_queue_roles_in_flow_order():
    assert queues.queue_roles(frozenset({Role.UNDERWRITER, Role.COUNTER_CLERK, Role.ADMIN})) == [
        Role.COUNTER_CLERK, Role.UNDERWRITER]
