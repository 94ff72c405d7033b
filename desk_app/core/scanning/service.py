"""The scanning station's services: store processed pages, index them, check a case's scan.

Image work is `processing` (decode, clean-up, barcodes, seals, encoding: pure and picklable, run
in worker processes); its names are re-exported here, loaded on first use, so that importing the
store side does not import numpy, OpenCV or onnxruntime. The store writes (`store_batch` and the
page edits) take the caller's session and never commit: the entry point owns the unit of work
(one transaction per batch in the CLI and the hot folder).

Every stored image goes through the `PageFiles` the entry point hands in (the core imports nothing
of sync; `desk_app.sync.pages.SyncedPageFiles` stores through `add_page_file` there:
encrypted, content-addressed, atomic, a page blob that sync uploads): the cleaned page and the
untouched original file. A page row records both hashes, so a page can be redone from its original.

Scanning completeness (`completeness`, re-exported here) is a precondition of the workflow's
`finish_scan`, registered by the workflow itself: a case becomes 扫描 SCANNED only when every
required document type has pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.core import audit, proposals, receipt_scans, replies, workflow
from desk_app.core.completeness import (  # noqa: F401 (re-exported: the service's vocabulary)
    COVER_SHEET,
    DOC_TYPE_BY_CODE,
    DOC_TYPES,
    INSURED_ROWS_PER_PAGE,
    CaseScan,
    DocType,
    case_scan,
    expected_pages,
    required_doc_types,
    scanning_complete,
)
from desk_app.core.errors import InvalidInput, NotFound
from desk_app.core.roles import Actor, Role
from desk_app.core.scanning import indexing
from desk_app.core.scanning.processed import ProcessedFile, ProcessedPage  # noqa: F401 (re-exported)
from desk_app.store.models import Deficiency, Page, PolicyNumber, ProblemCase, Proposal, ScanBatch, User
from desk_app.store.types import utcnow

if TYPE_CHECKING:
    from desk_app.core.scanning import pipeline
    from desk_app.core.scanning.processing import (  # noqa: F401 (re-exported, see __getattr__)
        job_ranges,
        process_file,
        process_in_pool,
        process_page,
        process_pages,
        worker_init,
    )

# The image half, re-exported: imported when one of these is first asked for.
_PROCESSING = frozenset({"job_ranges", "process_file", "process_in_pool",
                         "process_page", "process_pages", "worker_init"})


def __getattr__(name: str) -> Any:
    if name in _PROCESSING:
        from desk_app.core.scanning import processing

        return getattr(processing, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class StoredFile(Protocol):
    sha256: str
    size: int


class PageFiles(Protocol):
    """Where page images go: `add` stores the file, then records it in the caller's transaction."""

    def add(self, session: Session, *, data: bytes, branch_code: str, proposal_id: str | None,
            media_type: str) -> StoredFile: ...

    def get(self, digest: str) -> bytes: ...


# --- storing and indexing -------------------------------------------------------------------------

@dataclass(frozen=True)
class PageOutcome:
    """One stored page, as the CLI prints it and the window lists it."""

    page_id: str
    source_name: str
    source_page: int
    case_no: str | None
    proposal_id: str | None
    doc_type: str | None
    deskew_deg: float
    rotation: int
    blank: bool
    seal_found: bool
    qc_flags: tuple[str, ...]
    sha256: str
    size: int
    barcodes: tuple[str, ...] = field(default=())
    deleted: bool = False
    seq: int = 0
    batch_id: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"page_id": self.page_id, "file": self.source_name, "page": self.source_page + 1,
                "case": self.case_no, "doc_type": self.doc_type, "deskew_deg": self.deskew_deg,
                "rotation": self.rotation, "blank": self.blank, "seal": self.seal_found,
                "qc_flags": list(self.qc_flags), "sha256": self.sha256, "size": self.size,
                "barcodes": list(self.barcodes)}


