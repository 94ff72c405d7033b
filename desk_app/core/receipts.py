"""Papers the counter hands over: the acceptance receipt (受理回执) and the return notice (退件通知).

PDFs are drawn with reportlab in the bundled AR PL UMing TrueType font (embedded as a subset,
never a CID font the reader would have to supply). The receipt carries the case number as a QR
code and a Code128 barcode: it is also the cover sheet the scanning station reads to index the
pages to the case. Each paper is stored encrypted in the store's file folder and recorded as a
PrintJob (a reprint is a new row with the next copy number).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from reportlab.graphics.barcode import code128, qr
from reportlab.graphics.shapes import Group, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.core import checklist
from desk_app.core.errors import InvalidInput, NotFound
from desk_app.core.proposals import BUSINESS_SOURCES, BUSINESS_TYPES
from desk_app.core.roles import Actor
from desk_app.core.users import branch
from desk_app.core.worktime import BRANCH_TZ
from desk_app.paths import resources_dir
from desk_app.store.models import (
    Deficiency,
    Intake,
    IntakeChecklistItem,
    PrintJob,
    Product,
    Proposal,
    ProposalProduct,
    User,
)
from desk_app.store.types import utcnow

FONT = "UMing"
KINDS = {"receipt": "受理回执", "return_notice": "退件通知"}


class FileSink(Protocol):
    def put(self, data: bytes) -> str: ...


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(resources_dir() / "fonts" / "uming.ttc"), subfontIndex=0))
    return FONT


@dataclass(frozen=True)
class PaperData:
    """Everything printed on a receipt or return notice."""

    branch_name: str
    branch_code: str
    case_no: str
    proposal_no: str
    applicant_name: str
    business: str
    products: tuple[tuple[str, str, Decimal, Decimal], ...]  # code, name, sum insured, premium
    premium_total: Decimal
    insured_count: int
    effective_date: dt.date | None
    checklist: tuple[tuple[str, bool, str], ...]  # label, received, note
    deficiencies: tuple[str, ...]
    return_reasons: tuple[str, ...]
    outcome: str
    clerk: str
    at: dt.datetime


def paper_data(session: Session, proposal_id: str) -> PaperData:
    p = session.get(Proposal, proposal_id)
    intake = session.scalar(select(Intake).where(Intake.proposal_id == proposal_id))
    if p is None or intake is None:
        raise NotFound("找不到该案件的受理记录。")
    info = branch(session)
    products = session.execute(
        select(ProposalProduct.product_code, Product.name, ProposalProduct.sum_insured, ProposalProduct.premium)
        .outerjoin(Product, Product.code == ProposalProduct.product_code)
        .where(ProposalProduct.proposal_id == proposal_id).order_by(ProposalProduct.line_no)).all()
    order = {r.code: i for i, r in enumerate(checklist.load_rules().rules)}
    items = sorted(session.execute(
        select(IntakeChecklistItem.code, IntakeChecklistItem.label, IntakeChecklistItem.received,
               IntakeChecklistItem.note).where(IntakeChecklistItem.proposal_id == proposal_id)).all(),
        key=lambda row: order.get(row[0], len(order)))
    defs = session.scalars(select(Deficiency.label).where(Deficiency.proposal_id == proposal_id)
                           .order_by(Deficiency.code)).all()
    clerk = session.scalar(select(User.display_name).where(User.id == intake.clerk_id)) or ""
    business = f"{BUSINESS_TYPES.get(p.business_type, p.business_type)} · " \
               f"{BUSINESS_SOURCES.get(p.business_source, p.business_source)}"
    return PaperData(
        info.branch_name, info.branch_code, p.case_no, p.proposal_no, p.applicant_name, business,
        tuple((c, n or c, si, pr) for c, n, si, pr in products), p.premium_total, p.insured_count,
        p.effective_date, tuple((lab, bool(rec), note) for _code, lab, rec, note in items), tuple(defs),
        tuple(r for r in intake.return_reasons.split("\n") if r), intake.outcome, clerk, intake.at)


def paper_font() -> str:
    """The bundled TrueType font registered with reportlab (embedded as a subset); its name."""
    return _font()


def draw_qr(c: canvas.Canvas, text: str, x: float, y: float, size: float = 30 * mm) -> None:
    """A QR code of `text` with its lower-left corner at (x, y).

    The QR widget's modules are drawn as plain rectangles: renderPDF would set up its default
    font (Helvetica, never embedded) even for a drawing without text."""
    widget = qr.QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    k = size / max(x1 - x0, y1 - y0)
    c.saveState()
    c.setFillGray(0)
    stack = [widget.draw()]
    while stack:
        node = stack.pop()
        if isinstance(node, Group):
            stack.extend(node.contents)
        elif isinstance(node, Rect) and node.fillColor is not None and node.fillColor != colors.white:
            c.rect(x + (node.x - x0) * k, y + (node.y - y0) * k, node.width * k, node.height * k, stroke=0, fill=1)
    c.restoreState()


def _barcodes(c: canvas.Canvas, case_no: str, x: float, y: float) -> None:
    """QR code (right) and Code128 (left) of the case number, top of the page."""
    draw_qr(c, case_no, x, y)
    # The human-readable line is drawn by us: the barcode's own would use an unembedded Helvetica.
    bar = code128.Code128(case_no, barHeight=14 * mm, barWidth=0.36 * mm, humanReadable=False)
    bx = x - bar.width - 8 * mm
    bar.drawOn(c, bx, y + 12 * mm)
    c.setFont(FONT, 9)
    c.drawCentredString(bx + bar.width / 2, y + 8 * mm, case_no)


def render(data: PaperData, kind: str) -> bytes:
    """The PDF of one paper (kind receipt or return_notice), A4 portrait."""
    font = _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True, initialFontName=font, initialFontSize=11)
    c.setTitle(f"{KINDS[kind]} {data.case_no}")
    c.setAuthor(data.branch_name)
    width, height = A4
    left, right = 18 * mm, width - 18 * mm
    top = height - 16 * mm
    c.setFont(font, 11)
    c.drawString(left, top, data.branch_name)
    c.setFont(font, 22)
    c.drawString(left, top - 14 * mm, KINDS[kind])
    _barcodes(c, data.case_no, right - 30 * mm, top - 30 * mm)
    y = top - 40 * mm
    c.setLineWidth(0.8)
    c.line(left, y, right, y)
    y -= 8 * mm
    local = data.at.astimezone(BRANCH_TZ)
    rows = [("案件号", data.case_no), ("投保单号", data.proposal_no), ("投保单位", data.applicant_name),
            ("业务类型", data.business), ("被保险人数", f"{data.insured_count} 人"),
            ("生效日期", f"{data.effective_date:%Y-%m-%d}" if data.effective_date else "—"),
            ("保费合计", f"{data.premium_total:,.2f} 元")]
    for label, value in rows:
        c.setFont(font, 10.5)
        c.setFillGray(0.35)
        c.drawString(left, y, label)
        c.setFillGray(0)
        c.setFont(font, 11.5)
        c.drawString(left + 28 * mm, y, value)
        y -= 7 * mm

    def section(title: str) -> None:
        nonlocal y
        y -= 3 * mm
        c.setFont(font, 13)
        c.drawString(left, y, title)
        y -= 2.5 * mm
        c.setLineWidth(0.4)
        c.line(left, y, right, y)
        y -= 6 * mm
        c.setFont(font, 10.5)

    section("险种")
    for code, name, si, pr in data.products:
        c.drawString(left, y, f"{code}  {name}")
        c.drawRightString(right - 40 * mm, y, f"保额 {si:,.2f} 元")
        c.drawRightString(right, y, f"保费 {pr:,.2f} 元")
        y -= 6 * mm
    if kind == "receipt":
        section("材料清单")
        for label, received, note in data.checklist:
            c.drawString(left, y, "√" if received else "×")
            c.drawString(left + 6 * mm, y, label)
            c.drawRightString(right, y, ("已收" if received else "未收") + (f"（{note}）" if note else ""))
            y -= 6 * mm
        section("缺件（待补交）")
        for text in data.deficiencies or ("无",):
            c.drawString(left, y, text)
            y -= 6 * mm
        outcome = "已受理，材料待补" if data.deficiencies else "已受理"
    else:
        section("退件原因")
        for i, text in enumerate(data.return_reasons, start=1):
            c.drawString(left, y, f"{i}. {text}")
            y -= 6 * mm
        y -= 2 * mm
        c.drawString(left, y, "请按上述原因补正后重新递交投保材料。")
        y -= 6 * mm
        outcome = "退件"
    y -= 6 * mm
    c.setFont(font, 11)
    c.drawString(left, y, f"受理结果：{outcome}")
    c.drawString(left + 70 * mm, y, f"受理人：{data.clerk}")
    c.drawRightString(right, y, f"时间：{local:%Y-%m-%d %H:%M}")
    c.setFont(font, 8.5)
    c.setFillGray(0.4)
    c.drawString(left, 14 * mm, "本回执为受理凭证，不代表本公司同意承保。扫描时请将本页作为封面放在投保材料之前。"
                 if kind == "receipt" else "本通知书一式两份，一份交业务员/投保单位，一份留存。")
    c.showPage()
    c.save()
    return buf.getvalue()


@dataclass(frozen=True)
class PrintedPaper:
    print_job_id: str
    kind: str
    case_no: str
    pdf_digest: str
    copy_no: int
    pdf: bytes


def issue_paper(session: Session, *, actor: Actor, proposal_id: str, kind: str, files: FileSink | None,
                now: dt.datetime | None = None) -> PrintedPaper:
    """Make the paper's PDF, store it encrypted through `files`, and record the print job."""
    if kind not in KINDS:
        raise InvalidInput(f"未知的单据类别“{kind}”。")
    data = paper_data(session, proposal_id)
    if (kind == "return_notice") != (data.outcome == "returned"):
        raise InvalidInput("退件的案件打印退件通知，受理的案件打印受理回执。")
    pdf = render(data, kind)
    digest = files.put(pdf) if files is not None else hashlib.sha256(pdf).hexdigest()
    now = now or utcnow()
    copy_no = (session.scalar(select(func.max(PrintJob.copy_no)).where(
        PrintJob.proposal_id == proposal_id, PrintJob.kind == kind)) or 0) + 1
    job = PrintJob(proposal_id=proposal_id, kind=kind, pdf_digest=digest, size=len(pdf), copy_no=copy_no,
                   printed_by=actor.user_id, printed_at=now, branch_code=data.branch_code, created_at=now,
                   updated_at=now)
    session.add(job)
    session.flush()
    return PrintedPaper(job.id, kind, data.case_no, digest, copy_no, pdf)
