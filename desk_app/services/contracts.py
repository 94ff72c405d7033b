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

from sqlalchemy import select

from desk_app import clock
from desk_app.core import proposals, receipt_scans
from desk_app.core.contracts import archive as archiving
from desk_app.core.contracts import printing, signed
from desk_app.core.contracts import verify as verification
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
from desk_app.core.errors import DomainError, InvalidInput, NotFound, TransitionRefused
from desk_app.core.roles import Actor
from desk_app.core.workflow import State
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store
from desk_app.store.models import PolicyNumber, Proposal

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


def _case_no(store: Store, proposal_id: str) -> str:
    with store.reading() as session:
        return session.scalar(select(Proposal.case_no).where(Proposal.id == proposal_id)) or ""


def find_case(store: Store, text: str) -> str:
    """The case's id from its case number, proposal number or policy number (refused when none)."""
    with store.reading() as session:
        pid = signed.resolve_policy(session, text)
        return pid[0] if pid else proposals.find_case(session, text.strip())


# --- printing ------------------------------------------------------------------------------------

def print_queue(store: Store, *, include_printed: bool = False, limit: int = 500) -> list[ContractCase]:
    """Issued cases waiting for their contract, oldest issue first (with `include_printed`, the
    printed ones waiting for their receipt too)."""
    with store.reading() as session:
        return printing.queue(session, include_printed=include_printed, limit=limit)


def preview(store: Store, *, proposal_id: str) -> ContractPreview:
    """The contract as the next print would draw it, without printing or recording anything."""
    with store.reading() as session:
        return printing.preview(session, proposal_id)


def print_contract(store: Store, *, actor: Actor, proposal_id: str, printer: str = "",
                   copies: int = 1) -> Done[PrintedContract]:
    """Print the contract of an issued case (缮制员): the PDF (schedule, insured list, clauses,
    receipt page; QR on every page) kept encrypted, a ContractPrint row (print 1), the case to
    缮制 PRINTED. A case printed already is refused: a reprint needs an approved request."""
    with store.transaction() as session:
        done = printing.print_first(session, store.files, actor=actor, proposal_id=proposal_id, printer=printer,
                                    copies=copies, now=clock.now())
    return Done(done, STEPPED)


def print_batch(store: Store, *, actor: Actor, proposal_ids: Sequence[str], printer: str = "",
                copies: int = 1, progress: Progress | None = None) -> Done[BatchResult]:
    """Print a queue of cases, each in its own transaction: a refused case is reported with its
    reason and the others are printed. `progress(done, total, item)` after each case."""
    items = []
    total = len(proposal_ids)
    for i, pid in enumerate(proposal_ids, start=1):
        try:
            done = print_contract(store, actor=actor, proposal_id=pid, printer=printer, copies=copies).value
            item = BatchItem(pid, done.case_no, done, "")
        except DomainError as exc:
            item = BatchItem(pid, _case_no(store, pid), None, str(exc))
        items.append(item)
        if progress is not None:
            progress(i, total, item)
    return Done(BatchResult(tuple(items)), STEPPED if any(i.printed for i in items) else Changes())


def request_reprint(store: Store, *, actor: Actor, proposal_id: str, reason: str) -> Done[ReprintRequestView]:
    """Ask for a reprint of a printed contract, with the reason (a pending request)."""
    with store.transaction() as session:
        req = printing.request(session, actor=actor, proposal_id=proposal_id, reason=reason, now=clock.now())
        return Done(printing.request_views(session, [req])[0], REQUESTED)


def approve_reprint(store: Store, *, actor: Actor, request_id: str, note: str = "") -> Done[ReprintRequestView]:
    """A supervisor approves a pending reprint request (never their own)."""
    with store.transaction() as session:
        req = printing.decide(session, actor=actor, request_id=request_id, approve=True, note=note, now=clock.now())
        return Done(printing.request_views(session, [req])[0], REQUESTED)


def refuse_reprint(store: Store, *, actor: Actor, request_id: str, note: str) -> Done[ReprintRequestView]:
    """A supervisor refuses a pending reprint request, saying why."""
    with store.transaction() as session:
        req = printing.decide(session, actor=actor, request_id=request_id, approve=False, note=note, now=clock.now())
        return Done(printing.request_views(session, [req])[0], REQUESTED)


def reprint_contract(store: Store, *, actor: Actor, proposal_id: str, printer: str = "",
                     copies: int = 1) -> Done[PrintedContract]:
    """Reprint on the case's approved, unused request: print_seq + 1, 副本 / 第 n 次打印 on every
    page, the request used. Refused without an approved request."""
    with store.transaction() as session:
        done = printing.reprint(session, store.files, actor=actor, proposal_id=proposal_id, printer=printer,
                                copies=copies, now=clock.now())
    return Done(done, REQUESTED)


