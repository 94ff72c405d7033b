"""The archive (归档): a receipted case's paper file goes into a box at a position.

A position is unique in the branch's box (the store's constraint branch_box_position holds it even
against two PCs' races; here it is checked first to refuse in words). Archiving moves the case to
归档 ARCHIVED. The archive list of a box (归档清单) is a PDF in the contract's font.
"""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core import audit, workflow
from desk_app.core.contracts.views import ArchivedCase
from desk_app.core.errors import InvalidInput, NotFound, TransitionRefused
from desk_app.core.receipts import paper_font
from desk_app.core.roles import Actor
from desk_app.core.users import branch
from desk_app.core.worktime import BRANCH_TZ
from desk_app.store.models import ArchiveEntry, PolicyNumber, Proposal, User

MAX_POSITION = 9999


def _box(box_no: str) -> str:
    box = box_no.strip().upper()
    if not box or len(box) > 30:
        raise InvalidInput("请填写档案盒号（最多 30 个字符）。")
    return box


def file_case(session: Session, *, actor: Actor, proposal_id: str, box_no: str, position: int,
              now: dt.datetime) -> ArchivedCase:
    box = _box(box_no)
    if not 1 <= position <= MAX_POSITION:
        raise InvalidInput(f"盒内位置必须在 1 到 {MAX_POSITION} 之间。")
    p = session.get(Proposal, proposal_id)
    if p is None or p.deleted:
        raise NotFound("找不到该案件，可能已被删除或不属于本机构。")
    taken = session.scalar(select(Proposal.case_no).join(ArchiveEntry, ArchiveEntry.proposal_id == Proposal.id)
                           .where(ArchiveEntry.branch_code == p.branch_code, ArchiveEntry.box_no == box,
                                  ArchiveEntry.position == position, ArchiveEntry.deleted.is_(False)))
    if taken is not None:
        raise TransitionRefused(f"档案盒 {box} 第 {position} 号位置已存放案件 {taken}。")
    workflow.perform(session, actor=actor, proposal_id=proposal_id, action="archive",
                     reason=f"档案盒 {box} 第 {position} 号", now=now)
    entry = ArchiveEntry(proposal_id=proposal_id, box_no=box, position=position, archived_by=actor.user_id,
                         archived_at=now, branch_code=p.branch_code, created_at=now, updated_at=now)
    session.add(entry)
    session.flush()
    audit.record(session, actor=actor, action="contract.archive", target_type="proposal", target_id=proposal_id,
                 detail={"case_no": p.case_no, "box_no": box, "position": position},
                 branch_code=p.branch_code, now=now)
    return box_entries(session, box, proposal_id=proposal_id)[0]


def box_entries(session: Session, box_no: str, *, proposal_id: str | None = None) -> list[ArchivedCase]:
    q = (select(ArchiveEntry, Proposal.case_no, Proposal.applicant_name, PolicyNumber.policy_no, User.display_name)
         .join(Proposal, Proposal.id == ArchiveEntry.proposal_id)
         .outerjoin(PolicyNumber, PolicyNumber.proposal_id == ArchiveEntry.proposal_id)
         .join(User, User.id == ArchiveEntry.archived_by)
         .where(ArchiveEntry.box_no == _box(box_no), ArchiveEntry.deleted.is_(False)))
    if proposal_id:
        q = q.where(ArchiveEntry.proposal_id == proposal_id)
    return [ArchivedCase(e.proposal_id, case_no, policy or "", name, e.box_no, e.position, who, e.archived_at)
            for e, case_no, name, policy, who in session.execute(q.order_by(ArchiveEntry.position))]


def list_pdf(session: Session, box_no: str, entries: list[ArchivedCase], *, now: dt.datetime) -> bytes:
    """The archive list of a box: position, case, policy, applicant, who filed it and when."""
    font = paper_font()
    info = branch(session)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True, initialFontName=font, initialFontSize=10)
    c.setTitle(f"归档清单 {box_no}")
    w, h = A4
    left, right = 15 * mm, w - 15 * mm
    cols = [(left, "位置"), (left + 14 * mm, "案件号"), (left + 62 * mm, "保单号"), (left + 100 * mm, "投保单位"),
            (left + 150 * mm, "归档人 / 日期")]
    per_page = 38
    pages = max(1, -(-len(entries) // per_page))
    for n in range(pages):
        c.setFont(font, 9)
        c.setFillGray(0.35)
        c.drawString(left, h - 14 * mm, info.branch_name)
        c.setFillGray(0)
        c.setFont(font, 16)
        c.drawString(left, h - 24 * mm, f"归档清单　档案盒 {_box(box_no)}")
        c.setFont(font, 9)
        c.drawRightString(right, h - 24 * mm, f"共 {len(entries)} 件　打印于 {now.astimezone(BRANCH_TZ):%Y-%m-%d %H:%M}")
        y = h - 34 * mm
        for x, head in cols:
            c.drawString(x, y, head)
        c.setLineWidth(0.6)
        c.line(left, y - 2 * mm, right, y - 2 * mm)
        y -= 8 * mm
        for e in entries[n * per_page:(n + 1) * per_page]:
            c.setFont(font, 9)
            c.drawString(cols[0][0], y, str(e.position))
            c.drawString(cols[1][0], y, e.case_no)
            c.drawString(cols[2][0], y, e.policy_no)
            c.drawString(cols[3][0], y, e.applicant_name[:13])
            c.drawString(cols[4][0], y, f"{e.archived_by[-3:]} {e.archived_at.astimezone(BRANCH_TZ):%m-%d}")
            y -= 6.2 * mm
        c.setFont(font, 9)
        c.drawCentredString(w / 2, 12 * mm, f"第 {n + 1} / {pages} 页")
        c.drawString(left, 20 * mm, "归档人：________________　　复核人：________________")
        c.showPage()
    c.save()
    return buf.getvalue()