def resolver(session: Session) -> indexing.Resolver:
    """Barcode text -> the case it names (case number: cover sheet; proposal number: form; problem
    number: a problem notice with the reply behind it)."""
    cache: dict[str, indexing.CaseRef | None] = {}

    def resolve(text: str) -> indexing.CaseRef | None:
        policy_no = receipt_scans.policy_no_of(text) if text not in cache else None
        if policy_no is not None:
            row = session.execute(select(Proposal.id, Proposal.case_no)
                                  .join(PolicyNumber, PolicyNumber.proposal_id == Proposal.id)
                                  .where(func.upper(PolicyNumber.policy_no) == policy_no.upper(),
                                         Proposal.deleted.is_(False))).first()
            cache[text] = indexing.CaseRef(row.id, row.case_no, "receipt") if row is not None else None
        if text not in cache and replies.looks_like_problem_no(text):
            row = session.execute(select(ProblemCase.proposal_id, ProblemCase.problem_no, Proposal.case_no)
                                  .join(Proposal, Proposal.id == ProblemCase.proposal_id)
                                  .where(ProblemCase.problem_no == text.strip(), ProblemCase.deleted.is_(False))).first()
            if row is not None:
                cache[text] = indexing.CaseRef(row.proposal_id, row.case_no, "problem", row.problem_no)
        if text not in cache:
            try:
                pid = proposals.find_case(session, text.strip())
            except NotFound:
                cache[text] = None
            else:
                case_no = session.get(Proposal, pid).case_no
                cache[text] = indexing.CaseRef(pid, case_no, "cover" if case_no == text.strip() else "form")
        return cache[text]

    return resolve


def _require_operator(actor: Actor) -> None:
    if not (actor.has(Role.SCANNING_OPERATOR) or actor.has(Role.SUPERVISOR)):
        raise InvalidInput("只有扫描员或业务主管可以扫描和整理影像。")


