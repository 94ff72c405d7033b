"""The referral packet (上报材料): what the provincial office reads to decide a referred case.

One PDF, made in the transaction that refers the case: the case (applicant, products, sums,
premium, insured), the keyed values, the latest rule run, the underwriting issues with their
facts, the decisions so far and the referral reason, then every scanned page of the case scaled
onto its own A4 page. Drawn like the counter's papers (core.receipts): the bundled TrueType font
embedded as a subset, the case number as a QR code on the first page.

The PDF is stored as a page file of the case (the files handed in add a `page_blobs` row), not
only in the branch's file folder: sync uploads page files and the province downloads those of a
referred case, so the very bytes the branch made are what the province reads. The print job
(kind `referral_packet`) names the file by its hash; a second referral of the same case makes a
new packet, the next copy.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.core import forms, privacy
from desk_app.core.completeness import DOC_TYPE_BY_CODE, DOC_TYPES
from desk_app.core.entry import rounds
from desk_app.core.errors import NotFound
from desk_app.core.proposals import BUSINESS_SOURCES, BUSINESS_TYPES
from desk_app.core.receipts import draw_qr, paper_font
from desk_app.core.roles import Actor
from desk_app.core.rules import runs
from desk_app.core.underwriting.views import DECISION_LABELS, ISSUE_LABELS, ISSUE_STATUS_LABELS
from desk_app.core.users import branch
from desk_app.core.worktime import BRANCH_TZ
from desk_app.store.models import (
    CaseEvent,
    InsuredPerson,
    Page,
    PrintJob,
    Product,
    Proposal,
    ProposalProduct,
    User,
    UwDecision,
    UwIssue,
)
from desk_app.store.types import utcnow

KIND = "referral_packet"
TITLE = "核保上报材料"
MEDIA_TYPE = "application/pdf"

# Keyed fields the summary already shows as the case's products, or that say nothing to an underwriter.
_NOT_LISTED_PREFIX = ("product_",)


class PacketFiles(Protocol):
    """Where the packet goes and the page images come from (desk_app.sync.pages.SyncedPageFiles)."""

    def add(self, session: Session, *, data: bytes, branch_code: str, proposal_id: str | None,
            media_type: str) -> Any: ...  # a row with `.sha256`

    def get(self, digest: str) -> bytes: ...


class PageReader(Protocol):
    def get(self, digest: str) -> bytes: ...


@dataclass(frozen=True)
class PacketPage:
    """One scanned page to append: its document type label, its number within the case, its file."""

    doc_label: str
    number: int
    sha256: str
    blank: bool


@dataclass(frozen=True)
class PacketData:
    branch_name: str
    branch_code: str
    case_no: str
    proposal_no: str
    applicant_name: str
    business: str
    products: tuple[tuple[str, str, str, Decimal, Decimal], ...]  # code, name, level, sum insured, premium
    sum_insured_total: Decimal
    premium_total: Decimal
    insured_count: int
    effective_date: dt.date | None
    insured: tuple[tuple[str, str], ...]  # label, value: what the insured list says in aggregate
    keyed: tuple[tuple[str, str], ...]  # field label, value (personal numbers masked)
    rules: tuple[tuple[str, str, str], ...]  # code, severity label, message
    rules_run: str  # "第 N 次校验，YYYY-MM-DD HH:MM" or "未校验"
    issues: tuple[tuple[str, str, str, str, str], ...]  # type, subject, amount, status, message + facts
    decisions: tuple[tuple[str, str, str, str, str], ...]  # when, who (org, level), decision, terms, reason
    referred_by: str
    referral_reason: str
    pages: tuple[PacketPage, ...]
    at: dt.datetime


@dataclass(frozen=True)
class ReferralPacket:
    print_job_id: str
    case_no: str
    pdf_digest: str
    copy_no: int
    image_pages: int  # scanned pages appended after the summary
    pdf: bytes


def _money(v: Decimal | None) -> str:
    return "—" if v is None else f"{v:,.2f}"


def _local(at: dt.datetime) -> str:
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return f"{at.astimezone(BRANCH_TZ):%Y-%m-%d %H:%M}"


def _facts(text: str) -> str:
    try:
        facts = json.loads(text or "{}")
    except ValueError:
        return text
    if not isinstance(facts, dict):
        return str(facts)
    return "；".join(f"{k}：{v}" for k, v in facts.items())


def _insured_summary(session: Session, proposal: Proposal) -> tuple[tuple[str, str], ...]:
    people = session.execute(select(InsuredPerson.birth_date, InsuredPerson.gender, InsuredPerson.relation,
                                    InsuredPerson.occupation_class, InsuredPerson.sum_insured)
                             .where(InsuredPerson.proposal_id == proposal.id,
                                    InsuredPerson.deleted.is_(False))).all()
    if not people:
        return (("被保险人清单", "无（个人件或未导入）"),)
    on = proposal.effective_date or dt.date.today()
    ages = [on.year - b.year - ((on.month, on.day) < (b.month, b.day)) for b, *_ in people if b]
    classes = sorted({c for *_, c, _s in people if c})
    per_life = [s for *_, s in people if s is not None]
    relations: dict[str, int] = {}
    for _b, _g, rel, _c, _s in people:
        relations[rel] = relations.get(rel, 0) + 1
    rel_names = {"employee": "员工", "spouse": "配偶", "child": "子女", "parent": "父母"}
    out = [("清单人数", f"{len(people)} 人（"
            + "，".join(f"{rel_names.get(k, k)} {n}" for k, n in sorted(relations.items())) + "）")]
    if ages:
        out.append(("年龄", f"{min(ages)}–{max(ages)} 岁，平均 {sum(ages) / len(ages):.1f} 岁"))
    out.append(("男 / 女", f"{sum(1 for _b, g, *_ in people if g == 'M')} / "
                          f"{sum(1 for _b, g, *_ in people if g == 'F')}"))
    if classes:
        out.append(("职业类别", "、".join(f"{c} 类" for c in classes)))
    if per_life:
        out.append(("每人保额", f"最高 {_money(max(per_life))} 元"))
    return tuple(out)


def _keyed(session: Session, proposal: Proposal) -> tuple[tuple[str, str], ...]:
    values = rounds.settled_values(session, proposal.id)
    if not values:
        return ()
    try:
        form = forms.form_for(proposal.business_type)
    except (KeyError, ValueError):
        return tuple((k, privacy.redact(v)) for k, v in sorted(values.items()) if v)
    out = []
    for f in form.fields:
        v = values.get(f.key, "")
        if v and not f.key.startswith(_NOT_LISTED_PREFIX):
            out.append((f.label, privacy.redact(v)))
    return tuple(out)


def _pages(session: Session, proposal_id: str) -> tuple[PacketPage, ...]:
    order = {d.code: i for i, d in enumerate(DOC_TYPES)}
    rows = session.execute(select(Page.doc_type, Page.seq, Page.sha256, Page.blank)
                           .where(Page.proposal_id == proposal_id, Page.deleted.is_(False))).all()
    rows = sorted(rows, key=lambda r: (order.get(r.doc_type or "", len(order)), r.seq))
    out = []
    for n, r in enumerate(rows, start=1):
        label = DOC_TYPE_BY_CODE[r.doc_type].label if r.doc_type in DOC_TYPE_BY_CODE else "未分类"
        out.append(PacketPage(label, n, r.sha256, bool(r.blank)))
    return tuple(out)


def packet_data(session: Session, proposal_id: str, *, now: dt.datetime | None = None) -> PacketData:
    """Everything the packet shows, read in the caller's transaction (the referral's own)."""
    p = session.get(Proposal, proposal_id)
    if p is None or p.deleted:
        raise NotFound("找不到该案件，可能已被删除或不属于本机构。")
    info = branch(session)
    products = session.execute(
        select(ProposalProduct.product_code, Product.name, ProposalProduct.benefit_level,
               ProposalProduct.sum_insured, ProposalProduct.premium)
        .outerjoin(Product, Product.code == ProposalProduct.product_code)
        .where(ProposalProduct.proposal_id == proposal_id, ProposalProduct.deleted.is_(False))
        .order_by(ProposalProduct.line_no)).all()
    run = runs.latest(session, proposal_id)
    severity = {"blocking": "阻断", "warning": "提示"}
    rules = tuple((f.code, severity.get(f.severity.value, f.severity.value), f.message)
                  for f in (run.findings if run else ()))
    issues = tuple(
        (ISSUE_LABELS.get(i.issue_type, i.issue_type), i.subject, _money(i.amount),
         ISSUE_STATUS_LABELS.get(i.status, i.status),
         i.message + (f"（{_facts(i.facts)}）" if _facts(i.facts) else ""))
        for i in session.scalars(select(UwIssue).where(UwIssue.proposal_id == proposal_id,
                                                       UwIssue.deleted.is_(False))
                                 .order_by(UwIssue.round, UwIssue.issue_type, UwIssue.subject)))
    decisions = []
    for d, name in session.execute(select(UwDecision, User.display_name)
                                   .join(User, User.id == UwDecision.actor_id)
                                   .where(UwDecision.proposal_id == proposal_id, UwDecision.deleted.is_(False))
                                   .order_by(UwDecision.seq)):
        terms = ""
        if d.loading_percent is not None:
            terms = f"加费 {d.loading_percent}%"
        if d.exclusion:
            terms = (terms + "；" if terms else "") + f"除外：{d.exclusion}"
        decisions.append((_local(d.at), f"{name}（{d.org_code}，{d.authority_level} 级）",
                          DECISION_LABELS.get(d.decision, d.decision), terms, d.reason))
    refer = session.execute(select(CaseEvent, User.display_name).join(User, User.id == CaseEvent.actor_id)
                            .where(CaseEvent.proposal_id == proposal_id, CaseEvent.action == "refer")
                            .order_by(CaseEvent.seq.desc()).limit(1)).first()
    referred_by, reason = (refer[1], refer[0].reason) if refer else ("", "")
    business = (f"{BUSINESS_TYPES.get(p.business_type, p.business_type)} · "
                f"{BUSINESS_SOURCES.get(p.business_source, p.business_source)}")
    return PacketData(
        branch_name=info.branch_name, branch_code=p.branch_code, case_no=p.case_no, proposal_no=p.proposal_no,
        applicant_name=p.applicant_name, business=business,
        products=tuple((c, n or c, lv or "", si, pr) for c, n, lv, si, pr in products),
        sum_insured_total=p.sum_insured_total, premium_total=p.premium_total, insured_count=p.insured_count,
        effective_date=p.effective_date, insured=_insured_summary(session, p), keyed=_keyed(session, p),
        rules=rules, rules_run=f"第 {run.run_no} 次校验，{_local(run.at)}" if run else "未校验",
        issues=issues, decisions=tuple(decisions), referred_by=referred_by, referral_reason=reason,
        pages=_pages(session, proposal_id), at=now or utcnow())


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines no wider than `width` (Chinese breaks anywhere; newlines kept)."""
    out: list[str] = []
    for para in (text or "").split("\n"):
        line = ""
        for ch in para:
            if line and stringWidth(line + ch, font, size) > width:
                out.append(line)
                line = ""
            line += ch
        out.append(line)
    return out


