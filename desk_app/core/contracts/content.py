"""The contract's content: everything printed on it, gathered from the store, and its hash.

The hash is over a canonical JSON of this content (sorted keys, no spaces, decimals as strings),
never over the PDF's bytes: a reprint of the same contract has the same hash, and a contract
whose content changed after a print (an insured list replaced, a decision changed) gets a new
one, so an older paper is recognised as superseded.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, fields
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.clock import branch_date
from desk_app.core.errors import NotFound, TransitionRefused
from desk_app.core.insured.store import active_list
from desk_app.core.users import branch
from desk_app.store.models import (
    BenefitLevel,
    InsuredPerson,
    PolicyNumber,
    Product,
    Proposal,
    ProposalProduct,
    UwDecision,
)

# Decisions on whose terms a case is issued; the newest one's loading and exclusion are printed.
ISSUING_DECISIONS = ("auto_standard", "standard", "loading", "exclusion")


@dataclass(frozen=True)
class ProductLine:
    code: str
    name: str
    level: str
    level_text: str  # the benefit level's description (等级明细)
    sum_insured: Decimal
    premium: Decimal


@dataclass(frozen=True)
class Insured:
    row_no: int
    name: str
    id_type: str
    id_no: str
    gender: str  # M / F / ""
    birth_date: str  # ISO, or ""
    product_code: str
    level: str
    sum_insured: Decimal
    premium: Decimal


@dataclass(frozen=True)
class ContractData:
    policy_no: str
    case_no: str
    proposal_no: str
    business_type: str  # GROUP / INDIVIDUAL
    applicant_name: str
    applicant_code: str  # unified social credit code (unit) or ID number (person)
    insured_count: int
    products: tuple[ProductLine, ...]
    sum_insured_total: Decimal
    premium_total: Decimal
    term_months: int
    effective_date: dt.date
    expiry_date: dt.date
    special_agreements: tuple[str, ...]
    loading_percent: Decimal | None
    exclusion: str
    branch_code: str
    branch_name: str
    issued_on: dt.date
    insured: tuple[Insured, ...]


def add_months(day: dt.date, months: int) -> dt.date:
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry(effective: dt.date, term_months: int) -> dt.date:
    """The last day of cover: the day before the same date `term_months` later (24:00 of it)."""
    return add_months(effective, term_months) - dt.timedelta(days=1)


def policy_row(session: Session, proposal_id: str) -> PolicyNumber:
    row = session.scalar(select(PolicyNumber).where(PolicyNumber.proposal_id == proposal_id,
                                                    PolicyNumber.deleted.is_(False)))
    if row is None:
        raise TransitionRefused("该案件尚未承保出单，没有保单号，不能缮制合同。")
    return row


def _agreements(text: str) -> tuple[str, ...]:
    lines = [t.strip() for t in (text or "").replace("；", "\n").split("\n")]
    return tuple(t for t in lines if t and t != "无")


def contract_data(session: Session, proposal_id: str) -> ContractData:
    """The contract of an issued case as it stands now."""
    p = session.get(Proposal, proposal_id)
    if p is None or p.deleted:
        raise NotFound("找不到该案件，可能已被删除或不属于本机构。")
    pol = policy_row(session, proposal_id)
    info = branch(session)
    rows = session.execute(
        select(ProposalProduct.product_code, Product.name, ProposalProduct.benefit_level, BenefitLevel.description,
               ProposalProduct.sum_insured, ProposalProduct.premium)
        .outerjoin(Product, Product.code == ProposalProduct.product_code)
        .outerjoin(BenefitLevel, (BenefitLevel.product_code == ProposalProduct.product_code)
                   & (BenefitLevel.level == ProposalProduct.benefit_level) & BenefitLevel.deleted.is_(False))
        .where(ProposalProduct.proposal_id == proposal_id, ProposalProduct.deleted.is_(False))
        .order_by(ProposalProduct.line_no)).all()
    products = tuple(ProductLine(c, n or c, lv or "", d or "", si, pr) for c, n, lv, d, si, pr in rows)
    decision = session.scalar(select(UwDecision).where(
        UwDecision.proposal_id == proposal_id, UwDecision.decision.in_(ISSUING_DECISIONS),
        UwDecision.deleted.is_(False)).order_by(UwDecision.seq.desc()).limit(1))
    insured: tuple[Insured, ...] = ()
    chosen = active_list(session, proposal_id)
    if chosen is not None:
        t = InsuredPerson.__table__.c
        insured = tuple(
            Insured(r.row_no, r.name, r.id_type or "", r.id_no, r.gender or "",
                    r.birth_date.isoformat() if r.birth_date else "", r.product_code or "", r.benefit_level or "",
                    r.sum_insured if r.sum_insured is not None else Decimal("0"),
                    r.premium if r.premium is not None else Decimal("0"))
            for r in session.execute(
                select(t.row_no, t.name, t.id_type, t.id_no, t.gender, t.birth_date, t.product_code,
                       t.benefit_level, t.sum_insured, t.premium)
                .where(t.list_id == chosen.id, t.deleted.is_(False)).order_by(t.row_no)))
    effective = p.effective_date or branch_date(pol.issued_at)
    return ContractData(
        policy_no=pol.policy_no, case_no=p.case_no, proposal_no=p.proposal_no, business_type=p.business_type,
        applicant_name=p.applicant_name, applicant_code=p.applicant_credit_code or p.applicant_id_no or "",
        insured_count=len(insured) or p.insured_count, products=products,
        sum_insured_total=p.sum_insured_total, premium_total=p.premium_total, term_months=p.term_months,
        effective_date=effective, expiry_date=expiry(effective, p.term_months),
        special_agreements=_agreements(p.special_agreements),
        loading_percent=decision.loading_percent if decision is not None and decision.loading_percent else None,
        exclusion=(decision.exclusion or "").strip() if decision is not None else "",
        branch_code=info.branch_code, branch_name=info.branch_name, issued_on=branch_date(pol.issued_at),
        insured=insured)


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def canonical_json(data: ContractData) -> bytes:
    """The content as canonical JSON: what the hash is taken over."""
    # asdict() on 1,000 insured would deep-copy each: the insured go as rows of plain values.
    d = {f.name: getattr(data, f.name) for f in fields(data) if f.name not in ("insured", "products")}
    d["products"] = [asdict(p) for p in data.products]
    d["insured"] = [[i.row_no, i.name, i.id_type, i.id_no, i.gender, i.birth_date, i.product_code, i.level,
                     f"{i.sum_insured:.2f}", f"{i.premium:.2f}"] for i in data.insured]
    return json.dumps(_plain(d), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def content_hash(data: ContractData) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()
