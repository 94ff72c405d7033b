"""Referral up (上报) as the branch and the provincial office live it.

At the branch the underwriter's referral (services.underwriting.refer) makes the referral
packet in the same transaction. At the provincial office (a desk app enrolled for the province's
organisation) the referred cases of its branches arrive through sync with their pages and their
packet; the province's underwriter reads the packet and decides the case with
services.underwriting.decide (the HEAD_OFFICE role's ho_issue / ho_decline / ho_postpone); the
decision, and the policy number when it issues the case, go back to the branch through sync.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import select

from desk_app import clock
from desk_app.core.errors import NotFound
from desk_app.core.roles import Actor
from desk_app.core.underwriting import referral
from desk_app.core.underwriting import referral_packet as packet
from desk_app.services.changes import Changes, Done
from desk_app.store.db import Store
from desk_app.store.models import User
from desk_app.sync.pages import SyncedPageFiles, page_files

PACKET_MADE = Changes(cases=True, sync=True)


@dataclass(frozen=True)
class PacketInfo:
    """The newest referral packet of a case: which copy, made when and by whom, whether its file
    is on this PC yet (at the province it arrives with the sync after the case)."""

    print_job_id: str
    copy_no: int
    made_at: dt.datetime
    made_by: str
    size: int
    on_this_pc: bool


def packet_info(store: Store, proposal_id: str) -> PacketInfo | None:
    """The case's newest referral packet, or None when it was never referred with one."""
    with store.reading() as session:
        job = packet.latest_job(session, proposal_id)
        if job is None:
            return None
        who = session.scalar(select(User.display_name).where(User.id == job.printed_by)) or ""
        return PacketInfo(job.id, job.copy_no, job.printed_at, who, job.size, page_files(store).exists(job.pdf_digest))


def referral_packet(store: Store, proposal_id: str) -> bytes:
    """The PDF of the case's newest referral packet, as the branch made it (decrypted here).

    Anyone who sees the case may read it: the branch's own people and, for a referred case, the
    provincial office, where the file arrives through sync like the case's page images."""
    with store.reading() as session:
        job = packet.latest_job(session, proposal_id)
    if job is None:
        raise NotFound("该案件没有上报材料（未上报或上报时未生成）。")
    files = page_files(store)
    if not files.exists(job.pdf_digest):
        raise NotFound("上报材料的文件尚未同步到本机，请同步后再试。")
    return files.get(job.pdf_digest)


def make_packet(store: Store, *, actor: Actor, proposal_id: str) -> Done[packet.ReferralPacket]:
    """A new copy of the packet of a case already referred (the first is made by the referral)."""
    with store.transaction() as session:
        made = referral.remake_packet(session, SyncedPageFiles(store), actor=actor, proposal_id=proposal_id,
                                      now=clock.now())
    return Done(made, PACKET_MADE)


@dataclass(frozen=True)
class ReferredCase(referral.ReferredRow):
    """A referred case in the provincial office's queue: the core's row, and whether its packet file
    is on this PC (the digest alone does not say: sync may not have brought the file yet)."""

    has_packet: bool = False


def referred_queue(store: Store, *, actor: Actor) -> list[ReferredCase]:
    """The referred cases (上报) waiting for the provincial office, oldest first, with their branch
    and the referral's reason. For HEAD_OFFICE actors; others get an empty list."""
    with store.reading() as session:
        rows = referral.referred_cases(session, actor=actor, now=clock.now())
    files = page_files(store)
    return [ReferredCase(**{f.name: getattr(r, f.name) for f in fields(r)},
                         has_packet=r.packet_digest is not None and files.exists(r.packet_digest))
            for r in rows]
