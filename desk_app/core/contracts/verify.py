"""Checking a paper contract page against the local store, offline.

The page's QR code names the policy, the page, the print and the content hash (core.contracts.payload).
The page is CURRENT when its print is the newest print of that contract and the contract's content
is still what was printed; SUPERSEDED when a later print exists or the content changed since; and
UNKNOWN when the code is not ours, or names a print this store does not have, or its hash is not
the recorded one (an altered or made-up page).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import zxingcpp
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.core.contracts import content, payload
from desk_app.core.contracts.views import CURRENT, SUPERSEDED, UNKNOWN, Verification
from desk_app.core.errors import InvalidInput
from desk_app.store.models import ContractPrint, Proposal, User

RENDER_DPI = 150  # a PDF page is drawn at this resolution to read its code (24 mm QR: 4+ px a module)
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}


def _codes_in_gray(gray: np.ndarray) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode) if r.valid]


def codes_in_pdf(data: bytes, *, dpi: float = RENDER_DPI, first_only: bool = True) -> list[list[str]]:
    """The QR texts of each page of a PDF (pages after the first with a contract code are skipped
    with `first_only`)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    out = []
    try:
        for page in doc:
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            gray = np.asarray(bitmap.to_numpy())
            if gray.ndim == 3:
                gray = gray[:, :, 0]
            codes = _codes_in_gray(np.ascontiguousarray(gray))
            out.append(codes)
            if first_only and any(payload.parse_page(c) for c in codes):
                break
    finally:
        doc.close()
    return out


def codes_in_image(data: bytes) -> list[str]:
    import cv2

    gray = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if gray is None:
        raise InvalidInput("无法读取该图像文件。")
    return _codes_in_gray(gray)


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a long typed payload is no file name
        return False


def payloads_of(source: str | Path | bytes) -> list[str]:
    """The QR texts of what the person handed in: typed text, an image or PDF file, image or PDF bytes."""
    if isinstance(source, str) and not _is_file(source):
        if Path(source.strip()).suffix.lower() in IMAGE_SUFFIXES | {".pdf"}:
            raise InvalidInput(f"找不到文件 {source.strip()}。")
        return [source.strip()]
    if isinstance(source, str | Path):
        path = Path(source)
        if not path.is_file():
            raise InvalidInput(f"找不到文件 {path}。")
        data = path.read_bytes()
    else:
        data = source
    if data[:5] == b"%PDF-":
        return [c for page in codes_in_pdf(data) for c in page]
    return codes_in_image(data)


def check(session: Session, text: str) -> Verification:
    """What one QR text says about a contract page."""
    page = payload.parse_page(text)
    if page is None:
        return Verification(UNKNOWN, "这不是本公司保险合同页上的二维码。", text)
    row = session.scalar(select(ContractPrint).where(func.upper(ContractPrint.policy_no) == page.policy_no,
                                                     ContractPrint.print_seq == page.print_seq,
                                                     ContractPrint.deleted.is_(False)))
    if row is None:
        return Verification(UNKNOWN, f"本机没有保单 {page.policy_no} 第 {page.print_seq} 次打印的记录。", text,
                            policy_no=page.policy_no, page=page.page, pages=page.pages, print_seq=page.print_seq)
    p = session.get(Proposal, row.proposal_id)
    base = dict(payload=text, policy_no=row.policy_no, case_no=p.case_no, proposal_id=p.id,
                applicant_name=p.applicant_name, page=page.page, pages=page.pages, print_seq=row.print_seq,
                printed_at=row.printed_at,
                printed_by=session.scalar(select(User.display_name).where(User.id == row.printed_by)) or "")
    if row.content_hash[:payload.HASH_CHARS] != page.hash_prefix or row.pages != page.pages:
        return Verification(UNKNOWN, "二维码与本公司的打印记录不符，该页可能被改动或伪造。", **base)
    latest = session.scalar(select(func.max(ContractPrint.print_seq)).where(
        ContractPrint.proposal_id == row.proposal_id, ContractPrint.deleted.is_(False))) or 0
    changed = content.content_hash(content.contract_data(session, row.proposal_id)) != row.content_hash
    base.update(latest_seq=latest, content_changed=changed)
    if row.print_seq < latest:
        return Verification(SUPERSEDED, f"此页属于第 {row.print_seq} 次打印，已被第 {latest} 次打印取代。", **base)
    if changed:
        return Verification(SUPERSEDED, "此页打印后合同内容已变更，不是现行合同。", **base)
    return Verification(CURRENT, f"此页是保单 {row.policy_no} 现行合同（第 {row.print_seq} 次打印）的第 "
                                 f"{page.page}/{page.pages} 页。", **base)


def verify(session: Session, texts: list[str]) -> Verification:
    """The first contract code among `texts` checked (codes that are not ours are skipped)."""
    for t in texts:
        if payload.parse_page(t) is not None:
            return check(session, t)
    if not texts:
        return Verification(UNKNOWN, "没有读到二维码。", "")
    return check(session, texts[0])