def reprint_requests(store: Store, *, proposal_id: str | None = None,
                     status: str | None = None) -> list[ReprintRequestView]:
    """Reprint requests, newest first: of one case, or (for supervisors) all pending ones."""
    with store.reading() as session:
        return printing.requests(session, proposal_id=proposal_id, status=status)


def print_log(store: Store, *, proposal_id: str) -> list[PrintLogRow]:
    """Every print of the case's contract, oldest first, the current one marked."""
    with store.reading() as session:
        return printing.log(session, proposal_id)


def contract_pdf(store: Store, *, print_id: str) -> bytes:
    """The PDF of a recorded print, from the encrypted file store (to print again on paper through
    the printer dialog of the same print, or to show it)."""
    with store.reading() as session:
        digest = printing.stored_print(session, print_id).pdf_digest
    if store.files is None:
        raise NotFound("本机没有保存合同文件。")
    return store.files.get(digest)


# --- verifying a paper copy -------------------------------------------------------------------------

def verify(store: Store, payload_or_image: str | Path | bytes) -> Verification:
    """Check a contract page offline: a QR payload (a USB scanner types it into a box), an image
    file or a PDF (its pages' QR codes read), or the image bytes. CURRENT when it is a page of the
    latest print of the contract as it stands now; SUPERSEDED for an older print or a contract
    changed since; UNKNOWN for anything else."""
    texts = verification.payloads_of(payload_or_image)
    with store.reading() as session:
        return verification.verify(session, texts)


# --- receipt (回执) and archive (归档) ----------------------------------------------------------------

def record_receipt(store: Store, *, actor: Actor, proposal_id: str) -> Done[ReceiptRecorded]:
    """The signed receipt received at the counter, by hand: the case to 回执 RECEIPTED."""
    with store.transaction() as session:
        done = signed.record(session, actor=actor, proposal_id=proposal_id, now=clock.now())
    return Done(done, STEPPED)


def scan_receipt(store: Store, *, actor: Actor, paths: Sequence[Path]) -> Done[list[ReceiptRecorded]]:
    """Scan signed receipts back (the scanning station's pipeline: pages stored and indexed to
    their cases by the receipt's QR "receipt:<policy_no>"): each case to 回执 RECEIPTED."""
    from desk_app.core.scanning import service as scanning
    from desk_app.sync.pages import SyncedPageFiles

    files = [scanning.process_file(Path(p).name, Path(p).read_bytes()) for p in paths]
    with store.transaction() as session:
        before = {pid for pid, in session.execute(select(Proposal.id).where(Proposal.state == State.PRINTED.value))}
        out = scanning.store_batch(session, SyncedPageFiles(store), actor=actor, files=files, label="回执扫描")
        by_case: dict[str, list[str]] = {}
        for o in out:
            if o.doc_type == receipt_scans.DOC_TYPE and o.proposal_id:
                by_case.setdefault(o.proposal_id, []).append(o.page_id)
        if not by_case:
            raise InvalidInput("扫描件上没有读到保险合同回执的二维码。")
        done = []
        for pid, page_ids in by_case.items():
            p = session.get(Proposal, pid)
            if pid in before and p.state == State.RECEIPTED.value:
                policy = session.scalar(select(PolicyNumber.policy_no).where(PolicyNumber.proposal_id == pid)) or ""
                done.append(ReceiptRecorded(pid, p.case_no, policy, tuple(page_ids)))
        if not done:
            raise TransitionRefused("回执对应的案件不在“缮制”环节，没有签收任何回执。")
    return Done(done, STEPPED | Changes(pages=True))


def receipt_queue(store: Store) -> list[ReceiptQueueRow]:
    """Printed cases waiting for their signed receipt, longest waiting first, marked warning at
    15 days and overdue at 19 days since printing."""
    with store.reading() as session:
        return signed.queue(session, now=clock.now())


def archive(store: Store, *, actor: Actor, proposal_id: str, box_no: str, position: int) -> Done[ArchivedCase]:
    """File a receipted case in a box at a position (unique in the branch): 归档 ARCHIVED."""
    with store.transaction() as session:
        done = archiving.file_case(session, actor=actor, proposal_id=proposal_id, box_no=box_no, position=position,
                                   now=clock.now())
    return Done(done, STEPPED)


def archive_box(store: Store, *, box_no: str) -> list[ArchivedCase]:
    """The cases filed in a box, by position."""
    with store.reading() as session:
        return archiving.box_entries(session, box_no)


def archive_list(store: Store, *, box_no: str) -> ArchiveListPaper:
    """The archive list (归档清单) of a box as a PDF, with its entries."""
    with store.reading() as session:
        entries = archiving.box_entries(session, box_no)
        if not entries:
            raise NotFound(f"档案盒 {box_no.strip()} 中没有归档案件。")
        return ArchiveListPaper(entries[0].box_no, tuple(entries),
                                archiving.list_pdf(session, box_no, entries, now=clock.now()))
