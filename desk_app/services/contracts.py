"""Contract printing (合同缮制): one function per step, and the reads the screens need.

Steps: print the contract of an issued case (the first print moves it to 缮制 PRINTED), ask for a
reprint with a reason, a supervisor approves or refuses it (never their own request), reprint on
an approved request (副本 / 第 n 次打印 on every page), print a queue of cases (each its own
transaction), take the signed receipt in (scanned back, or by hand: 回执 RECEIPTED), archive the
file in a box at a position (归档 ARCHIVED). Reads: the print queue, a preview, the print log,
reprint requests, verifying a paper page's QR code offline, the receipt queue with its warning
(15 days) and overdue (19 days) marks, a box's archive list.

Every print's PDF is kept encrypted in the store's file folder and recorded as a ContractPrint row;
a refusal is one Chinese sentence and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from desk_app.core.contracts.views import (
    CURRENT,
    OVERDUE_DAYS,
    SUPERSEDED,
    UNKNOWN,
    WARNING_DAYS,
    ArchivedCase,
    ArchiveListPaper,
    BatchItem,
    BatchResult,
    ContractCase,
    ContractPreview,
    PrintedContract,
    PrintLogRow,
    ReceiptQueueRow,
    ReceiptRecorded,
    ReprintRequestView,
    Verification,
)
from desk_app.core.roles import Actor
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store

__all__ = [
    "CURRENT", "SUPERSEDED", "UNKNOWN", "WARNING_DAYS", "OVERDUE_DAYS",
    "ArchivedCase", "ArchiveListPaper", "BatchItem", "BatchResult", "ContractCase", "ContractPreview",
    "PrintedContract", "PrintLogRow", "ReceiptQueueRow", "ReceiptRecorded", "ReprintRequestView", "Verification",
    "find_case", "print_queue", "preview", "print_contract", "print_batch", "request_reprint", "approve_reprint",
    "refuse_reprint", "reprint_contract", "reprint_requests", "print_log", "contract_pdf", "verify",
    "record_receipt", "scan_receipt", "receipt_queue", "archive", "archive_box", "archive_list",
]

# A print, a receipt or an archiving moves the case along: its queue and timeline change.
STEPPED = Changes(cases=True, queues=True, sync=True)
# A reprint request or its decision: the case's contract panel and sync, not the queues.
REQUESTED = Changes(cases=True, sync=True)

Progress = Callable[[int, int, BatchItem], None]  # (done, total, the item just finished)


def find_case(store: Store, text: str) -> str:
    """The case's id from its case number, proposal number or policy number (refused when none)."""
    raise NotImplementedError


# --- printing ------------------------------------------------------------------------------------

def print_queue(store: Store, *, include_printed: bool = False, limit: int = 500) -> list[ContractCase]:
    """Issued cases waiting for their contract, oldest issue first (with `include_printed`, the
    printed ones waiting for their receipt too)."""
    raise NotImplementedError


def preview(store: Store, *, proposal_id: str) -> ContractPreview:
    """The contract as the next print would draw it, without printing or recording anything."""
    raise NotImplementedError


def print_contract(store: Store, *, actor: Actor, proposal_id: str, printer: str = "",
                   copies: int = 1) -> Done[PrintedContract]:
    """Print the contract of an issued case (缮制员): the PDF (schedule, insured list, clauses,
    receipt page; QR on every page) kept encrypted, a ContractPrint row (print 1), the case to
    缮制 PRINTED. A case printed already is refused: a reprint needs an approved request."""
    raise NotImplementedError


def print_batch(store: Store, *, actor: Actor, proposal_ids: Sequence[str], printer: str = "",
                copies: int = 1, progress: Progress | None = None) -> Done[BatchResult]:
    """Print a queue of cases, each in its own transaction: a refused case is reported with its
    reason and the others are printed. `progress(done, total, item)` after each case."""
    raise NotImplementedError


def request_reprint(store: Store, *, actor: Actor, proposal_id: str, reason: str) -> Done[ReprintRequestView]:
    """Ask for a reprint of a printed contract, with the reason (a pending request)."""
    raise NotImplementedError


def approve_reprint(store: Store, *, actor: Actor, request_id: str, note: str = "") -> Done[ReprintRequestView]:
    """A supervisor approves a pending reprint request (never their own)."""
    raise NotImplementedError


def refuse_reprint(store: Store, *, actor: Actor, request_id: str, note: str) -> Done[ReprintRequestView]:
    """A supervisor refuses a pending reprint request, saying why."""
    raise NotImplementedError


def reprint_contract(store: Store, *, actor: Actor, proposal_id: str, printer: str = "",
                     copies: int = 1) -> Done[PrintedContract]:
    """Reprint on the case's approved, unused request: print_seq + 1, 副本 / 第 n 次打印 on every
    page, the request used. Refused without an approved request."""
    raise NotImplementedError


def reprint_requests(store: Store, *, proposal_id: str | None = None,
                     status: str | None = None) -> list[ReprintRequestView]:
    """Reprint requests, newest first: of one case, or (for supervisors) all pending ones."""
    raise NotImplementedError


def print_log(store: Store, *, proposal_id: str) -> list[PrintLogRow]:
    """Every print of the case's contract, oldest first, the current one marked."""
    raise NotImplementedError


def contract_pdf(store: Store, *, print_id: str) -> bytes:
    """The PDF of a recorded print, from the encrypted file store (to print again on paper through
    the printer dialog of the same print, or to show it)."""
    raise NotImplementedError


# --- verifying a paper copy -------------------------------------------------------------------------

def verify(store: Store, payload_or_image: str | Path | bytes) -> Verification:
    """Check a contract page offline: a QR payload (a USB scanner types it into a box), an image
    file or a PDF (its pages' QR codes read), or the image bytes. CURRENT when it is a page of the
    latest print of the contract as it stands now; SUPERSEDED for an older print or a contract
    changed since; UNKNOWN for anything else."""
    raise NotImplementedError


# --- receipt (回执) and archive (归档) ----------------------------------------------------------------

def record_receipt(store: Store, *, actor: Actor, proposal_id: str) -> Done[ReceiptRecorded]:
    """The signed receipt received at the counter, by hand: the case to 回执 RECEIPTED."""
    raise NotImplementedError


def scan_receipt(store: Store, *, actor: Actor, paths: Sequence[Path]) -> Done[list[ReceiptRecorded]]:
    """Scan signed receipts back (the scanning station's pipeline: pages stored and indexed to
    their cases by the receipt's QR "receipt:<policy_no>"): each case to 回执 RECEIPTED."""
    raise NotImplementedError


def receipt_queue(store: Store) -> list[ReceiptQueueRow]:
    """Printed cases waiting for their signed receipt, longest waiting first, marked warning at
    15 days and overdue at 19 days since printing."""
    raise NotImplementedError


def archive(store: Store, *, actor: Actor, proposal_id: str, box_no: str, position: int) -> Done[ArchivedCase]:
    """File a receipted case in a box at a position (unique in the branch): 归档 ARCHIVED."""
    raise NotImplementedError


def archive_box(store: Store, *, box_no: str) -> list[ArchivedCase]:
    """The cases filed in a box, by position."""
    raise NotImplementedError


def archive_list(store: Store, *, box_no: str) -> ArchiveListPaper:
    """The archive list (归档清单) of a box as a PDF, with its entries."""
    raise NotImplementedError
