"""The receipt and return notice PDFs read back: text, barcodes, embedded fonts, encrypted storage."""

from __future__ import annotations

import io

import numpy as np
import pypdf
import pypdfium2
import pytest
import zxingcpp
from sqlalchemy import select

from desk_app.core import receipts
from desk_app.services.intake import take_in
from desk_app.store.models import PrintJob
from tests.intake.helpers import request


def _take_in(store, actors, **changes):
    taken = take_in(store, actor=actors["clerk"], request=request(store, **changes)).value
    return taken.result, taken.paper


def _fonts(reader: pypdf.PdfReader) -> list[dict]:
    out = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for desc_font in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                if "/FontDescriptor" in desc_font:
                    out.append(desc_font["/FontDescriptor"].get_object())
            out.append(font)
    return out


def test_receipt_text_barcodes_and_embedded_fonts(demo_store, actors):
    result, paper = _take_in(demo_store, actors)
    reader = pypdf.PdfReader(io.BytesIO(paper.pdf))
    text = reader.pages[0].extract_text()
    for expected in ("受理回执", result.case_no, result.proposal_no, "广州分公司业务处理中心", "广州市天河科技有限公司",
                     "团体定期寿险", "材料清单", "柜员 周晓梅"):
        assert expected in text, expected
    descriptors = [f for f in _fonts(reader) if "/FontName" in f]
    assert descriptors, "no font descriptors found"
    for fd in descriptors:
        assert "/FontFile2" in fd or "/FontFile3" in fd, fd
    for font in _fonts(reader):
        if font.get("/Subtype") in ("/Type1", "/Type0", "/TrueType") and "/FontDescriptor" not in font:
            assert font.get("/Subtype") == "/Type0", f"font not embedded: {font}"

    pdf = pypdfium2.PdfDocument(paper.pdf)
    try:
        image = pdf[0].render(scale=2.5).to_pil().convert("L")
    finally:
        pdf.close()
    found = {(b.format.name, b.text) for b in zxingcpp.read_barcodes(np.asarray(image))}
    assert ("QRCode", result.case_no) in found and ("Code128", result.case_no) in found, found


def test_pdf_is_stored_encrypted_and_reprints_are_new_copies(demo_store, actors):
    result, paper = _take_in(demo_store, actors)
    stored = demo_store.files.path_for(paper.pdf_digest)
    assert stored.exists() and not stored.read_bytes().startswith(b"%PDF")
    assert demo_store.files.get(paper.pdf_digest) == paper.pdf
    for path in demo_store.path.parent.rglob("*"):
        assert not (path.is_file() and path.read_bytes()[:4] == b"%PDF"), f"plaintext PDF in the data folder: {path}"
    with demo_store.transaction() as s:
        again = receipts.issue_paper(s, actor=actors["clerk"], proposal_id=result.proposal_id, kind="receipt",
                                     files=demo_store.files)
    assert (paper.copy_no, again.copy_no) == (1, 2)
    with demo_store.reading() as s:
        jobs = s.scalars(select(PrintJob).where(PrintJob.proposal_id == result.proposal_id)
                         .order_by(PrintJob.copy_no)).all()
        assert [(j.kind, j.copy_no, j.printed_by) for j in jobs] == [("receipt", 1, actors["clerk"].user_id),
                                                                       ("receipt", 2, actors["clerk"].user_id)]


def test_return_notice_lists_the_reasons(demo_store, actors):
    result, paper = _take_in(demo_store, actors, outcome="return", return_reasons=("投保单未加盖公章",))
    text = pypdf.PdfReader(io.BytesIO(paper.pdf)).pages[0].extract_text()
    assert "退件通知" in text and "投保单未加盖公章" in text and result.case_no in text
    with demo_store.transaction() as s, pytest.raises(Exception, match="退件的案件打印退件通知"):
        receipts.issue_paper(s, actor=actors["clerk"], proposal_id=result.proposal_id, kind="receipt",
                             files=demo_store.files)