class _Writer:
    """A flowing A4 page: lines go down until the bottom margin, then a new page with its header."""

    def __init__(self, c: canvas.Canvas, data: PacketData, font: str) -> None:
        self.c, self.data, self.font = c, data, font
        self.width, self.height = A4
        self.left, self.right = 18 * mm, self.width - 18 * mm
        self.top, self.bottom = self.height - 16 * mm, 20 * mm
        self.page = 0
        self.y = 0.0

    def header(self, first: bool = False) -> None:
        c, d, font = self.c, self.data, self.font
        self.page += 1
        c.setFillGray(0)
        c.setFont(font, 10)
        c.drawString(self.left, self.top, f"{d.branch_name}（{d.branch_code}）")
        c.drawRightString(self.right, self.top, f"{TITLE} · 案件号 {d.case_no} · 第 {self.page} 页")
        if first:
            c.setFont(font, 22)
            c.drawString(self.left, self.top - 14 * mm, TITLE)
            c.setFont(font, 10.5)
            c.drawString(self.left, self.top - 22 * mm, f"生成时间：{_local(d.at)}")
            draw_qr(c, d.case_no, self.right - 26 * mm, self.top - 30 * mm, 26 * mm)
            self.y = self.top - 36 * mm
        else:
            self.y = self.top - 6 * mm
        c.setLineWidth(0.6)
        c.line(self.left, self.y, self.right, self.y)
        self.y -= 7 * mm

    def need(self, height: float) -> None:
        if self.y - height < self.bottom:
            self.c.showPage()
            self.header()

    def section(self, title: str) -> None:
        self.need(18 * mm)
        self.y -= 2 * mm
        self.c.setFont(self.font, 13)
        self.c.drawString(self.left, self.y, title)
        self.y -= 2.5 * mm
        self.c.setLineWidth(0.4)
        self.c.line(self.left, self.y, self.right, self.y)
        self.y -= 6 * mm

    def pair(self, label: str, value: str, label_w: float = 30 * mm) -> None:
        lines = _wrap(value, self.font, 10.5, self.right - self.left - label_w)
        self.need(6 * mm * len(lines))
        self.c.setFont(self.font, 10)
        self.c.setFillGray(0.35)
        self.c.drawString(self.left, self.y, label)
        self.c.setFillGray(0)
        self.c.setFont(self.font, 10.5)
        for line in lines:
            self.c.drawString(self.left + label_w, self.y, line)
            self.y -= 5.5 * mm
        self.y -= 0.5 * mm

    def text(self, value: str, indent: float = 0, size: float = 10.5) -> None:
        for line in _wrap(value, self.font, size, self.right - self.left - indent):
            self.need(5.5 * mm)
            self.c.setFont(self.font, size)
            self.c.drawString(self.left + indent, self.y, line)
            self.y -= 5.5 * mm