def store_batch(session: Session, files_to: PageFiles, *, actor: Actor, files: Sequence[ProcessedFile],
                source: str = "file", case: str | None = None, label: str | None = None) -> list[PageOutcome]:
    """Store processed files as one batch: files, page rows, indexing, case checks.

    `case` (case number or proposal number) indexes the pages before the first cover sheet.
    """
    _require_operator(actor)
    resolve = resolver(session)
    start = None
    if case:
        pid = proposals.find_case(session, case)
        start = indexing.CaseRef(pid, session.get(Proposal, pid).case_no, "given")
    now = utcnow()
    batch = ScanBatch(source=source, label=label or "\n".join(f.name for f in files), scanned_by=actor.user_id,
                      started_at=now, branch_code=actor.branch_code)
    session.add(batch)
    session.flush()
    flat = [(f, p) for f in files for p in f.pages]
    index = indexing.assign([p.barcodes for _f, p in flat], resolve, start=start)
    originals: dict[str, str] = {}
    out = []
    for seq, ((f, p), ix) in enumerate(zip(flat, index, strict=True), start=1):
        if f.name not in originals:
            originals[f.name] = files_to.add(session, data=f.original, branch_code=actor.branch_code,
                                              proposal_id=ix.proposal_id, media_type=f.original_media_type).sha256
        blob = files_to.add(session, data=p.data, branch_code=actor.branch_code,
                             proposal_id=ix.proposal_id, media_type=p.media_type)
        row = Page(batch_id=batch.id, proposal_id=ix.proposal_id, doc_type=ix.doc_type, seq=seq,
                   sha256=blob.sha256, size=blob.size, media_type=p.media_type, original_sha256=originals[f.name],
                   source_name=f.name, source_page=p.source_page, width=p.width, height=p.height, dpi=p.dpi,
                   deskew_deg=p.deskew_deg, rotation=p.rotation, blank=p.blank, seal_found=p.seal_found,
                   barcodes=json.dumps([[b.format, b.text] for b in p.barcodes], ensure_ascii=False),
                   qc_flags=json.dumps([[fl.code, fl.reason] for fl in p.flags], ensure_ascii=False),
                   steps=json.dumps(list(p.steps), ensure_ascii=False),
                   # Blank backs of duplex scans are dropped from the case but kept (recoverable).
                   deleted=p.blank, scanned_by=actor.user_id, scanned_at=now, branch_code=actor.branch_code)
        session.add(row)
        session.flush()
        out.append(PageOutcome(row.id, f.name, p.source_page, ix.case_no, ix.proposal_id, ix.doc_type,
                               p.deskew_deg, p.rotation, p.blank, p.seal_found, tuple(fl.code for fl in p.flags),
                               blob.sha256, blob.size, tuple(b.text for b in p.barcodes), deleted=p.blank,
                               seq=seq, batch_id=batch.id))
    batch.page_count = len(out)
    batch.finished_at = utcnow()
    audit.record(session, actor=actor, action="scan.batch", target_type="scan_batch", target_id=batch.id,
                 detail={"source": source, "files": [f.name for f in files], "pages": len(out)},
                 branch_code=actor.branch_code)
    reply_pages: dict[str, list[str]] = {}
    for o, ix in zip(out, index, strict=True):
        if ix.problem_no and not o.deleted:
            reply_pages.setdefault(ix.problem_no, []).append(o.page_id)
    for problem_no, page_ids in reply_pages.items():
        # The reply recorded on its problem case in this same transaction (core.replies).
        replies.scanned(session, actor=actor, problem_no=problem_no, page_ids=page_ids, now=now)
    receipt_pages: dict[str, list[str]] = {}
    for o, ix in zip(out, index, strict=True):
        if ix.doc_type == indexing.RECEIPT and ix.proposal_id and not o.deleted:
            receipt_pages.setdefault(ix.proposal_id, []).append(o.page_id)
    for pid, page_ids in receipt_pages.items():
        # The signed receipt recorded on its case in this same transaction (core.receipt_scans).
        receipt_scans.scanned(session, actor=actor, proposal_id=pid, page_ids=page_ids, now=now)
    cases = sorted({o.proposal_id for o in out if o.proposal_id})
    for pid in cases:
        check_case(session, actor=actor, proposal_id=pid)
    if actor.has(Role.SCANNING_OPERATOR):
        finish_if_complete(session, actor=actor, proposal_ids=cases)
    return out


# --- the operator's edits ---------------------------------------------------------------------------

def _page(session: Session, page_id: str) -> Page:
    page = session.get(Page, page_id)
    if page is None:
        raise NotFound("找不到该页影像。")
    return page


def assign_pages(session: Session, *, actor: Actor, page_ids: Iterable[str], case: str | None = None,
                 doc_type: str | None = None) -> None:
    """Put pages in a case (from the unindexed tray or another case) and/or give them a document type."""
    _require_operator(actor)
    if doc_type is not None and doc_type not in DOC_TYPE_BY_CODE and doc_type != COVER_SHEET:
        raise InvalidInput(f"未知的单证类型“{doc_type}”。")
    pid = proposals.find_case(session, case) if case else None
    touched = set()
    for page_id in page_ids:
        page = _page(session, page_id)
        if page.proposal_id:
            touched.add(page.proposal_id)
        if pid:
            page.proposal_id = pid
        if doc_type is not None:
            page.doc_type = doc_type
        if page.proposal_id:
            touched.add(page.proposal_id)
    session.flush()
    for p in sorted(touched):
        check_case(session, actor=actor, proposal_id=p)
    if actor.has(Role.SCANNING_OPERATOR):
        finish_if_complete(session, actor=actor, proposal_ids=sorted(touched))


