"""The referral packet at the branch: made by the referral itself, in its transaction, from the
case as it stands; readable again; a refused referral leaves none behind."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from desk_app.core.errors import DomainError, NotFound, TransitionRefused
from desk_app.services import referral
from desk_app.services import underwriting as uw
from desk_app.store.models import PageBlob, PrintJob
from tests.problems.helpers import good_values, keyed_case, state_of
from tests.problems.test_full_loop import pdf_fonts

REASON = "总保额超出分公司核保权限，请省公司审批"


def packets(store, pid: str) -> tuple[int, int]:
    """(print jobs, PDF page files) of the case's referral packets."""
    with store.reading() as s:
        jobs = s.scalar(select(func.count()).select_from(PrintJob).where(
            PrintJob.proposal_id == pid, PrintJob.kind == "referral_packet"))
        files = s.scalar(select(func.count()).select_from(PageBlob).where(
            PageBlob.proposal_id == pid, PageBlob.media_type == "application/pdf"))
    return jobs, files


@pytest.fixture
def above_authority(demo_store, actors) -> str:
    pid = keyed_case(demo_store, actors, good_values())  # 20 × 400,000 = 8,000,000 in all
    assert state_of(demo_store, pid) == "VALIDATED"
    return pid


def test_the_referral_makes_the_packet_the_province_will_read(demo_store, actors, above_authority) -> None:
    pid = above_authority
    with pytest.raises(NotFound, match="没有上报材料"):
        referral.referral_packet(demo_store, pid)
    done = uw.refer(demo_store, actor=actors["uw"], proposal_id=pid, reason=REASON)
    assert done.value.state == "REFERRED" and packets(demo_store, pid) == (1, 1)
    pdf = referral.referral_packet(demo_store, pid)
    info = referral.packet_info(demo_store, pid)
    assert info.copy_no == 1 and info.made_by == "核保员 何志远" and info.size == len(pdf) and info.on_this_pc

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for expected in ("核保上报材料", "广州市明华金属制品有限公司", "8,000,000.00", "被保险人数", "20 人",
                     "清单人数", "总保额超限", "第 1 次校验", REASON, "上报省公司", "核保员 何志远", "行业类别"):
        assert expected in text, expected
    # Personal numbers are masked; the font is the bundled one, embedded as a subset.
    assert "13800138000" not in text and "138****8000" in text
    fonts = pdf_fonts(pdf)
    assert fonts and all(embedded and "+" in name and "STSong" not in name for name, embedded in fonts)


def test_a_refused_referral_leaves_no_packet(demo_store, actors, above_authority) -> None:
    pid = above_authority
    for who, reason in (("uw", "  "), ("entry1", REASON), ("clerk", REASON)):
        with pytest.raises(DomainError):
            uw.refer(demo_store, actor=actors[who], proposal_id=pid, reason=reason)
    assert packets(demo_store, pid) == (0, 0) and state_of(demo_store, pid) == "VALIDATED"


def test_a_new_copy_only_of_a_referred_case_by_its_underwriting(demo_store, actors, above_authority) -> None:
    pid = above_authority
    with pytest.raises(TransitionRefused, match="只有上报中的案件"):
        referral.make_packet(demo_store, actor=actors["uw"], proposal_id=pid)
    uw.refer(demo_store, actor=actors["uw"], proposal_id=pid, reason=REASON)
    with pytest.raises(TransitionRefused, match="核保员或业务主管"):
        referral.make_packet(demo_store, actor=actors["entry1"], proposal_id=pid)
    again = referral.make_packet(demo_store, actor=actors["super"], proposal_id=pid).value
    assert again.copy_no == 2 and packets(demo_store, pid) == (2, 2)
    assert referral.packet_info(demo_store, pid).made_by == "业务主管 林涛"


def test_the_referred_queue_is_the_head_office_role_s(demo_store, actors, above_authority) -> None:
    pid = above_authority
    uw.refer(demo_store, actor=actors["uw"], proposal_id=pid, reason=REASON)
    rows = referral.referred_queue(demo_store, actor=actors["province"])
    mine = [r for r in rows if r.proposal_id == pid]
    assert len(mine) == 1 and mine[0].reason == REASON and mine[0].has_packet and mine[0].branch_code
    assert all(r.referred_at <= mine[0].referred_at for r in rows[: rows.index(mine[0])])
    assert referral.referred_queue(demo_store, actor=actors["uw"]) == []