def render(data: PacketData, pages: PageReader | None) -> bytes:
    """The packet's PDF: the summary pages, then each scanned page (read through `pages`)."""
    font = paper_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True, initialFontName=font, initialFontSize=11)
    c.setTitle(f"{TITLE} {data.case_no}")
    c.setAuthor(data.branch_name)
    w = _Writer(c, data, font)
    w.header(first=True)
    for label, value in [
        ("案件号", data.case_no), ("投保单号", data.proposal_no), ("投保人", data.applicant_name),
        ("业务类型", data.business), ("被保险人数", f"{data.insured_count} 人"),
        ("生效日期", f"{data.effective_date:%Y-%m-%d}" if data.effective_date else "—"),
        ("总保额", f"{_money(data.sum_insured_total)} 元"), ("保费合计", f"{_money(data.premium_total)} 元"),
    ]:
        w.pair(label, value)

    w.section("上报原因")
    w.pair("上报人", data.referred_by or "—")
    w.pair("原因", data.referral_reason or "—")

    w.section("险种")
    for code, name, level, si, pr in data.products:
        w.need(6 * mm)
        c.setFont(font, 10.5)
        c.drawString(w.left, w.y, f"{code} {name}" + (f"（{level} 档）" if level else ""))
        c.drawRightString(w.right - 45 * mm, w.y, f"保额 {_money(si)} 元")
        c.drawRightString(w.right, w.y, f"保费 {_money(pr)} 元")
        w.y -= 6 * mm

    w.section("被保险人")
    for label, value in data.insured:
        w.pair(label, value)

    if data.keyed:
        w.section("录入内容")
        for label, value in data.keyed:
            w.pair(label, value, label_w=36 * mm)

    w.section(f"规则校验结果（{data.rules_run}）")
    if not data.rules:
        w.text("无校验提示。")
    for code, sev, message in data.rules:
        w.text(f"[{sev}] {code}  {message}")

    w.section("核保问题")
    if not data.issues:
        w.text("无。")
    for kind, subject, amount, status, message in data.issues:
        head = f"{kind}" + (f" · {subject}" if subject else "") + (f" · 金额 {amount} 元" if amount != "—" else "")
        w.text(f"{head}  【{status}】")
        w.text(message, indent=6 * mm, size=10)

    w.section("核保决定记录")
    if not data.decisions:
        w.text("无。")
    for at, who, decision, terms, reason in data.decisions:
        w.text(f"{at}  {who}  {decision}" + (f"（{terms}）" if terms else ""))
        if reason:
            w.text(f"原因：{reason}", indent=6 * mm, size=10)

    w.section("影像")
    w.text(f"共 {len(data.pages)} 页，附后。" if data.pages else "本案没有扫描影像。")
    c.showPage()

    for pg in data.pages if pages is not None else ():
        _image_page(c, data, font, pg, pages.get(pg.sha256), len(data.pages), w)
    c.save()
    return buf.getvalue()


