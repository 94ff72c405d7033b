"""Demo cases are plausible: no proposal signed after the counter took it in."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from desk_app.store.models import Proposal


def test_demo_proposal_dates_are_not_after_the_intake(demo_store):
    with demo_store.reading() as s:
        rows = s.execute(select(Proposal.case_no, Proposal.proposal_date, Proposal.created_at,
                                Proposal.effective_date)).all()
    assert rows
    late = [r.case_no for r in rows if r.proposal_date > r.created_at.date()]
    assert late == []
    # ... and, as the core requires, the day before the effective date.
    assert all(r.effective_date - r.proposal_date == dt.timedelta(days=1) for r in rows)