def set_deleted(session: Session, *, actor: Actor, page_id: str, deleted: bool) -> None:
    """Delete a page from its case (a tombstone) or bring a deleted page or dropped blank back."""
    _require_operator(actor)
    page = _page(session, page_id)
    page.deleted = deleted
    session.flush()
    audit.record(session, actor=actor, action="scan.delete" if deleted else "scan.restore", target_type="page",
                 target_id=page.id, branch_code=actor.branch_code)
    if page.proposal_id:
        check_case(session, actor=actor, proposal_id=page.proposal_id)


def reorder(session: Session, *, actor: Actor, page_ids: Sequence[str]) -> None:
    """Give the listed pages the order in which they are listed."""
    _require_operator(actor)
    for seq, page_id in enumerate(page_ids, start=1):
        _page(session, page_id).seq = seq
    session.flush()


def redo_page(session: Session, files_to: PageFiles, *, actor: Actor, page_id: str,
              overrides: pipeline.Overrides | None = None, fmt: str | None = None,
              replacement: ProcessedPage | None = None) -> PageOutcome:
    """Redo a page from its original (a forced rotation, say), or replace it by a rescan in place.

    The page keeps its case, document type and order; the previous image stays in the store.
    A page from the document camera is redone as a camera shot (page detection, perspective).
    """
    _require_operator(actor)
    page = _page(session, page_id)
    if replacement is None:
        from desk_app.core.scanning import processing, sources

        original = files_to.get(page.original_sha256)
        # Only the page redone is decoded (not every page of a 100-page PDF to take one).
        (src,) = sources.read_pages(page.source_name, original,
                                    pages=range(page.source_page, page.source_page + 1))
        kind = {"image/jpeg": "jpeg", "image/png": "png", "image/tiff": "tiff"}
        from_camera = session.get(ScanBatch, page.batch_id).source == "camera"
        replacement = processing.process_page(src, fmt=fmt or kind.get(page.media_type, "jpeg"),
                                              overrides=overrides, camera=from_camera)
    p = replacement
    blob = files_to.add(session, data=p.data, branch_code=page.branch_code, proposal_id=page.proposal_id,
                        media_type=p.media_type)
    page.sha256, page.size, page.media_type = blob.sha256, blob.size, p.media_type
    page.width, page.height, page.dpi = p.width, p.height, p.dpi
    page.deskew_deg, page.rotation, page.blank, page.seal_found = p.deskew_deg, p.rotation, p.blank, p.seal_found
    page.qc_flags = json.dumps([[fl.code, fl.reason] for fl in p.flags], ensure_ascii=False)
    page.steps = json.dumps(list(p.steps), ensure_ascii=False)
    page.scanned_by, page.scanned_at = actor.user_id, utcnow()
    session.flush()
    audit.record(session, actor=actor, action="scan.redo", target_type="page", target_id=page.id,
                 detail={"sha256": blob.sha256}, branch_code=actor.branch_code)
    if page.proposal_id:
        check_case(session, actor=actor, proposal_id=page.proposal_id)
    return page_outcome(session, page)


def _require_live(page: Page, what: str) -> None:
    if page.deleted:
        raise InvalidInput(f"该页已删除，不能{what}；请先恢复该页。")


def rotate_page(session: Session, files_to: PageFiles, *, actor: Actor, page_id: str, quarter: int) -> PageOutcome:
    """Turn a page a quarter to the right (90) or left (-90), redone from the kept original."""
    _require_operator(actor)
    if quarter not in (90, -90, 180):
        raise InvalidInput("只能按 90° 旋转页面。")
    page = _page(session, page_id)
    _require_live(page, "旋转")
    from desk_app.core.scanning import pipeline

    turn = pipeline.Overrides(rotation=(page.rotation + quarter) % 360, deskew_deg=page.deskew_deg)
    return redo_page(session, files_to, actor=actor, page_id=page_id, overrides=turn)


