"""Blindness and segregation: B never reads A's values through any call B can make; A never takes
the second pass of a case A keyed; the reconciler is neither A nor B (a supervisor who keyed a
pass included)."""

from __future__ import annotations

import dataclasses

import pytest

from desk_app.core.errors import DomainError, NotFound, TransitionRefused
from desk_app.services import entry
from desk_app.services.entry import Choice
from tests.entry.helpers import group_values, key_pass, state_of

SECRET = "甲方独有的单位名称"


def _contains(obj, text: str) -> bool:
    if dataclasses.is_dataclass(obj):
        return any(_contains(getattr(obj, f.name), text) for f in dataclasses.fields(obj))
    if isinstance(obj, dict):
        return any(_contains(k, text) or _contains(v, text) for k, v in obj.items())
    if isinstance(obj, (list, tuple, set)):
        return any(_contains(v, text) for v in obj)
    return isinstance(obj, str) and text in obj


@pytest.fixture
def first_keyed(demo_store, actors, group_case):
    """A has keyed and submitted the first pass with a value only A keyed."""
    pid, _ = group_case
    task = entry.open_task(demo_store, actor=actors["entry1"], proposal_id=pid).value
    for k, v in (group_values() | {"applicant_name": SECRET}).items():
        entry.save_field(demo_store, actor=actors["entry1"], pass_id=task.pass_id, field_key=k, value=v)
    entry.submit_pass(demo_store, actor=actors["entry1"], pass_id=task.pass_id)
    return pid, task.pass_id


def test_b_starts_empty_and_no_call_of_b_returns_a_values(demo_store, actors, first_keyed, entry3):
    pid, a_pass = first_keyed
    b = actors["entry2"]
    task = entry.next_task(demo_store, actor=b).value
    # The pool offers B the second pass of A's case (oldest waiting) or a first pass elsewhere:
    # whichever it is, it carries only B's own (empty) values.
    assert task is not None and task.values == {} and not _contains(task, SECRET)
    opened = entry.open_task(demo_store, actor=b, proposal_id=pid).value
    assert opened.pass_no == 2 and opened.values == {} and not _contains(opened, SECRET)
    assert opened.pass_id != a_pass
    # Forged calls with B's identity on A's pass id: refused as if it did not exist, nothing returned.
    with pytest.raises(NotFound) as refused:
        entry.save_field(demo_store, actor=b, pass_id=a_pass, field_key="applicant_name", value="x")
    assert SECRET not in refused.value.message
    for call in (lambda: entry.submit_pass(demo_store, actor=b, pass_id=a_pass),
                 lambda: entry.release(demo_store, actor=b, pass_id=a_pass)):
        with pytest.raises(NotFound):
            call()
    # The comparison is refused to B (and to anyone) while the round is not compared.
    for who in (b, actors["entry1"], entry3, actors["super"]):
        with pytest.raises(TransitionRefused):
            entry.comparison(demo_store, actor=who, proposal_id=pid)
    # B's marks see only B's values: the cross-field premium check has no A values to read.
    marks = entry.save_field(demo_store, actor=b, pass_id=opened.pass_id, field_key="premium_total",
                             value="6000").value
    assert not _contains(marks, SECRET)
    assert entry.case_values(demo_store, proposal_id=pid) == {}


def test_a_never_gets_the_second_pass_of_a_case_a_keyed(demo_store, actors, first_keyed):
    pid, _ = first_keyed
    a = actors["entry1"]
    with pytest.raises(TransitionRefused, match="初录以外"):
        entry.open_task(demo_store, actor=a, proposal_id=pid)
    # Neither from the pool: whatever A is offered is never this case's second pass.
    seen = []
    while (task := entry.next_task(demo_store, actor=a).value) is not None:
        assert task.proposal_id != pid
        seen.append(task.proposal_id)
        entry.submit_pass(demo_store, actor=a, pass_id=task.pass_id, values={})
    assert state_of(demo_store, pid) == "FIRST_ENTERED"
    with pytest.raises(TransitionRefused, match="初录"):
        entry.assign(demo_store, actor=actors["super"], proposal_id=pid, pass_no=2, username="entry1")
    with pytest.raises(TransitionRefused):
        entry.assign(demo_store, actor=actors["entry2"], proposal_id=pid, pass_no=2, username="entry2")


