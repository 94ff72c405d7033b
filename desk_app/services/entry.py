"""Double data entry (初录/二录), comparison and reconciliation: one function per user action.

Blindness is enforced here and in the core, never by the screen: a pass's values are returned only
to the operator who keyed them, until both passes are compared; a comparison (both values of a
differing field) only to a reconciler who keyed neither pass, or to a supervisor.

The dataclasses and signatures are the agreed interface (the entry window, the command line and
the tests are written against it); the domain work is in desk_app.core.entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app import clock
from desk_app.core import proposals, workflow
from desk_app.core.entry import checks, figures, passes, refs, rounds
from desk_app.core.entry import reconcile as reconciling
from desk_app.core.entry.normalise import normalise
from desk_app.core.errors import InvalidInput, TransitionRefused
from desk_app.core.forms import FormDef
from desk_app.core.forms import form as form_def
from desk_app.core.problems import validation
from desk_app.core.problems.views import ValidationOutcome
from desk_app.core.roles import Actor
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store
from desk_app.store.models import EntryPass, Page, Proposal, User

TOUCHED = Changes(cases=True, queues=True, problems=True, sync=True)
DRAFT = Changes(sync=True)  # a field saved while keying: nothing any other view shows changes


@dataclass(frozen=True)
class PageRef:
    """A scanned page of the case's proposal form, in the form's page order."""

    page_id: str
    sha256: str
    media_type: str
    width: int
    height: int
    dpi: int
    form_page: int  # 1-based page of the form definition it shows


@dataclass(frozen=True)
class FieldMark:
    """A check on one value, shown inline beside the field while keying (never blocks typing)."""

    field_key: str
    severity: str  # "error" / "warning"
    message: str  # one Chinese sentence naming the value


@dataclass(frozen=True)
class EntryTask:
    """What the entry window opens: one pass of one round of a case, with only this operator's
    own values (a second-entry operator starts from empty fields)."""

    pass_id: str
    proposal_id: str
    case_no: str
    business_type: str
    form_code: str
    round: int
    pass_no: int  # 1 初录 / 2 二录
    fields: tuple[str, ...]  # the field keys to key in this round, in form order
    values: dict[str, str]  # this operator's saved values of this pass (drafts)
    pages: tuple[PageRef, ...]
    # For a partial re-entry round: the settled values of the fields not re-keyed (read-only
    # context). Empty for round 1.
    context: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Submitted:
    proposal_id: str
    case_no: str
    pass_no: int
    # After a second pass: "match" (every field equal: 比对一致, COMPARED) or "differ"
    # (RECONCILE, with this many fields to settle). None after a first pass.
    comparison: str | None
    differing: int = 0
    # After a matching second pass the rules run at once (校验): the case moved on to VALIDATED or
    # stopped as a problem case (see services.validation).
    validation: ValidationOutcome | None = None


@dataclass(frozen=True)
class CandidateCheck:
    message: str
    severity: str  # "error" / "warning"


@dataclass(frozen=True)
class FieldComparison:
    field_key: str
    label: str
    first_value: str
    second_value: str
    settled_value: str | None  # the value both agreed on, or the reconciler's choice
    outcome: str  # match / pending / first / second / third
    # For each differing candidate: the business checks that touch it with that value.
    first_checks: tuple[CandidateCheck, ...] = ()
    second_checks: tuple[CandidateCheck, ...] = ()
    region: tuple[float, float, float, float] = (0, 0, 0, 0)  # mm on the form page
    form_page: int = 1


@dataclass(frozen=True)
class Comparison:
    proposal_id: str
    case_no: str
    round: int
    first_operator: str  # display names
    second_operator: str
    fields: tuple[FieldComparison, ...]  # every field of the round, settled ones included
    pages: tuple[PageRef, ...] = ()

    @property
    def differing(self) -> tuple[FieldComparison, ...]:
        return tuple(f for f in self.fields if f.outcome == "pending")


@dataclass(frozen=True)
class Choice:
    """The reconciler's decision on one field: `pick` "1" or "2" (that pass's value), or "3" with
    `value` keyed anew; `note` optional."""

    field_key: str
    pick: str
    value: str = ""
    note: str = ""


@dataclass(frozen=True)
class OperatorFigure:
    username: str
    display_name: str
    field_key: str | None  # None: the operator's totals over every field
    cases: int
    fields_keyed: int
    keystrokes: int
    differences: int  # fields where this operator's pass differed from the other
    kept: int  # of those, how often this operator's value was the one kept
    active_minutes: float

    @property
    def kept_rate(self) -> float | None:
        return self.kept / self.differences if self.differences else None


def form_page_refs(session: Session, proposal_id: str, form_pages: int) -> tuple[PageRef, ...]:
    rows = session.scalars(select(Page).where(Page.proposal_id == proposal_id, Page.doc_type == "proposal_form",
                                              Page.deleted.is_(False)).order_by(Page.seq)).all()
    return tuple(PageRef(p.id, p.sha256, p.media_type, p.width, p.height, p.dpi, min(i + 1, max(form_pages, 1)))
                 for i, p in enumerate(rows))


def _task(session: Session, row: EntryPass) -> EntryTask:
    proposal = passes.load_case(session, row.proposal_id)
    form = form_def(row.form_code)
    fields = rounds.pass_fields(row)
    context: dict[str, str] = {}
    if row.round > 1:
        settled = rounds.settled_values(session, proposal.id, before_round=row.round)
        context = {k: v for k, v in settled.items() if k not in fields}
    return EntryTask(pass_id=row.id, proposal_id=proposal.id, case_no=proposal.case_no,
                     business_type=proposal.business_type, form_code=row.form_code, round=row.round,
                     pass_no=row.pass_no, fields=fields, values=passes.values_of(session, row.id),
                     pages=form_page_refs(session, proposal.id, form.pages), context=context)


def find_case(store: Store, text: str) -> str:
    """A case's id from its case number or proposal number (the command line's CASE)."""
    with store.reading() as session:
        return proposals.find_case(session, text.strip())


def next_task(store: Store, *, actor: Actor) -> Done[EntryTask | None]:
    """Take the next case from the shared pool (assigned to this operator first, then oldest
    first): a first entry of a scanned case, or the second entry of a case someone else keyed
    first. None when nothing waits for this operator."""
    with store.transaction() as session:
        row = passes.take_next(session, actor=actor, now=clock.now())
        if row is None:
            return Done(None)
        return Done(_task(session, row), TOUCHED)


def open_task(store: Store, *, actor: Actor, proposal_id: str) -> Done[EntryTask]:
    """Open (or resume) this operator's pass of a case: refused with one Chinese sentence when the
    operator may not key it (the second pass of a case they keyed first, a case at another stage)."""
    with store.transaction() as session:
        proposal = passes.load_case(session, proposal_id)
        row = passes.take(session, actor=actor, proposal=proposal, now=clock.now())
        return Done(_task(session, row), TOUCHED)


def assign(store: Store, *, actor: Actor, proposal_id: str, pass_no: int, username: str) -> Done[None]:
    """A supervisor assigns a case's pass to an operator (segregation checked now and at opening)."""
    with store.transaction() as session:
        proposal = passes.load_case(session, proposal_id)
        passes.assign(session, actor=actor, proposal=proposal, pass_no=pass_no, username=username, now=clock.now())
    return Done(None, TOUCHED)