def rescan_page(session: Session, files_to: PageFiles, *, actor: Actor, page_id: str,
                file: ProcessedFile) -> PageOutcome:
    """Replace a page by a rescan of it (a one-page file), in place: case, type and order stay.

    The new file becomes the page's original, so a later rotation is redone from the rescan.
    """
    _require_operator(actor)
    page = _page(session, page_id)
    _require_live(page, "重扫")
    if len(file.pages) != 1:
        raise InvalidInput(f"文件“{file.name}”有 {len(file.pages)} 页；重扫一页时请选择只有一页的文件。")
    original = files_to.add(session, data=file.original, branch_code=page.branch_code,
                            proposal_id=page.proposal_id, media_type=file.original_media_type)
    page.original_sha256, page.source_name, page.source_page = original.sha256, file.name, 0
    audit.record(session, actor=actor, action="scan.rescan", target_type="page", target_id=page.id,
                 detail={"file": file.name, "original_sha256": original.sha256}, branch_code=actor.branch_code)
    return redo_page(session, files_to, actor=actor, page_id=page_id, replacement=file.pages[0])


def move_page(session: Session, *, actor: Actor, page_id: str, step: int) -> list[str]:
    """Move a page up (-1) or down (+1) among the pages of its batch that are not deleted.

    Returns the batch's page ids in their new order (deleted pages keep their places).
    """
    _require_operator(actor)
    if step not in (-1, 1):
        raise InvalidInput("一次只能上移或下移一页。")
    page = _page(session, page_id)
    _require_live(page, "调整顺序")
    rows = list(session.scalars(select(Page).where(Page.batch_id == page.batch_id).order_by(Page.seq, Page.id)))
    i = next(k for k, r in enumerate(rows) if r.id == page_id)
    j = i + step
    while 0 <= j < len(rows) and rows[j].deleted:
        j += step
    if not 0 <= j < len(rows):
        raise InvalidInput("该页已在最前面。" if step < 0 else "该页已在最后面。")
    rows[i], rows[j] = rows[j], rows[i]
    order = [r.id for r in rows]
    reorder(session, actor=actor, page_ids=order)
    return order


# --- reading pages and batches (for the window) ---------------------------------------------------

@dataclass(frozen=True)
class BatchInfo:
    batch_id: str
    source: str
    label: str
    page_count: int
    scanned_by: str  # display name
    started_at: Any  # datetime (UTC)
    unindexed: int  # pages of the batch still without a case (not deleted)


def page_outcome(session: Session, page: Page) -> PageOutcome:
    case_no = session.get(Proposal, page.proposal_id).case_no if page.proposal_id else None
    return PageOutcome(page.id, page.source_name, page.source_page, case_no, page.proposal_id, page.doc_type,
                       page.deskew_deg, page.rotation, page.blank, page.seal_found,
                       tuple(code for code, _reason in json.loads(page.qc_flags or "[]")), page.sha256, page.size,
                       tuple(text for _fmt, text in json.loads(page.barcodes or "[]")), deleted=page.deleted,
                       seq=page.seq, batch_id=page.batch_id)


def recent_batches(session: Session, *, limit: int = 50) -> list[BatchInfo]:
    """The newest batches first, with who scanned them and how many of their pages await a case."""
    waiting = (select(Page.batch_id, func.count().label("n")).where(Page.proposal_id.is_(None),
                                                                   Page.deleted.is_(False))
               .group_by(Page.batch_id).subquery())
    rows = session.execute(
        select(ScanBatch, User.display_name, func.coalesce(waiting.c.n, 0))
        .join(User, User.id == ScanBatch.scanned_by)
        .outerjoin(waiting, waiting.c.batch_id == ScanBatch.id)
        .order_by(ScanBatch.started_at.desc(), ScanBatch.id.desc()).limit(limit)).all()
    return [BatchInfo(b.id, b.source, b.label, b.page_count, name, b.started_at, n) for b, name, n in rows]