def _image_page(c: canvas.Canvas, data: PacketData, font: str, pg: PacketPage, blob: bytes, total: int,
                w: _Writer) -> None:
    """One scanned page, scaled to fit the page below its caption, aspect kept."""
    w.page += 1
    width, height = A4
    margin = 10 * mm
    c.setFont(font, 9.5)
    caption = f"{data.case_no} · 影像 {pg.number}/{total} · {pg.doc_label}" + ("（空白页）" if pg.blank else "")
    c.drawString(margin, height - margin - 3 * mm, caption)
    c.drawRightString(width - margin, height - margin - 3 * mm, f"第 {w.page} 页")
    img = Image.open(io.BytesIO(blob))
    img.load()
    if img.mode not in ("L", "RGB", "1"):
        img = img.convert("L")
    box_w, box_h = width - 2 * margin, height - 2 * margin - 8 * mm
    k = min(box_w / img.width, box_h / img.height)
    dw, dh = img.width * k, img.height * k
    x, y = (width - dw) / 2, margin + (box_h - dh) / 2
    if (img.format or "").upper() == "JPEG":
        reader = ImageReader(io.BytesIO(blob))  # the JPEG itself goes in (DCT), not its pixels again
    else:
        reader = ImageReader(img.convert("L") if img.mode == "1" else img)
    c.drawImage(reader, x, y, dw, dh)
    c.showPage()