def test_reconciler_is_neither_a_nor_b_even_a_supervisor(demo_store, actors, group_case, entry3):
    pid, _ = group_case
    boss = actors["super"]
    values = group_values()
    key_pass(demo_store, actors["entry1"], pid, values)
    key_pass(demo_store, actors["entry2"], pid, values | {"premium_total": "1"})
    for who in (actors["entry1"], actors["entry2"]):
        with pytest.raises(TransitionRefused, match="不能查看或处理"):
            entry.comparison(demo_store, actor=who, proposal_id=pid)
        with pytest.raises(TransitionRefused):
            entry.reconcile(demo_store, actor=who, proposal_id=pid, choices=[Choice("premium_total", "1")])
    with pytest.raises(TransitionRefused, match="权限"):
        entry.comparison(demo_store, actor=actors["clerk"], proposal_id=pid)
    assert len(entry.comparison(demo_store, actor=boss, proposal_id=pid).differing) == 1
    assert len(entry.comparison(demo_store, actor=entry3, proposal_id=pid).differing) == 1
    assert state_of(demo_store, pid) == "RECONCILE"


def test_a_supervisor_who_keyed_a_pass_may_not_reconcile_it(demo_store, actors, group_case):
    from desk_app.core import users
    from desk_app.core.demo import DEMO_PASSWORD
    from desk_app.core.roles import Role

    pid, _ = group_case
    with demo_store.transaction() as s:
        users.add_user(s, actor=None, username="lead", display_name="组长 王", password=DEMO_PASSWORD,
                       roles=(Role.ENTRY_OPERATOR, Role.SUPERVISOR))
    with demo_store.reading() as s:
        lead = users.actor_for(s, "lead")
    values = group_values()
    key_pass(demo_store, lead, pid, values)
    key_pass(demo_store, actors["entry2"], pid, values | {"premium_total": "1"})
    with pytest.raises(TransitionRefused, match="不能查看或处理"):
        entry.comparison(demo_store, actor=lead, proposal_id=pid)


def test_taken_passes_are_not_offered_and_a_released_pass_starts_empty_for_the_next(demo_store, actors, group_case):
    pid, _ = group_case
    a, b = actors["entry1"], actors["entry2"]
    task = entry.open_task(demo_store, actor=a, proposal_id=pid).value
    entry.save_field(demo_store, actor=a, pass_id=task.pass_id, field_key="applicant_name", value=SECRET)
    with pytest.raises(TransitionRefused, match="已由录入员 孙丽领取"):
        entry.open_task(demo_store, actor=b, proposal_id=pid)
    entry.release(demo_store, actor=a, pass_id=task.pass_id)
    # A resumes with A's drafts...
    again = entry.open_task(demo_store, actor=a, proposal_id=pid).value
    assert again.values == {"applicant_name": SECRET}
    entry.release(demo_store, actor=a, pass_id=task.pass_id)
    # ...but B, taking the released pass, starts from empty fields.
    taken = entry.open_task(demo_store, actor=b, proposal_id=pid).value
    assert taken.pass_no == 1 and taken.values == {}
    with pytest.raises(DomainError):
        entry.save_field(demo_store, actor=a, pass_id=task.pass_id, field_key="applicant_name", value="x")


def test_assigned_case_comes_first_from_the_pool(demo_store, actors, group_case):
    from tests.entry.helpers import scanned_cases

    newest_pid = scanned_cases(demo_store)[-1][0]
    entry.assign(demo_store, actor=actors["super"], proposal_id=newest_pid, pass_no=1, username="entry2")
    with pytest.raises(TransitionRefused):
        entry.open_task(demo_store, actor=actors["entry1"], proposal_id=newest_pid)
    assert entry.next_task(demo_store, actor=actors["entry2"]).value.proposal_id == newest_pid
    from sqlalchemy import select

    from desk_app.store.models import Proposal

    with demo_store.reading() as s:
        waiting = s.scalars(select(Proposal.id).where(Proposal.state == "SCANNED", Proposal.id != newest_pid)
                            .order_by(Proposal.state_since, Proposal.id)).all()
    assert entry.next_task(demo_store, actor=actors["entry1"]).value.proposal_id == waiting[0]
