"""Problem cases (问题件): one function per step, and the reads of the queue and of one case.

Steps: raise (by hand at any stage; validation raises them by itself), issue the notice (the
问题件通知书 PDF with its QR code, due in five working days unless head office's policy says
otherwise), record the reply (by hand; scanning the notice's QR records it by itself), resolve
(the affected fields keyed again by first and second entry, or the rules run again when nothing
needs re-keying), withdraw the case (撤件), reopen with a reason. Each step is a ProblemEvent
and an audit entry; a refusal is one Chinese sentence and nothing is written.

A problem case is named by its number (printed on the notice and in its QR code).
"""

from __future__ import annotations

from collections.abc import Sequence

from desk_app import clock
from desk_app.core.problems import lifecycle, notice, queue
from desk_app.core.problems.views import (
    Countdown,
    CountRow,
    ItemSpec,
    NoticePaper,
    ProblemCounts,
    ProblemEventView,
    ProblemItemView,
    ProblemView,
    QueuePage,
    QueueRow,
    Resolution,
)
from desk_app.core.roles import Actor
from desk_app.core.rules.runs import RunView
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store

__all__ = [
    "Countdown", "CountRow", "ItemSpec", "NoticePaper", "ProblemCounts", "ProblemEventView", "ProblemItemView",
    "ProblemView", "QueuePage", "QueueRow", "Resolution", "RunView",
    "raise_problem", "issue_notice", "record_reply", "resolve", "withdraw", "reopen",
    "queue_page", "counts", "problem", "case_problems", "latest_run", "find_problem",
]

# A step on a problem case: its queue and the case's timeline (and often its stage) change.
STEPPED = Changes(cases=True, queues=True, problems=True, sync=True)


def raise_problem(store: Store, *, actor: Actor, proposal_id: str, items: Sequence[ItemSpec],
                  reason: str = "") -> Done[ProblemView]:
    """Raise a problem case by hand, at any stage before issue (entry operators, problem handlers,
    underwriters, supervisors). A case at 比对/校验/核保 moves to 问题件; earlier, the case keeps
    its stage and the open problem case stops its validation. A case with a problem case still
    open gets the items added to that one."""
    with store.transaction() as session:
        pc = lifecycle.raise_by_hand(session, actor=actor, proposal_id=proposal_id, items=list(items),
                                     reason=reason, now=clock.now())
        return Done(lifecycle.view(session, pc.id), STEPPED)


def issue_notice(store: Store, *, actor: Actor, problem_no: str) -> Done[NoticePaper]:
    """Print the 问题件通知书 to the agent: the PDF (items, agent, due time, the problem number's QR
    code on every page) is kept encrypted and recorded as a print job; the first notice sets the
    due time. A reprint (the items changed, a lost paper) is the next copy, with the same due time."""
    with store.transaction() as session:
        paper = notice.issue(session, store.files, actor=actor, problem_no=problem_no, now=clock.now())
    return Done(paper, STEPPED)


def record_reply(store: Store, *, actor: Actor, problem_no: str, page_ids: Sequence[str] = (),
                 note: str = "") -> Done[ProblemView]:
    """The agent's reply received (by hand: a note, or pages already scanned to the case). Pages
    scanned behind the notice's QR code record the reply by themselves (services.scanning)."""
    with store.transaction() as session:
        pc = lifecycle.record_reply(session, actor=actor, problem_no=problem_no, page_ids=list(page_ids), note=note,
                                    now=clock.now())
        return Done(lifecycle.view(session, pc.id), STEPPED)


def resolve(store: Store, *, actor: Actor, problem_no: str, fields: Sequence[str] = (),
            reason: str) -> Done[Resolution]:
    """Close the problem case. With `fields`: only those go through first and second entry again
    (the case back to 扫描 for a partial re-entry round; the rules run again when it is compared).
    Without: the rules run now and the case moves to 校验 VALIDATED when they pass (refused, with
    the first blocking finding, when they do not)."""
    with store.transaction() as session:
        res = lifecycle.resolve(session, actor=actor, problem_no=problem_no, fields=list(fields), reason=reason,
                                now=clock.now())
    return Done(res, STEPPED)


def withdraw(store: Store, *, actor: Actor, problem_no: str, reason: str) -> Done[ProblemView]:
    """The case is withdrawn (撤件) over its problem case: problem case and case closed."""
    with store.transaction() as session:
        pc = lifecycle.withdraw(session, actor=actor, problem_no=problem_no, reason=reason, now=clock.now())
        return Done(lifecycle.view(session, pc.id), STEPPED)


def reopen(store: Store, *, actor: Actor, problem_no: str, reason: str) -> Done[ProblemView]:
    """Reopen a resolved problem case (the fix did not hold): its items open again; a case that had
    moved on to 比对/校验/核保 comes back to 问题件."""
    with store.transaction() as session:
        pc = lifecycle.reopen(session, actor=actor, problem_no=problem_no, reason=reason, now=clock.now())
        return Done(lifecycle.view(session, pc.id), STEPPED)


# --- reads ---------------------------------------------------------------------------------------

def queue_page(store: Store, *, include_closed: bool = False, agent_code: str | None = None,
               limit: int = 100, offset: int = 0) -> QueuePage:
    """The problem-case queue, soonest due first (cases without a notice yet by when they were
    raised, after them), with the countdown in working hours and the warning/overdue marks."""
    with store.reading() as session:
        return queue.page(session, include_closed=include_closed, agent_code=agent_code, limit=limit, offset=offset,
                          now=clock.now())


def counts(store: Store) -> ProblemCounts:
    """Problem cases by agent and items by rule (or deficiency / QC code), so supervisors see
    where problems come from."""
    with store.reading() as session:
        return queue.counts(session)


def problem(store: Store, *, problem_no: str) -> ProblemView:
    """One problem case with its items and steps."""
    with store.reading() as session:
        return lifecycle.view(session, lifecycle.find(session, problem_no).id, now=clock.now())


def case_problems(store: Store, *, proposal_id: str) -> list[ProblemView]:
    """A case's problem cases, newest first."""
    with store.reading() as session:
        return [lifecycle.view(session, pid, now=clock.now()) for pid in lifecycle.ids_of_case(session, proposal_id)]


def latest_run(store: Store, *, proposal_id: str) -> RunView | None:
    """The case's newest rule run with its findings."""
    from desk_app.core.problems import validation

    with store.reading() as session:
        return validation.latest(session, proposal_id)


def find_problem(store: Store, text: str) -> str:
    """The problem number as stored, from what a person typed (refused when there is none)."""
    with store.reading() as session:
        return lifecycle.find(session, text.strip()).problem_no