def issue(session: Session, files: PacketFiles, *, actor: Actor, proposal_id: str,
          now: dt.datetime | None = None) -> ReferralPacket:
    """Make the case's packet, store it as a page file of the case and record its print job.

    Called in the transaction that refers the case: if the referral is refused or rolls back, no
    print job remains (the file alone would be an unreferenced orphan, which is harmless)."""
    now = now or utcnow()
    data = packet_data(session, proposal_id, now=now)
    pdf = render(data, files)
    row = files.add(session, data=pdf, branch_code=data.branch_code, proposal_id=proposal_id, media_type=MEDIA_TYPE)
    copy_no = (session.scalar(select(func.max(PrintJob.copy_no)).where(
        PrintJob.proposal_id == proposal_id, PrintJob.kind == KIND)) or 0) + 1
    job = PrintJob(proposal_id=proposal_id, kind=KIND, pdf_digest=row.sha256, size=len(pdf), copy_no=copy_no,
                   printed_by=actor.user_id, printed_at=now, branch_code=data.branch_code, created_at=now,
                   updated_at=now)
    session.add(job)
    session.flush()
    return ReferralPacket(job.id, data.case_no, row.sha256, copy_no, len(data.pages), pdf)


def latest_job(session: Session, proposal_id: str) -> PrintJob | None:
    """The case's newest packet (a case referred twice has two)."""
    return session.scalar(select(PrintJob).where(PrintJob.proposal_id == proposal_id, PrintJob.kind == KIND,
                                                 PrintJob.deleted.is_(False))
                          .order_by(PrintJob.copy_no.desc()).limit(1))