def release(store: Store, *, actor: Actor, pass_id: str) -> Done[None]:
    """Give a taken pass back to the pool (its drafts kept for the same operator)."""
    with store.transaction() as session:
        passes.release(session, actor=actor, pass_id=pass_id)
    return Done(None, TOUCHED)


def _field_marks(form_code: str, values: dict[str, str], tables: refs.RefTables,
                 only: str | None = None) -> tuple[FieldMark, ...]:
    form = form_def(form_code)
    if only is not None:
        vals = {k: v for k, v in values.items() if k in form.keys}
        normalised = {k: normalise(form.field(k), v, form) for k, v in vals.items()}
        found = checks.marks_for(form, only, normalised, tables)
        return tuple(FieldMark(only, m.severity, m.message) for m in found)
    found = checks.marks(form, values, tables)
    return tuple(FieldMark(m.field_key, m.severity, m.message) for m in found)


def save_field(store: Store, *, actor: Actor, pass_id: str, field_key: str, value: str,
               keystrokes: int = 0) -> Done[tuple[FieldMark, ...]]:
    """Keep one field's value as keyed (a draft of the pass), so nothing typed is lost on a crash;
    returns the inline marks of that value. Only the pass's operator may save.

    A draft commits without waiting for the disk (store.transaction(durable=False)): it survives
    the app crashing, and submitting the pass makes every draft before it durable."""
    with store.transaction(durable=False) as session:
        form_code, values = passes.save_value(session, actor=actor, pass_id=pass_id, key=field_key, value=value,
                                              keystrokes=keystrokes, now=clock.now())
        tables = refs.tables(session)
    return Done(_field_marks(form_code, values, tables, only=field_key), DRAFT)


