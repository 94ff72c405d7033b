"""The problem notice (问题件通知书) to the agent: what is wrong, what to bring, by when.

Drawn with reportlab in the receipts' bundled TrueType font (embedded as a subset, never a CID font
the reader would have to supply). Every page carries the problem number as a QR code at its top
right: the agent's reply comes back behind the notice, and the scanning station reads the code to
attach the reply pages to the case and record the reply. The PDF is kept encrypted in the store's
file folder and each print is a PrintJob of kind `problem_notice` (a reprint: the next copy).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.core.errors import TransitionRefused
from desk_app.core.problems import clock, lifecycle
from desk_app.core.problems.views import NoticePaper
from desk_app.core.receipts import FileSink, draw_qr, paper_font
from desk_app.core.roles import Actor
from desk_app.core.users import branch
from desk_app.core.worktime import BRANCH_TZ
from desk_app.store.models import Agent, PrintJob, ProblemItem, Proposal

KIND = "problem_notice"
TITLE = "问题件通知书"
QR_SIZE = 28 * mm


@dataclass(frozen=True)
class NoticeData:
    branch_name: str
    problem_no: str
    case_no: str
    proposal_no: str
    applicant_name: str
    agent: str  # "AG1001 张三" or "—"
    issued_at: dt.datetime
    due_at: dt.datetime
    handler: str
    items: tuple[tuple[str, str, str], ...]  # code, field label ("" if none), description


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of `text` no wider than `width` (Chinese breaks anywhere; newlines kept)."""
    out: list[str] = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if line and stringWidth(line + ch, font, size) > width:
                out.append(line)
                line = ""
            line += ch
        out.append(line)
    return out


def render(data: NoticeData) -> bytes:
    """The notice's PDF, A4 portrait; as many pages as the items need, the QR code on each."""
    font = paper_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True, initialFontName=font, initialFontSize=11)
    c.setTitle(f"{TITLE} {data.problem_no}")
    c.setAuthor(data.branch_name)
    width, height = A4
    left, right = 18 * mm, width - 18 * mm
    top = height - 16 * mm
    bottom = 24 * mm
    page_no = 0
    due = data.due_at.astimezone(BRANCH_TZ)

    def head() -> float:
        nonlocal page_no
        page_no += 1
        c.setFont(font, 11)
        c.drawString(left, top, data.branch_name)
        c.setFont(font, 22)
        c.drawString(left, top - 14 * mm, TITLE)
        draw_qr(c, data.problem_no, right - QR_SIZE, top - QR_SIZE + 4 * mm, QR_SIZE)
        c.setFont(font, 9)
        c.drawCentredString(right - QR_SIZE / 2, top - QR_SIZE - 1 * mm, data.problem_no)
        c.setFont(font, 10.5)
        c.drawString(left, top - 22 * mm, f"问题件编号：{data.problem_no}    第 {page_no} 页")
        y = top - QR_SIZE - 6 * mm
        c.setLineWidth(0.8)
        c.line(left, y, right, y)
        return y - 8 * mm

    y = head()
    rows = [("案件号", data.case_no), ("投保单号", data.proposal_no), ("投保单位", data.applicant_name),
            ("业务员", data.agent), ("发出时间", f"{data.issued_at.astimezone(BRANCH_TZ):%Y-%m-%d %H:%M}"),
            ("回复期限", f"{due:%Y-%m-%d %H:%M} 前")]
    for label, value in rows:
        c.setFont(font, 10.5)
        c.setFillGray(0.35)
        c.drawString(left, y, label)
        c.setFillGray(0)
        c.setFont(font, 11.5)
        c.drawString(left + 26 * mm, y, value)
        y -= 7 * mm
    y -= 3 * mm
    c.setFont(font, 13)
    c.drawString(left, y, f"问题事项（共 {len(data.items)} 项）")
    y -= 2.5 * mm
    c.setLineWidth(0.4)
    c.line(left, y, right, y)
    y -= 6 * mm
    text_x = left + 30 * mm
    for n, (code, field_label, description) in enumerate(data.items, start=1):
        lines = wrap(description, font, 10.5, right - text_x)
        need = 6 * mm * len(lines) + (5 * mm if field_label else 0)
        if y - need < bottom:
            c.showPage()
            y = head()
        c.setFont(font, 10.5)
        c.drawString(left, y, f"{n}. {code}")
        if field_label:
            c.setFillGray(0.35)
            c.drawString(text_x, y, f"栏目：{field_label}")
            c.setFillGray(0)
            y -= 5 * mm
        for line in lines:
            c.drawString(text_x, y, line)
            y -= 6 * mm
        y -= 1.5 * mm
    closing = [f"请于 {due:%Y年%m月%d日 %H:%M} 前将本通知书连同补正材料交回本中心。",
               "交回时请将本通知书放在补正材料之前：扫描本页二维码即登记回复。",
               f"问题件处理人：{data.handler}"]
    if y - 6 * mm * len(closing) - 4 * mm < bottom:
        c.showPage()
        y = head()
    y -= 4 * mm
    c.setFont(font, 11)
    for line in closing:
        c.drawString(left, y, line)
        y -= 6 * mm
    c.setFont(font, 8.5)
    c.setFillGray(0.4)
    c.drawString(left, 14 * mm, "本通知书一式两份，一份交业务员/投保单位，一份留存。逾期未回复的，本中心可按撤件处理。")
    c.showPage()
    c.save()
    return buf.getvalue()


