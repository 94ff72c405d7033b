"""First entry, blind second entry, comparison and reconciliation through the services."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk_app.core import workflow
from desk_app.core.errors import DomainError
from desk_app.services import entry
from desk_app.services.entry import Choice
from desk_app.store.models import EntryField, User
from tests.entry.helpers import group_values, key_pass, state_of


def test_all_fields_keyed_alike_settle_the_case(demo_store, actors, group_case):
    pid, case_no = group_case
    values = group_values()
    first = key_pass(demo_store, actors["entry1"], pid, values)
    assert (first.pass_no, first.comparison, first.case_no) == (1, None, case_no)
    assert state_of(demo_store, pid) == "FIRST_ENTERED"
    # B keys the same paper in other formats: equal after normalisation.
    second_values = values | {"premium_total": "￥6,000", "proposal_date": values["proposal_date"].replace("-", "/"),
                              "contact_phone": "138 0013 8000", "applicant_name": "广州市天河科技有限公司　",
                              "contact_id_no": values["contact_id_no"].lower()}
    second = key_pass(demo_store, actors["entry2"], pid, second_values)
    assert (second.comparison, second.differing) == ("match", 0)
    # Compared, then validated at once: this case has no insured list (R016), so it stops as a problem case.
    assert state_of(demo_store, pid) == "PROBLEM" and second.validation.state == "PROBLEM"
    assert "R016" in {f.code for f in second.validation.run.blocking}
    kept = entry.case_values(demo_store, proposal_id=pid)
    assert kept["premium_total"] == "6000.00" and kept["contact_phone"] == "13800138000"
    assert kept["applicant_name"] == "广州市天河科技有限公司"
    with demo_store.reading() as s:
        actions = [e.action for e in workflow.history(s, pid)][-4:]
    assert actions == ["first_entry", "second_entry", "compare_match", "raise_problem"]


def test_differences_wait_for_a_reconciler_who_records_whose_value_was_kept(demo_store, actors, group_case, entry3):
    pid, _ = group_case
    values = group_values()
    key_pass(demo_store, actors["entry1"], pid, values)
    typo = values | {"premium_total": "6600.00", "contact_name": "李虹"}
    second = key_pass(demo_store, actors["entry2"], pid, typo)
    assert (second.comparison, second.differing) == ("differ", 2)
    assert state_of(demo_store, pid) == "RECONCILE"
    assert "premium_total" not in entry.case_values(demo_store, proposal_id=pid)  # no silent merge

    cmp = entry.comparison(demo_store, actor=entry3, proposal_id=pid)
    assert (cmp.first_operator, cmp.second_operator) == ("录入员 孙丽", "录入员 郑浩")
    diff = {f.field_key: f for f in cmp.differing}
    assert set(diff) == {"premium_total", "contact_name"}
    total = diff["premium_total"]
    assert (total.first_value, total.second_value, total.settled_value) == ("6000.00", "6600.00", None)
    # The business check shown beside each candidate: only B's total fails the premium sum.
    assert total.first_checks == ()
    assert any("不等于各险种保费之和" in c.message for c in total.second_checks)
    assert total.region[2] > 0 and total.form_page == 1

    done = entry.reconcile(demo_store, actor=entry3, proposal_id=pid,
                           choices=[Choice("premium_total", "1", note="按投保单")])
    assert state_of(demo_store, pid) == "RECONCILE" and len(done.value.differing) == 1
    done = entry.reconcile(demo_store, actor=entry3, proposal_id=pid,
                           choices=[Choice("contact_name", "3", value="李 宏")])
    # The last field settled: compared, and validated at once (no insured list: a problem case).
    assert done.value.differing == () and state_of(demo_store, pid) == "PROBLEM"
    with demo_store.reading() as s:
        rows = {r.field_key: r for r in s.scalars(select(EntryField).where(EntryField.proposal_id == pid))}
        c_id = s.scalar(select(User.id).where(User.username == "entry3"))
        last = [e for e in workflow.history(s, pid) if e.action == "reconcile"][-1]
    assert (rows["premium_total"].outcome, rows["premium_total"].value, rows["premium_total"].note) == (
        "first", "6000.00", "按投保单")
    assert (rows["contact_name"].outcome, rows["contact_name"].value) == ("third", "李宏")
    assert rows["premium_total"].decided_by == c_id and rows["premium_total"].decided_at is not None
    assert (last.action, last.actor_id) == ("reconcile", c_id)
    kept = entry.case_values(demo_store, proposal_id=pid)
    assert kept["premium_total"] == "6000.00" and kept["contact_name"] == "李宏"


def test_reconcile_refuses_bad_choices_and_changes_nothing(demo_store, actors, group_case, entry3):
    pid, _ = group_case
    values = group_values()
    key_pass(demo_store, actors["entry1"], pid, values)
    key_pass(demo_store, actors["entry2"], pid, values | {"premium_total": "6600.00"})
    for bad in ([Choice("no_such_field", "1")], [Choice("premium_total", "4")],
                [Choice("applicant_name", "1")], [Choice("premium_total", "3", value="")]):
        with pytest.raises(DomainError):
            entry.reconcile(demo_store, actor=entry3, proposal_id=pid, choices=bad)
    assert len(entry.comparison(demo_store, actor=entry3, proposal_id=pid).differing) == 1
    assert state_of(demo_store, pid) == "RECONCILE"