def field_marks(store: Store, *, form_code: str, values: dict[str, str]) -> tuple[FieldMark, ...]:
    """The inline checks of a set of values (format, check digits, codes in their tables, dates
    rule, premium total), with no store write."""
    try:
        form_def(form_code)
    except KeyError:
        raise InvalidInput(f"未知的表单“{form_code}”。") from None
    with store.reading() as session:
        tables = refs.tables(session)
    return _field_marks(form_code, values, tables)


def submit_pass(store: Store, *, actor: Actor, pass_id: str, values: dict[str, str] | None = None,
                keystrokes: int | None = None, active_ms: int | None = None) -> Done[Submitted]:
    """Finish a pass (values given here replace the drafts). A first pass moves the case to
    FIRST_ENTERED; a second pass is compared at once, field by field after normalisation: all
    equal → COMPARED, otherwise RECONCILE with the differing fields pending."""
    with store.transaction() as session:
        now = clock.now()
        row, differing = passes.submit(session, actor=actor, pass_id=pass_id, values=values, keystrokes=keystrokes,
                                       active_ms=active_ms, now=now)
        return Done(_submitted(session, actor, row, differing, now), TOUCHED)


def _validate_if_compared(session: Session, actor: Actor, proposal_id: str,
                          now: dt.datetime) -> ValidationOutcome | None:
    """A case just made COMPARED is validated in the same transaction, as its comparer: it moves on
    to 校验 or stops as a problem case, never waiting at 比对 for a click."""
    state = session.scalar(select(Proposal.state).where(Proposal.id == proposal_id))
    if state != workflow.State.COMPARED:
        return None
    return validation.validate_case(session, actor=actor, proposal_id=proposal_id, now=now)


def _submitted(session: Session, actor: Actor, row: EntryPass, differing: int | None, now: dt.datetime) -> Submitted:
    case_no = session.scalar(select(Proposal.case_no).where(Proposal.id == row.proposal_id)) or ""
    if differing is None:
        return Submitted(row.proposal_id, case_no, row.pass_no, None)
    outcome = _validate_if_compared(session, actor, row.proposal_id, now) if differing == 0 else None
    return Submitted(row.proposal_id, case_no, row.pass_no, "match" if differing == 0 else "differ", differing,
                     outcome)


def submit_values(store: Store, *, actor: Actor, proposal_id: str, pass_no: int,
                  values: dict[str, str]) -> Done[Submitted]:
    """The command line's `entry submit`: open the pass, key every value, submit, in one transaction."""
    with store.transaction() as session:
        proposal = passes.load_case(session, proposal_id)
        if pass_no not in passes.PASS_NAMES:
            raise InvalidInput("录入遍次只能是 1（初录）或 2（二录）。")
        stage = passes.pass_for_stage(proposal)
        if stage != pass_no:
            raise InvalidInput(f"案件 {proposal.case_no} 现在等待{passes.PASS_NAMES[stage]}，不是{passes.PASS_NAMES[pass_no]}。")
        now = clock.now()
        row = passes.take(session, actor=actor, proposal=proposal, now=now)
        row, differing = passes.submit(session, actor=actor, pass_id=row.id, values=values, keystrokes=None,
                                       active_ms=None, now=now)
        return Done(_submitted(session, actor, row, differing, now), TOUCHED)


