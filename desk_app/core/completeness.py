"""What a case's scan shows, and the finish_scan precondition built on it: no OpenCV here.

Kept apart from `service` (which pulls in OpenCV, zxing and pdfium) so that `desk_app.core.workflow`
can register `scanning_complete` on `finish_scan` itself: wherever the workflow runs, a case
becomes 扫描 SCANNED only when every required document type has pages, whether or not anything
imported the scanning service.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.errors import NotFound
from desk_app.core.roles import Actor
from desk_app.store.models import Page, Proposal


@dataclass(frozen=True)
class DocType:
    code: str
    label: str
    shortcut: str  # the key the operator presses in the scanning window
    seal_required: bool = False


DOC_TYPES: tuple[DocType, ...] = (
    DocType("proposal_form", "投保单", "1", seal_required=True),
    DocType("insured_list", "被保险人清单", "2", seal_required=True),
    DocType("business_licence", "营业执照", "3"),
    DocType("commission_approval", "手续费审批表", "4"),
    DocType("price_inquiry_memo", "询价签报", "5"),
    DocType("intermediary_confirmation", "中介业务确认书", "6"),
    DocType("settlement_list", "保费结算清单", "7"),
    DocType("construction_contract", "施工合同或中标通知书", "8"),
    DocType("other", "其他材料", "9"),
    # The agent's reply to a problem notice (the notice's QR code types it when scanned).
    DocType("problem_reply", "问题件回复", "0"),
    # The contract's signed receipt (回执; its QR code types it when scanned).
    DocType("contract_receipt", "保险合同回执", "r"),
)
DOC_TYPE_BY_CODE = {d.code: d for d in DOC_TYPES}
COVER_SHEET = "cover_sheet"
# Rows of the insured list on one page of the standard form: the expected page count follows.
INSURED_ROWS_PER_PAGE = 25


def required_doc_types(business_type: str) -> tuple[str, ...]:
    """Document types a case must have pages of before it is SCANNED (rule book 1.2.1 items 1–2)."""
    return ("proposal_form", "insured_list") if business_type == "GROUP" else ("proposal_form",)


def expected_pages(doc_type: str, insured_count: int) -> int:
    if doc_type == "insured_list":
        return max(1, math.ceil(insured_count / INSURED_ROWS_PER_PAGE))
    return 1


@dataclass(frozen=True)
class CaseScan:
    proposal_id: str
    pages_by_type: dict[str, int]
    missing_types: tuple[str, ...]
    unsealed: dict[str, tuple[int, ...]]  # doc type -> 1-based page numbers without a seal
    short: dict[str, tuple[int, int]]  # doc type -> (pages, expected)

    @property
    def complete(self) -> bool:
        return not self.missing_types


def case_scan(session: Session, proposal_id: str) -> CaseScan:
    """What a case's pages show: pages per type, missing required types, unsealed and short documents."""
    p = session.get(Proposal, proposal_id)
    if p is None:
        raise NotFound("找不到该案件。")
    rows = session.execute(select(Page.doc_type, Page.seal_found).where(
        Page.proposal_id == proposal_id, Page.deleted.is_(False)).order_by(Page.doc_type, Page.seq)).all()
    by_type: dict[str, list[bool]] = {}
    for doc_type, sealed in rows:
        if doc_type:
            by_type.setdefault(doc_type, []).append(bool(sealed))
    missing = tuple(t for t in required_doc_types(p.business_type) if not by_type.get(t))
    unsealed = {t: tuple(i for i, s in enumerate(seals, start=1) if not s) for t, seals in by_type.items()
                if DOC_TYPE_BY_CODE.get(t) and DOC_TYPE_BY_CODE[t].seal_required and not all(seals)}
    short = {}
    for t, seals in by_type.items():
        want = expected_pages(t, p.insured_count)
        if t in DOC_TYPE_BY_CODE and len(seals) < want:
            short[t] = (len(seals), want)
    return CaseScan(proposal_id, {t: len(v) for t, v in by_type.items()}, missing, unsealed, short)


def scanning_complete(session: Session, proposal: Proposal, actor: Actor) -> str | None:
    """finish_scan needs pages of every required document type (see required_doc_types)."""
    scan = case_scan(session, proposal.id)
    if scan.missing_types:
        names = "、".join(DOC_TYPE_BY_CODE[t].label for t in scan.missing_types)
        return f"尚未扫描：{names}，不能完成扫描。"
    return None
