"""Registering a proposal (case) and reading it back.

The counter-intake issue adds the material checklist and stationery control on top of
`register_case`; the rules here are the ones every case must satisfy whatever screen made it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.clock import branch_date
from desk_app.core import text, workflow
from desk_app.core.errors import InvalidInput, NotFound
from desk_app.core.identifiers import bank_account_problem, valid_credit_code, valid_mobile, valid_resident_id
from desk_app.core.privacy import PersonalField, masked
from desk_app.core.roles import Actor
from desk_app.core.users import branch
from desk_app.core.workflow import EventView, State
from desk_app.store.models import (
    Agent,
    BenefitLevel,
    Intermediary,
    OccupationClass,
    Product,
    Proposal,
    ProposalProduct,
)
from desk_app.store.types import FEN, utcnow

BUSINESS_TYPES = {"GROUP": "团险", "INDIVIDUAL": "个险"}
BUSINESS_SOURCES = {
    "direct": "直销",
    "cross_sell": "综拓",
    "sideline_agency": "兼业代理",
    "professional_agency": "专业代理",
    "broker": "经纪",
}
# Which intermediary kind each intermediary source requires.
SOURCE_INTERMEDIARY_KIND = {"sideline_agency": "sideline", "professional_agency": "professional", "broker": "broker"}


@dataclass(frozen=True)
class ProductLine:
    product_code: str
    benefit_level: str
    sum_insured: Decimal
    premium: Decimal
    product_name: str = ""  # filled when read back; ignored on input


@dataclass(frozen=True)
class CaseDraft:
    """What the counter types in for a new case (all values as the clerk gave them)."""

    proposal_no: str
    business_type: str
    applicant_name: str
    business_source: str
    effective_date: dt.date
    proposal_date: dt.date
    products: tuple[ProductLine, ...]
    premium_total: Decimal
    applicant_credit_code: str | None = None
    industry_code: str | None = None
    intermediary_code: str | None = None
    commission_ratio: Decimal | None = None
    agent_code: str | None = None
    insured_count: int = 1
    term_months: int = 12
    special_agreements: str = "无"
    applicant_id_no: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    payer_bank_account: str | None = None


@dataclass(frozen=True)
class CaseDetail:
    """A case as screens show it: personal numbers are always masked here (see core.privacy)."""

    proposal_id: str
    case_no: str
    proposal_no: str
    business_type: str
    applicant_name: str
    applicant_credit_code: str | None
    industry_code: str | None
    industry_name: str | None
    business_source: str
    intermediary_code: str | None
    intermediary_name: str | None
    commission_ratio: Decimal | None
    agent_code: str | None
    agent_name: str | None
    insured_count: int
    sum_insured_total: Decimal
    premium_total: Decimal
    term_months: int
    proposal_date: dt.date | None
    effective_date: dt.date | None
    special_agreements: str
    state: State
    state_since: dt.datetime
    products: tuple[ProductLine, ...] = ()
    history: tuple[EventView, ...] = field(default=())
    applicant_id_no: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    payer_bank_account: str | None = None


# Plausibility limits of what a counter form can say (the store's fen column holds far more: these
# catch a slip of the finger or a hostile file, not business limits, which the products set).
MAX_MONEY = Decimal("100000000000")  # 1,000 亿元 per amount
MAX_INSURED = 1_000_000
TEXT_LIMITS = {"applicant_name": ("投保单位（投保人）名称", 100), "contact_name": ("联系人", 50),
               "special_agreements": ("特别约定", 2000), "proposal_no": ("投保单号", 20)}
CODE_FIELDS = ("proposal_no", "applicant_credit_code", "industry_code", "intermediary_code", "agent_code",
               "applicant_id_no", "contact_phone", "payer_bank_account")


def credit_code_problem(code: str) -> str:
    """Why a unified social credit code (GB 32100: 18 characters) is refused: its length first."""
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，现在是 {len(code)} 位，请核对。"
    return f"统一社会信用代码“{code}”校验位不正确，请核对。"


def normalise_draft(draft: CaseDraft) -> CaseDraft:
    """The draft as the store will keep it (core.text): NFKC everywhere, codes upper-case without
    spaces, empty optional codes as None. Checks and the duplicate search run on this."""
    changes: dict[str, object] = {}
    for name in ("applicant_name", "contact_name", "special_agreements", "business_type", "business_source"):
        value = getattr(draft, name)
        if isinstance(value, str):
            changes[name] = text.clean(value)
    for name in CODE_FIELDS:
        value = getattr(draft, name)
        if isinstance(value, str):
            changes[name] = text.clean_code(value) or (None if name != "proposal_no" else "")
    changes["products"] = tuple(dataclasses.replace(line, product_code=text.clean_code(line.product_code),
                                                    benefit_level=text.clean_code(line.benefit_level))
                                for line in draft.products)
    return dataclasses.replace(draft, **changes)


def validate_draft(session: Session, draft: CaseDraft) -> list[str]:
    """Every reason the draft cannot be registered, in Chinese; empty when it can."""
    errs: list[str] = []
    for name, (label, limit) in TEXT_LIMITS.items():
        value = getattr(draft, name) or ""
        if len(value) > limit:
            errs.append(f"{label}太长：最多 {limit} 个字，现有 {len(value)} 个。")
        elif text.has_hidden_characters(value.replace("\n", "") if name == "special_agreements" else value):
            errs.append(f"{label}中有看不见的控制字符或方向控制符，请删除后重新输入。")
    if errs:
        return errs  # the other checks would quote these values back
    if not draft.proposal_no.strip() or not draft.proposal_no.isalnum():
        errs.append("投保单号不能为空，只能由字母和数字组成。")
    if draft.business_type not in BUSINESS_TYPES:
        errs.append("业务类型必须是团险或个险。")
    if not draft.applicant_name.strip():
        errs.append("请填写投保单位（投保人）名称。")
    if draft.business_type == "GROUP":
        if not draft.applicant_credit_code:
            errs.append("团险投保单位必须填写统一社会信用代码。")
        elif not valid_credit_code(draft.applicant_credit_code):
            errs.append(credit_code_problem(draft.applicant_credit_code))
        if not draft.industry_code:
            errs.append("团险必须填写行业类别（团险职业分类表代码）。")
        elif session.scalar(select(OccupationClass.id).where(
                OccupationClass.industry_code == draft.industry_code, OccupationClass.deleted.is_(False))) is None:
            errs.append(f"行业类别代码“{text.shorten(draft.industry_code)}”不在团险职业分类表中。")
    if draft.business_type == "INDIVIDUAL":
        if not draft.applicant_id_no:
            errs.append("个险投保人必须填写身份证号码。")
        elif not valid_resident_id(draft.applicant_id_no):
            errs.append("投保人身份证号码不正确（地区码、出生日期或校验位有误），请核对。")
    elif draft.applicant_id_no:
        errs.append("团险投保单位不填写个人身份证号码，请填写统一社会信用代码。")
    if draft.contact_phone and not valid_mobile(draft.contact_phone):
        errs.append("联系电话应为 11 位手机号码。")
    if draft.payer_bank_account and (why := bank_account_problem(draft.payer_bank_account)):
        errs.append(why)
    if draft.business_source not in BUSINESS_SOURCES:
        errs.append("业务来源必须是直销、综拓、兼业代理、专业代理或经纪之一。")
    kind = SOURCE_INTERMEDIARY_KIND.get(draft.business_source)
    if kind:
        inter = draft.intermediary_code and session.scalar(select(Intermediary).where(
            Intermediary.code == draft.intermediary_code, Intermediary.deleted.is_(False)))
        if not inter:
            errs.append("中介业务必须填写有效的中介机构。")
        elif inter.kind != kind:
            errs.append(f"中介机构“{inter.name}”不是{BUSINESS_SOURCES[draft.business_source]}机构。")
        elif draft.commission_ratio is None:
            errs.append("中介业务必须填写手续费比例。")
        elif not (Decimal(0) <= draft.commission_ratio <= inter.commission_cap):
            errs.append(f"手续费比例 {draft.commission_ratio:%} 超过“{inter.name}”的上限 {inter.commission_cap:%}。")
    elif draft.intermediary_code or draft.commission_ratio:
        errs.append("非中介业务不应填写中介机构或手续费比例。")
    if draft.agent_code and session.scalar(select(Agent.id).where(
            Agent.code == draft.agent_code, Agent.deleted.is_(False))) is None:
        errs.append(f"业务员代码“{text.shorten(draft.agent_code)}”不存在。")
    if draft.proposal_date != draft.effective_date - dt.timedelta(days=1):
        errs.append("投保日期必须为生效日期的前一天。")
    if draft.insured_count < 1:
        errs.append("被保险人数至少为 1。")
    elif draft.insured_count > MAX_INSURED:
        errs.append(f"被保险人数 {draft.insured_count:,} 不合理，最多 {MAX_INSURED:,} 人。")
    if draft.term_months < 1:
        errs.append("保险期间至少 1 个月。")
    if not draft.products:
        errs.append("至少需要一个险种。")
    for line in draft.products:
        product = session.scalar(select(Product).where(Product.code == line.product_code, Product.deleted.is_(False)))
        if product is None:
            errs.append(f"险种代码“{text.shorten(line.product_code)}”不存在。")
            continue
        if product.business_type != draft.business_type:
            errs.append(f"险种“{product.name}”不适用于{BUSINESS_TYPES.get(draft.business_type, '该')}业务。")
        if draft.term_months > product.max_term_months:
            errs.append(f"险种“{product.name}”保险期间最长 {product.max_term_months} 个月。")
        if session.scalar(select(BenefitLevel.id).where(
                BenefitLevel.product_code == line.product_code, BenefitLevel.level == line.benefit_level,
                BenefitLevel.deleted.is_(False))) is None:
            errs.append(f"险种“{product.name}”没有保障等级“{text.shorten(line.benefit_level)}”。")
        if line.sum_insured <= 0 or line.premium < 0:
            errs.append(f"险种“{product.name}”的保额必须大于零，保费不能为负。")
        elif line.sum_insured > MAX_MONEY or line.premium > MAX_MONEY:
            errs.append(f"险种“{product.name}”的保额或保费超过 {MAX_MONEY:,.0f} 元，请核对。")
        if line.sum_insured != line.sum_insured.quantize(FEN) or line.premium != line.premium.quantize(FEN):
            errs.append("金额最多精确到分。")
    computed = sum((line.premium for line in draft.products), Decimal("0"))
    if draft.premium_total > MAX_MONEY * 10:
        errs.append("保费合计超出合理范围，请核对。")
    elif draft.products and computed != draft.premium_total:
        errs.append(f"保费合计 {draft.premium_total:,.2f} 元与各险种保费之和 {computed:,.2f} 元不符。")
    return errs


def next_case_no(session: Session, branch_code: str, today: dt.date) -> str:
    prefix = f"{branch_code}{today:%Y%m%d}"
    # A range on the (branch_code, case_no) unique index instead of LIKE, which SQLite cannot
    # use on it: the digits after the prefix all sort below ":".
    last = session.scalar(select(func.max(Proposal.case_no)).where(
        Proposal.branch_code == branch_code, Proposal.case_no >= prefix, Proposal.case_no < prefix + ":"))
    n = int(last[len(prefix):]) + 1 if last else 1
    return f"{prefix}{n:06d}"


def register_case(session: Session, *, actor: Actor, draft: CaseDraft, now: dt.datetime | None = None) -> CaseDetail:
    """Create the case and its 受理 event; InvalidInput lists every problem and writes nothing."""
    draft = normalise_draft(draft)
    errs = validate_draft(session, draft)
    if errs:
        raise InvalidInput("\n".join(errs))
    now = now or utcnow()
    code = branch(session).branch_code
    proposal = Proposal(
        branch_code=code, case_no=next_case_no(session, code, branch_date(now)), proposal_no=draft.proposal_no.strip(),
        business_type=draft.business_type, applicant_name=draft.applicant_name.strip(),
        applicant_credit_code=draft.applicant_credit_code, industry_code=draft.industry_code,
        business_source=draft.business_source, intermediary_code=draft.intermediary_code,
        commission_ratio=draft.commission_ratio, agent_code=draft.agent_code, insured_count=draft.insured_count,
        sum_insured_total=sum((p.sum_insured for p in draft.products), Decimal("0")),
        premium_total=draft.premium_total, term_months=draft.term_months, proposal_date=draft.proposal_date,
        effective_date=draft.effective_date, special_agreements=draft.special_agreements or "无",
        applicant_id_no=draft.applicant_id_no, contact_name=draft.contact_name, contact_phone=draft.contact_phone,
        payer_bank_account=draft.payer_bank_account, created_at=now, updated_at=now,
    )
    workflow.start_case(session, actor=actor, proposal=proposal, now=now)
    for i, line in enumerate(draft.products, start=1):
        session.add(ProposalProduct(proposal_id=proposal.id, line_no=i, product_code=line.product_code,
                                    benefit_level=line.benefit_level, sum_insured=line.sum_insured,
                                    premium=line.premium, branch_code=code))
    session.flush()
    return case_detail(session, proposal.id)


def case_detail(session: Session, proposal_id: str) -> CaseDetail:
    p = session.get(Proposal, proposal_id)
    if p is None or p.deleted:
        raise NotFound("找不到该案件。")
    lines = session.execute(
        select(ProposalProduct, Product.name)
        .outerjoin(Product, Product.code == ProposalProduct.product_code)
        .where(ProposalProduct.proposal_id == p.id)
        .order_by(ProposalProduct.line_no)
    ).all()
    industry = p.industry_code and session.scalar(
        select(OccupationClass.name).where(OccupationClass.industry_code == p.industry_code))
    inter = p.intermediary_code and session.scalar(
        select(Intermediary.name).where(Intermediary.code == p.intermediary_code))
    agent = p.agent_code and session.scalar(select(Agent.name).where(Agent.code == p.agent_code))
    return CaseDetail(
        p.id, p.case_no, p.proposal_no, p.business_type, p.applicant_name, p.applicant_credit_code,
        p.industry_code, industry or None, p.business_source, p.intermediary_code, inter or None,
        p.commission_ratio, p.agent_code, agent or None, p.insured_count, p.sum_insured_total, p.premium_total,
        p.term_months, p.proposal_date, p.effective_date, p.special_agreements, State(p.state), p.state_since,
        tuple(ProductLine(x.product_code, x.benefit_level, x.sum_insured, x.premium, name or "")
              for x, name in lines),
        tuple(workflow.history(session, p.id)),
        masked(PersonalField.ID_NO, p.applicant_id_no), p.contact_name,
        masked(PersonalField.PHONE, p.contact_phone), masked(PersonalField.BANK, p.payer_bank_account),
    )


def find_case(session: Session, text: str) -> str:
    """A case id from its case number or proposal number."""
    pid = session.scalar(select(Proposal.id).where(
        (Proposal.case_no == text) | (Proposal.proposal_no == text), Proposal.deleted.is_(False)))
    if pid is None:
        raise NotFound(f"找不到案件号或投保单号为“{text}”的案件。")
    return pid