def _comparison(session: Session, actor: Actor, proposal: Proposal) -> Comparison:
    round_no, first, second = reconciling.reconciler_round(session, actor, proposal)
    form = rounds.form_of(proposal)
    rows = reconciling.round_rows(session, proposal.id, round_no, form)
    base = reconciling.base_values(session, proposal.id, round_no)
    tables = refs.tables(session)
    names = dict(session.execute(select(User.id, User.display_name).where(
        User.id.in_((first.operator_id, second.operator_id)))).all())

    def cands(key: str, which: int) -> tuple[CandidateCheck, ...]:
        return tuple(CandidateCheck(m.message, m.severity)
                     for m in reconciling.candidate_marks(form, tables, base, rows, key, which))

    out = []
    for r in rows:
        fdef = form.field(r.field_key)
        differ = r.outcome != "match"
        out.append(FieldComparison(
            field_key=r.field_key, label=fdef.label, first_value=r.first_value, second_value=r.second_value,
            settled_value=r.value, outcome=r.outcome, first_checks=cands(r.field_key, 1) if differ else (),
            second_checks=cands(r.field_key, 2) if differ else (), region=fdef.region, form_page=fdef.page))
    return Comparison(proposal.id, proposal.case_no, round_no, names.get(first.operator_id, ""),
                      names.get(second.operator_id, ""), tuple(out), form_page_refs(session, proposal.id, form.pages))


def comparison(store: Store, *, actor: Actor, proposal_id: str) -> Comparison:
    """Both values of every field of the case's newest compared round: only for a reconciler who
    keyed neither pass, or a supervisor (refused otherwise, before anything is read)."""
    with store.reading() as session:
        return _comparison(session, actor, passes.load_case(session, proposal_id))


def reconcile(store: Store, *, actor: Actor, proposal_id: str, choices: list[Choice]) -> Done[Comparison]:
    """Settle differing fields. When every field of the round is settled the case moves to
    COMPARED. The choice, who made it and whose value was kept are recorded."""
    if not choices:
        raise InvalidInput("没有任何差异处理的选择。")
    with store.transaction() as session:
        proposal = passes.load_case(session, proposal_id)
        now = clock.now()
        reconciling.decide(session, actor=actor, proposal=proposal, now=now,
                           decisions=[reconciling.Decision(c.field_key, c.pick, c.value, c.note) for c in choices])
        cmp = _comparison(session, actor, proposal)
        # The last field settled: the case is COMPARED and is validated at once (see submit_pass).
        _validate_if_compared(session, actor, proposal.id, now)
        return Done(cmp, TOUCHED)


def request_reentry(store: Store, *, actor: Actor, proposal_id: str, fields: list[str], reason: str) -> Done[int]:
    """A problem case changes some fields: a new round keys only those, first and second entry
    again (returns the round number). Used by the problem-case work."""
    with store.transaction() as session:
        proposal = passes.load_case(session, proposal_id)
        if not actor.roles & workflow.ACTIONS["reenter"].roles:
            raise TransitionRefused("只有问题件处理员或业务主管可以安排部分重录。")
        now = clock.now()
        # The new round is opened before the step to 扫描: its number follows the settled round.
        round_no = rounds.open_reentry(session, proposal=proposal, fields=list(fields), now=now)
        workflow.perform(session, actor=actor, proposal_id=proposal.id, action="reenter", reason=reason, now=now)
    return Done(round_no, TOUCHED)


def case_values(store: Store, *, proposal_id: str) -> dict[str, str]:
    """The case's keyed form: per field, the value of its newest settled round."""
    with store.reading() as session:
        passes.load_case(session, proposal_id)
        return rounds.settled_values(session, proposal_id)


def operator_figures(store: Store, *, actor: Actor, since: dt.date | None = None,
                     until: dt.date | None = None, by_field: bool = False) -> list[OperatorFigure]:
    """Per operator (and per field with `by_field`): cases keyed, keystrokes, differences, and how
    often their value was kept. For supervisors."""
    with store.reading() as session:
        rows = figures.figures(session, actor=actor, since=since, until=until, by_field=by_field)
    return [OperatorFigure(f.username, f.display_name, f.field_key, f.cases, f.fields_keyed, f.keystrokes,
                           f.differences, f.kept, f.active_minutes) for f in rows]


def form_pages(store: Store, proposal_id: str) -> tuple[FormDef | None, tuple[PageRef, ...]]:
    """The form a case is keyed on and its scanned proposal-form pages in order, for screens that show
    the paper beside the case (the underwriting workbench); None when the case has no form."""
    with store.reading() as session:
        proposal = passes.load_case(session, proposal_id)
        try:
            form = rounds.form_of(proposal)
        except KeyError:
            return None, ()
        return form, form_page_refs(session, proposal.id, form.pages)
