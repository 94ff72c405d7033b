"""Partial re-entry (a round keying only its fields, the case's values taking the newest round)
and the operator figures."""

from __future__ import annotations

import pytest

from desk_app.core.errors import DomainError, TransitionRefused
from desk_app.services import entry
from desk_app.services.entry import Choice
from tests.entry.helpers import group_values, key_pass, state_of


def _to_problem(store, actors, pid):
    values = group_values()
    key_pass(store, actors["entry1"], pid, values)
    # Compared, then validated at once: the rules stop it (no insured list), so it is at 问题件.
    key_pass(store, actors["entry2"], pid, values)
    assert state_of(store, pid) == "PROBLEM"
    return values


def test_partial_reentry_keys_only_its_fields_and_the_newest_round_wins(demo_store, actors, group_case, entry3):
    pid, _ = group_case
    values = _to_problem(demo_store, actors, pid)
    with pytest.raises(TransitionRefused):
        entry.request_reentry(demo_store, actor=actors["entry1"], proposal_id=pid, fields=["premium_total"],
                              reason="客户更正")
    with pytest.raises(DomainError):
        entry.request_reentry(demo_store, actor=actors["problem"], proposal_id=pid, fields=["no_such"], reason="x")
    assert state_of(demo_store, pid) == "PROBLEM"
    fields = ["product_1_premium", "premium_total"]
    done = entry.request_reentry(demo_store, actor=actors["problem"], proposal_id=pid, fields=fields,
                                 reason="客户更正保费")
    assert done.value == 2 and state_of(demo_store, pid) == "SCANNED"
    assert entry.case_values(demo_store, proposal_id=pid)["premium_total"] == "6000.00"  # round 1 still stands

    # This time entry2 keys first and entry1 second: segregation is per round.
    task = entry.open_task(demo_store, actor=actors["entry2"], proposal_id=pid).value
    assert (task.round, task.pass_no, task.fields) == (2, 1, ("product_1_premium", "premium_total"))
    assert task.values == {} and task.context["applicant_name"] == values["applicant_name"]
    assert "premium_total" not in task.context
    with pytest.raises(DomainError, match="没有字段"):
        entry.save_field(demo_store, actor=actors["entry2"], pass_id=task.pass_id, field_key="applicant_name",
                         value="改名")
    entry.submit_pass(demo_store, actor=actors["entry2"], pass_id=task.pass_id,
                      values={"product_1_premium": "2500", "premium_total": "6100"})
    second = entry.open_task(demo_store, actor=actors["entry1"], proposal_id=pid).value
    assert second.fields == task.fields and second.values == {}
    out = entry.submit_pass(demo_store, actor=actors["entry1"], pass_id=second.pass_id,
                            values={"product_1_premium": "2,500.00", "premium_total": "6,000"}).value
    assert (out.comparison, out.differing) == ("differ", 1)
    cmp = entry.comparison(demo_store, actor=entry3, proposal_id=pid)
    assert cmp.round == 2 and [f.field_key for f in cmp.fields] == fields
    entry.reconcile(demo_store, actor=entry3, proposal_id=pid, choices=[Choice("premium_total", "1")])
    # Compared and validated at once: the rules still stop it (no insured list).
    assert state_of(demo_store, pid) == "PROBLEM"
    kept = entry.case_values(demo_store, proposal_id=pid)
    assert (kept["product_1_premium"], kept["premium_total"]) == ("2500.00", "6100.00")
    assert kept["applicant_name"] == values["applicant_name"] and len(kept) == len(values)


COUNTS = ("cases", "fields_keyed", "keystrokes", "differences", "kept")


def _counts(store, actor, by_field: bool = False) -> dict:
    """Each operator's (and field's) counts, to take this test's work apart from the demo's history."""
    return {(f.username, f.field_key): tuple(getattr(f, c) for c in COUNTS)
            for f in entry.operator_figures(store, actor=actor, by_field=by_field)}


def _added(after: dict, before: dict, key) -> tuple:
    return tuple(a - b for a, b in zip(after[key], before.get(key, (0,) * len(COUNTS)), strict=True))


def test_figures_per_operator_and_field_for_supervisors_only(demo_store, actors, group_case, entry3):
    pid, _ = group_case
    values = group_values()
    before, before_fields = _counts(demo_store, actors["super"]), _counts(demo_store, actors["super"], True)
    key_pass(demo_store, actors["entry1"], pid, values)
    key_pass(demo_store, actors["entry2"], pid, values | {"premium_total": "6600", "contact_name": "李虹"})
    entry.reconcile(demo_store, actor=entry3, proposal_id=pid,
                    choices=[Choice("premium_total", "1"), Choice("contact_name", "2")])
    with pytest.raises(TransitionRefused):
        entry.operator_figures(demo_store, actor=actors["entry1"])
    after, after_fields = _counts(demo_store, actors["super"]), _counts(demo_store, actors["super"], True)
    n = len(values)
    assert _added(after, before, ("entry1", None)) == (1, n, 5 * n, 2, 1)
    assert _added(after, before, ("entry2", None))[:2] + _added(after, before, ("entry2", None))[3:] == (1, n, 2, 1)
    totals = {f.username: f for f in entry.operator_figures(demo_store, actor=actors["super"])}
    assert totals["entry1"].field_key is None and totals["entry1"].active_minutes >= 1.0
    kept = {k: _added(after_fields, before_fields, k)[4] for k in
            (("entry1", "premium_total"), ("entry2", "premium_total"), ("entry2", "contact_name"))}
    assert kept == {("entry1", "premium_total"): 1, ("entry2", "premium_total"): 0, ("entry2", "contact_name"): 1}
    assert _added(after_fields, before_fields, ("entry1", "applicant_name"))[2:4] == (5, 0)  # keystrokes, differences
    import datetime as dt

    from desk_app import clock

    assert entry.operator_figures(demo_store, actor=actors["super"], since=clock.today() + dt.timedelta(days=1)) == []
