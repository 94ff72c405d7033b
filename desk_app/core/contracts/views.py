"""What the contract services hand to the windows and the command line: frozen plain values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# verify() outcomes
CURRENT = "current"  # the page belongs to the latest print of the contract as it stands
SUPERSEDED = "superseded"  # an older print, or the contract's content changed since
UNKNOWN = "unknown"  # not a contract page of this store

# receipt queue marks
WARNING_DAYS = 15  # the signed receipt not back after 15 days: a warning
OVERDUE_DAYS = 19  # after 19 days: overdue


@dataclass(frozen=True)
class ContractCase:
    """A case in the print queue (承保, waiting for its contract) or printed already."""

    proposal_id: str
    case_no: str
    policy_no: str
    applicant_name: str
    business_type: str  # GROUP / INDIVIDUAL
    insured_count: int
    state: str
    issued_at: dt.datetime | None
    prints: int  # how many prints so far


@dataclass(frozen=True)
class ContractPreview:
    """The contract drawn without printing it (the preview; its QR carries the next print's sequence)."""

    proposal_id: str
    policy_no: str
    print_seq: int
    content_hash: str
    pages: int
    pdf: bytes


@dataclass(frozen=True)
class PrintedContract:
    """One print of a contract, recorded as a ContractPrint row; `pdf` is what was printed."""

    print_id: str
    proposal_id: str
    case_no: str
    policy_no: str
    print_seq: int  # 1 the original, 2… reprints (marked 副本 / 第 n 次打印 on every page)
    content_hash: str
    pdf_digest: str
    pages: int
    printer: str
    copies: int
    printed_at: dt.datetime
    pdf: bytes


@dataclass(frozen=True)
class PrintLogRow:
    """One line of a case's print log (who, when, which print, pages, printer)."""

    print_id: str
    policy_no: str
    print_seq: int
    content_hash: str
    pages: int
    printer: str
    copies: int
    printed_by: str  # display name
    printed_at: dt.datetime
    reprint_reason: str  # "" for the original
    approved_by: str  # "" for the original
    current: bool  # the latest print and the contract's content unchanged since


@dataclass(frozen=True)
class ReprintRequestView:
    request_id: str
    proposal_id: str
    case_no: str
    policy_no: str
    reason: str
    status: str  # pending / approved / refused / used
    requested_by: str  # display name
    requested_at: dt.datetime
    decided_by: str  # display name, "" while pending
    decided_at: dt.datetime | None
    decision_note: str


@dataclass(frozen=True)
class BatchItem:
    proposal_id: str
    case_no: str
    printed: PrintedContract | None  # None when it failed
    error: str  # the Chinese refusal, "" when printed


@dataclass(frozen=True)
class BatchResult:
    items: tuple[BatchItem, ...]

    @property
    def printed(self) -> int:
        return sum(1 for i in self.items if i.printed is not None)

    @property
    def failed(self) -> int:
        return sum(1 for i in self.items if i.printed is None)


@dataclass(frozen=True)
class Verification:
    """What a contract page's QR code says, checked against the local store."""

    status: str  # CURRENT / SUPERSEDED / UNKNOWN
    message: str  # one Chinese sentence for the person holding the paper
    payload: str
    policy_no: str = ""
    case_no: str = ""
    proposal_id: str = ""
    applicant_name: str = ""
    page: int = 0
    pages: int = 0
    print_seq: int = 0
    latest_seq: int = 0
    printed_at: dt.datetime | None = None
    printed_by: str = ""
    content_changed: bool = False  # the contract's content differs from this print's

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status, "message": self.message, "payload": self.payload,
                "policy_no": self.policy_no, "case_no": self.case_no, "applicant_name": self.applicant_name,
                "page": self.page, "pages": self.pages, "print_seq": self.print_seq,
                "latest_seq": self.latest_seq,
                "printed_at": self.printed_at.isoformat() if self.printed_at else None,
                "printed_by": self.printed_by, "content_changed": self.content_changed}


@dataclass(frozen=True)
class ReceiptQueueRow:
    """A printed case waiting for its signed receipt (回执), by days since printing."""

    proposal_id: str
    case_no: str
    policy_no: str
    applicant_name: str
    printed_at: dt.datetime
    days: int  # whole branch days since the first print
    mark: str  # "" / "warning" (15 days) / "overdue" (19 days)

    def as_json(self) -> dict[str, Any]:
        return {"case_no": self.case_no, "policy_no": self.policy_no, "applicant_name": self.applicant_name,
                "printed_at": self.printed_at.isoformat(), "days": self.days, "mark": self.mark}


@dataclass(frozen=True)
class ReceiptRecorded:
    """A signed receipt taken in: the case moved to 回执 RECEIPTED."""

    proposal_id: str
    case_no: str
    policy_no: str
    page_ids: tuple[str, ...]  # the scanned receipt pages (empty when recorded by hand)


@dataclass(frozen=True)
class ArchivedCase:
    proposal_id: str
    case_no: str
    policy_no: str
    applicant_name: str
    box_no: str
    position: int
    archived_by: str  # display name
    archived_at: dt.datetime


@dataclass(frozen=True)
class ArchiveListPaper:
    """The archive list (归档清单) of one box: its cases by position, and the PDF."""

    box_no: str
    entries: tuple[ArchivedCase, ...]
    pdf: bytes
