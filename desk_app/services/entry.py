"""Double data entry (初录/二录), comparison and reconciliation: one function per user action.

Blindness is enforced here and in the core, never by the screen: a pass's values are returned only
to the operator who keyed them, until both passes are compared; a comparison (both values of a
differing field) only to a reconciler who keyed neither pass, or to a supervisor.

THIS FILE IS THE AGREED INTERFACE (the entry window, the command line and the tests are written
against it); bodies marked NotImplementedError are being filled in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desk_app.core.roles import Actor
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store

TOUCHED = Changes(cases=True, queues=True, sync=True)
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


def next_task(store: Store, *, actor: Actor) -> Done[EntryTask | None]:
    """Take the next case from the shared pool (assigned to this operator first, then oldest
    first): a first entry of a scanned case, or the second entry of a case someone else keyed
    first. None when nothing waits for this operator."""
    raise NotImplementedError


def open_task(store: Store, *, actor: Actor, proposal_id: str) -> Done[EntryTask]:
    """Open (or resume) this operator's pass of a case: refused with one Chinese sentence when the
    operator may not key it (the second pass of a case they keyed first, a case at another stage)."""
    raise NotImplementedError


def assign(store: Store, *, actor: Actor, proposal_id: str, pass_no: int, username: str) -> Done[None]:
    """A supervisor assigns a case's pass to an operator (segregation checked now and at opening)."""
    raise NotImplementedError


def release(store: Store, *, actor: Actor, pass_id: str) -> Done[None]:
    """Give a taken pass back to the pool (its drafts kept for the same operator)."""
    raise NotImplementedError


def save_field(store: Store, *, actor: Actor, pass_id: str, field_key: str, value: str,
               keystrokes: int = 0) -> Done[tuple[FieldMark, ...]]:
    """Keep one field's value as keyed (a draft of the pass), so nothing typed is lost on a crash;
    returns the inline marks of that value. Only the pass's operator may save."""
    raise NotImplementedError


def field_marks(store: Store, *, form_code: str, values: dict[str, str]) -> tuple[FieldMark, ...]:
    """The inline checks of a set of values (format, check digits, codes in their tables, dates
    rule, premium total), with no store write."""
    raise NotImplementedError


def submit_pass(store: Store, *, actor: Actor, pass_id: str, values: dict[str, str] | None = None,
                keystrokes: int | None = None, active_ms: int | None = None) -> Done[Submitted]:
    """Finish a pass (values given here replace the drafts). A first pass moves the case to
    FIRST_ENTERED; a second pass is compared at once, field by field after normalisation: all
    equal → COMPARED, otherwise RECONCILE with the differing fields pending."""
    raise NotImplementedError


def submit_values(store: Store, *, actor: Actor, proposal_id: str, pass_no: int,
                  values: dict[str, str]) -> Done[Submitted]:
    """The command line's `entry submit`: open the pass, key every value, submit, in one transaction."""
    raise NotImplementedError


def comparison(store: Store, *, actor: Actor, proposal_id: str) -> Comparison:
    """Both values of every field of the case's newest compared round: only for a reconciler who
    keyed neither pass, or a supervisor (refused otherwise, before anything is read)."""
    raise NotImplementedError


def reconcile(store: Store, *, actor: Actor, proposal_id: str, choices: list[Choice]) -> Done[Comparison]:
    """Settle differing fields. When every field of the round is settled the case moves to
    COMPARED. The choice, who made it and whose value was kept are recorded."""
    raise NotImplementedError


def request_reentry(store: Store, *, actor: Actor, proposal_id: str, fields: list[str], reason: str) -> Done[int]:
    """A problem case changes some fields: a new round keys only those, first and second entry
    again (returns the round number). Used by the problem-case work."""
    raise NotImplementedError


def case_values(store: Store, *, proposal_id: str) -> dict[str, str]:
    """The case's keyed form: per field, the value of its newest settled round."""
    raise NotImplementedError


def operator_figures(store: Store, *, actor: Actor, since: dt.date | None = None,
                     until: dt.date | None = None, by_field: bool = False) -> list[OperatorFigure]:
    """Per operator (and per field with `by_field`): cases keyed, keystrokes, differences, and how
    often their value was kept. For supervisors."""
    raise NotImplementedError
