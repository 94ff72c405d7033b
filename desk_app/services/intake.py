"""Counter intake (新单受理): the proposal registered and its paper issued, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desk_app.core import intake, receipts
from desk_app.core.intake import FormChoices, IntakePreview, IntakeRequest, IntakeResult
from desk_app.core.proposals import CaseDraft
from desk_app.core.receipts import PrintedPaper
from desk_app.core.roles import Actor
from desk_app.services import intake_description
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store

TOUCHED = Changes(cases=True, queues=True, stationery=True, sync=True)


@dataclass(frozen=True)
class TakenIn:
    result: IntakeResult
    paper: PrintedPaper | None  # the receipt, or the return notice for papers handed back


def take_in(store: Store, *, actor: Actor, request: IntakeRequest, paper: bool = True) -> Done[TakenIn]:
    """Register the proposal and, unless `paper` is off, issue its receipt or return notice.

    Both or neither: a paper that cannot be made rolls the intake back, so a clerk never hands
    over a case number that has no record, nor records a case whose receipt failed.
    """
    with store.transaction() as session:
        result = intake.accept_proposal(session, actor=actor, request=request)
        printed = None
        if paper:
            kind = "return_notice" if result.outcome == "returned" else "receipt"
            printed = receipts.issue_paper(session, actor=actor, proposal_id=result.proposal_id, kind=kind,
                                           files=store.files)
    return Done(TakenIn(result, printed), TOUCHED)


def form_choices(store: Store) -> FormChoices:
    """What the intake form offers: business types, products and levels, industries, agents."""
    with store.reading() as session:
        return intake.form_choices(session)


def preview(store: Store, draft: CaseDraft) -> IntakePreview:
    """The checklist the draft needs, what refuses it and what the clerk must confirm."""
    with store.reading() as session:
        return intake.preview(session, draft)


def read_description(path: Path) -> IntakeRequest:
    """The intake a JSON description file asks for (`desk-app intake --json`), checked at the edge:
    one Chinese sentence naming the field for anything wrong (services.intake_description)."""
    return intake_description.read_description(path)