def notice_data(session: Session, problem_no: str, *, handler: str, now: dt.datetime) -> NoticeData:
    pc = lifecycle.find(session, problem_no)
    p = session.get(Proposal, pc.proposal_id)
    assert p is not None
    agent = session.scalar(select(Agent.name).where(Agent.code == pc.agent_code)) if pc.agent_code else None
    view = lifecycle.view(session, pc.id, now=now)
    items = tuple((i.code, i.field_label or "", i.description) for i in view.items if i.status == "open")
    assert pc.due_at is not None
    return NoticeData(branch(session).branch_name, pc.problem_no, p.case_no, p.proposal_no, p.applicant_name,
                      f"{pc.agent_code} {agent or ''}".strip() if pc.agent_code else "—", pc.noticed_at or now,
                      pc.due_at, handler, items)


def issue(session: Session, files: FileSink | None, *, actor: Actor, problem_no: str,
          now: dt.datetime) -> NoticePaper:
    """Print the notice: the first sets the due time (five working days unless the policy says
    otherwise) and moves the problem case to 已发通知; a reprint keeps the due time."""
    lifecycle.require_handler(actor, "发出问题件通知书")
    pc = lifecycle.find(session, problem_no)
    if pc.status not in ("open", "noticed"):
        raise TransitionRefused(f"问题件 {pc.problem_no} {lifecycle.STATUS_LABELS[pc.status]}，不能再发通知书。")
    open_items = session.scalar(select(func.count()).select_from(ProblemItem).where(
        ProblemItem.problem_id == pc.id, ProblemItem.status == "open", ProblemItem.deleted.is_(False)))
    if not open_items:
        raise TransitionRefused(f"问题件 {pc.problem_no} 没有待处理的问题事项。")
    first = pc.due_at is None
    if first:
        pc.due_at = clock.due_at(now, clock.due_days(session))
        pc.noticed_at = now
        pc.status = "noticed"
    pdf = render(notice_data(session, pc.problem_no, handler=actor.display_name, now=now))
    digest = files.put(pdf) if files is not None else hashlib.sha256(pdf).hexdigest()
    copy_no = (session.scalar(select(func.max(PrintJob.copy_no)).where(
        PrintJob.proposal_id == pc.proposal_id, PrintJob.kind == KIND)) or 0) + 1
    job = PrintJob(proposal_id=pc.proposal_id, kind=KIND, pdf_digest=digest, size=len(pdf), copy_no=copy_no,
                   printed_by=actor.user_id, printed_at=now, branch_code=pc.branch_code, created_at=now,
                   updated_at=now)
    session.add(job)
    session.flush()
    lifecycle.record_step(session, pc, action="notice", actor=actor, now=now,
                          detail={"print_job": job.id, "copy_no": copy_no, "pdf_digest": digest,
                                  "due_at": pc.due_at.isoformat(), "reprint": not first})
    return NoticePaper(pc.problem_no, job.id, digest, copy_no, pc.due_at, pdf)