def batch_pages(session: Session, batch_id: str, *, include_deleted: bool = False) -> list[PageOutcome]:
    """A batch's pages in their order (deleted ones and dropped blanks only when asked)."""
    q = select(Page).where(Page.batch_id == batch_id)
    if not include_deleted:
        q = q.where(Page.deleted.is_(False))
    return [page_outcome(session, p) for p in session.scalars(q.order_by(Page.seq, Page.id))]


def tray_pages(session: Session, *, include_deleted: bool = False, limit: int = 500) -> list[PageOutcome]:
    """The unindexed tray: pages with no case, oldest batch first."""
    q = select(Page).where(Page.proposal_id.is_(None))
    if not include_deleted:
        q = q.where(Page.deleted.is_(False))
    return [page_outcome(session, p) for p in session.scalars(q.order_by(Page.scanned_at, Page.seq).limit(limit))]


# --- the case's scan: QC deficiencies, completeness --------------------------------------------------

def check_case(session: Session, *, actor: Actor, proposal_id: str) -> CaseScan:
    """Raise (or resolve) the case's scan deficiencies: a missing seal, a short document.

    They go to the intake deficiencies table, where the problem-case work picks them up; codes
    start with `scan.` and are kept open only while the pages still show the problem.
    """
    scan = case_scan(session, proposal_id)
    wanted: dict[str, tuple[str, str]] = {}
    for t, pages in scan.unsealed.items():
        label = DOC_TYPE_BY_CODE[t].label
        wanted[f"scan.seal.{t}"] = (f"{label}未加盖单位公章", "缺章页：" + "、".join(f"第{n}页" for n in pages))
    for t, (have, want) in scan.short.items():
        label = DOC_TYPE_BY_CODE[t].label
        wanted[f"scan.short.{t}"] = (f"{label}页数不足", f"已扫描 {have} 页，应有 {want} 页")
    existing = {d.code: d for d in session.scalars(select(Deficiency).where(
        Deficiency.proposal_id == proposal_id, Deficiency.code.like("scan.%"), Deficiency.status == "open"))}
    now = utcnow()
    p = session.get(Proposal, proposal_id)
    for code, (label, note) in wanted.items():
        if code in existing:
            if existing[code].note != note:
                existing[code].note = note
        else:
            session.add(Deficiency(proposal_id=proposal_id, code=code, label=label, note=note, status="open",
                                   raised_by=actor.user_id, raised_at=now, branch_code=p.branch_code))
    for code, d in existing.items():
        if code not in wanted:
            d.status = "resolved"
    session.flush()
    return scan


def finish_if_complete(session: Session, *, actor: Actor, proposal_ids: Iterable[str]) -> list[str]:
    """Move each complete case still at 受理 to 扫描; returns the case numbers moved."""
    moved = []
    for pid in proposal_ids:
        p = session.get(Proposal, pid)
        if p is None or p.state != workflow.State.RECEIVED.value or not case_scan(session, pid).complete:
            continue
        workflow.perform(session, actor=actor, proposal_id=pid, action="finish_scan")
        moved.append(p.case_no)
    return moved


def already_imported(session: Session, label: str) -> bool:
    """Whether a hot-folder batch with this label (file name and sha256) was stored before."""
    return session.scalar(select(func.count()).select_from(ScanBatch).where(
        ScanBatch.source == "hot_folder", ScanBatch.label == label)) > 0


def unindexed(session: Session, *, limit: int = 500) -> list[str]:
    """Ids of pages in the unindexed tray (no case, not deleted), oldest batch first."""
    return list(session.scalars(select(Page.id).where(Page.proposal_id.is_(None), Page.deleted.is_(False))
                                .order_by(Page.scanned_at, Page.seq).limit(limit)))


def page_count(session: Session, proposal_id: str) -> int:
    return session.scalar(select(func.count()).select_from(Page).where(
        Page.proposal_id == proposal_id, Page.deleted.is_(False))) or 0
