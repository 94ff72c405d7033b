"""Frozen values of problem cases, as the services hand them to the windows and the command line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desk_app.core.rules.runs import RunView

STATUS_LABELS = {"open": "待处理", "noticed": "已发通知", "replied": "已回复", "resolved": "已解决",
                 "withdrawn": "已撤件"}
ACTIVE = ("open", "noticed", "replied")  # a problem case in one of these blocks validation
ACTION_LABELS = {"raise": "提出问题件", "notice": "发出问题件通知书", "reply": "收到回复", "resolve": "问题件解决",
                 "withdraw": "撤件", "reopen": "重新打开"}
SOURCE_LABELS = {"rule": "校验规则", "deficiency": "受理缺件", "scan_qc": "扫描质检", "manual": "人工提出"}
MARK_LABELS = {"ok": "", "warning": "即将到期", "overdue": "已超期", "": ""}


@dataclass(frozen=True)
class ItemSpec:
    """One item of a problem case raised by hand (or built by validation): code, text, field."""

    code: str
    description: str
    field_key: str | None = None
    source: str = "manual"  # rule / deficiency / scan_qc / manual


@dataclass(frozen=True)
class ProblemItemView:
    item_id: str
    code: str
    description: str
    field_key: str | None
    field_label: str | None
    source: str
    status: str  # open / resolved


@dataclass(frozen=True)
class ProblemEventView:
    seq: int
    action: str
    action_label: str
    actor_id: str
    actor_name: str
    at: dt.datetime
    reason: str
    detail: dict


@dataclass(frozen=True)
class Countdown:
    """Where a problem case stands against its due time, in working hours (作业时效)."""

    due_at: dt.datetime | None
    remaining_hours: float | None  # negative once overdue; None before a notice sets the due time
    mark: str  # "" (no due time yet or closed) / ok / warning (< 1 working day left) / overdue

    @property
    def text(self) -> str:
        """“剩余 2 天 3.5 小时” / “超期 4.0 小时”, as the queue shows it."""
        if self.remaining_hours is None:
            return ""
        from desk_app.core.worktime import HOURS_PER_DAY

        # Rounded to the tenth of an hour shown before it is split into days: 37.49998 hours (five
        # working days, seconds after the notice) is "5 天", not "4 天 7.5 小时".
        tenths = round(abs(self.remaining_hours) * 10)
        days, rest = divmod(tenths, round(HOURS_PER_DAY * 10))
        span = f"{days} 天" if days and not rest else (f"{days} 天 " if days else "") + f"{rest / 10:.1f} 小时"
        return ("超期 " if self.remaining_hours < 0 else "剩余 ") + span


@dataclass(frozen=True)
class ProblemView:
    problem_id: str
    problem_no: str
    proposal_id: str
    case_no: str
    applicant_name: str
    case_state: str  # the case's workflow state now
    status: str
    source: str
    agent_code: str | None
    agent_name: str | None
    raised_by: str  # display names
    raised_at: dt.datetime
    noticed_at: dt.datetime | None
    replied_at: dt.datetime | None
    closed_at: dt.datetime | None
    reopened: int
    countdown: Countdown
    items: tuple[ProblemItemView, ...]
    events: tuple[ProblemEventView, ...]
    reply_pages: tuple[str, ...] = ()  # page ids of the scanned reply (doc type problem_reply)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def active(self) -> bool:
        return self.status in ACTIVE


@dataclass(frozen=True)
class QueueRow:
    problem_id: str
    problem_no: str
    proposal_id: str
    case_no: str
    applicant_name: str
    agent_code: str | None
    agent_name: str | None
    status: str
    items: int
    raised_at: dt.datetime
    countdown: Countdown

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class QueuePage:
    rows: tuple[QueueRow, ...]
    total: int  # rows the filter matches (all pages)
    warning: int  # of those, due within a working day
    overdue: int


@dataclass(frozen=True)
class CountRow:
    key: str  # agent code or rule / item code
    label: str  # agent name or rule title
    active: int  # problem cases still open (by agent) or open items (by rule)
    total: int


@dataclass(frozen=True)
class ProblemCounts:
    by_agent: tuple[CountRow, ...]
    by_rule: tuple[CountRow, ...]


@dataclass(frozen=True)
class NoticePaper:
    """The notice as issued: its print job, the PDF kept encrypted, and the due time it states."""

    problem_no: str
    print_job_id: str
    pdf_digest: str
    copy_no: int
    due_at: dt.datetime
    pdf: bytes


@dataclass(frozen=True)
class ValidationOutcome:
    """What validating a compared case did: the run, and either 校验 VALIDATED or a problem case."""

    run: RunView
    state: str  # the case's workflow state after (VALIDATED or PROBLEM)
    problem_no: str | None = None  # the problem case raised (or added to)
    items: int = 0  # open items of that problem case


@dataclass(frozen=True)
class Resolution:
    problem: ProblemView
    state: str  # the case's state after: SCANNED (partial re-entry), VALIDATED, or unchanged
    reentry_round: int | None = None
    run: RunView | None = None  # the rules' run when nothing was re-keyed
