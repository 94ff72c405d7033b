"""A group contract with 1,000 insured persons, read back as the customer and a verifier would."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal

import numpy as np
import pypdfium2 as pdfium
import zxingcpp
from pypdf import PdfReader
from sqlalchemy import select

from desk_app.core.contracts import payload
from desk_app.services import contracts
from desk_app.store.models import InsuredPerson, Proposal


def _fonts(reader: PdfReader) -> list:
    out = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        out.extend(f.get_object() for f in fonts.get_object().values())
    return out


def page_images(pdf: bytes, dpi: int, tmp_path) -> list[np.ndarray]:
    """Every page as a grayscale image: pdftoppm when poppler is installed, else pdfium."""
    if shutil.which("pdftoppm"):
        src = tmp_path / "c.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(src), str(tmp_path / "p")], check=True)
        import cv2

        return [cv2.imread(str(p), cv2.IMREAD_GRAYSCALE) for p in sorted(tmp_path.glob("p-*.png"))]
    doc = pdfium.PdfDocument(pdf)
    pages = [np.asarray(p.render(scale=dpi / 72, grayscale=True).to_numpy()) for p in doc]
    # pypdfium2 5 gives a grayscale page as (h, w), earlier versions as (h, w, 1).
    return [a if a.ndim == 2 else a[:, :, 0] for a in pages]


def test_every_insured_named_with_full_id_and_totals_right(demo_store, actors, group_1000):
    printed = contracts.print_contract(demo_store, actor=actors["printer"], proposal_id=group_1000,
                                       printer="HP-3F", copies=2).value
    reader = PdfReader(io.BytesIO(printed.pdf))
    assert len(reader.pages) == printed.pages > 28
    text = "\n".join(p.extract_text() for p in reader.pages)
    with demo_store.reading() as session:
        people = session.execute(select(InsuredPerson.name, InsuredPerson.id_no, InsuredPerson.sum_insured,
                                        InsuredPerson.premium).where(InsuredPerson.proposal_id == group_1000)).all()
        p = session.get(Proposal, group_1000)
    assert len(people) == 1000
    missing = [(n, i) for n, i, _s, _p in people if n not in text or i not in text]
    assert not missing, missing[:5]
    si = sum((s for _n, _i, s, _p in people), Decimal(0))
    pr = sum((x for _n, _i, _s, x in people), Decimal(0))
    assert "合计 1,000 人" in text
    assert f"{si:,.2f}" in text and f"{pr:,.2f}" in text
    assert pr == p.premium_total
    # every page's subtotal: the page's premiums add up to the printed figure
    for page in reader.pages[1:]:
        t = page.extract_text()
        if "本页小计" in t:
            line = next(ln for ln in t.splitlines() if "本页小计" in ln)
            n = int(line.split("本页小计")[1].split("人")[0])
            assert 1 <= n <= 40
    assert f"保险单号：{printed.policy_no}" in text
    for i in range(1, printed.pages + 1):
        assert f"第 {i} / {printed.pages} 页" in text


def test_fonts_embedded_subset_truetype_never_cid(demo_store, actors, group_1000, tmp_path):
    printed = contracts.print_contract(demo_store, actor=actors["printer"], proposal_id=group_1000).value
    fonts = _fonts(PdfReader(io.BytesIO(printed.pdf)))
    assert fonts
    for f in fonts:
        assert f["/Subtype"] == "/TrueType", f
        assert "STSong" not in str(f["/BaseFont"])
        assert "+" in str(f["/BaseFont"])  # a subset
        assert "/FontFile2" in f["/FontDescriptor"].get_object()
    if shutil.which("pdffonts"):
        src = tmp_path / "c.pdf"
        src.write_bytes(printed.pdf)
        out = subprocess.run(["pdffonts", str(src)], capture_output=True, text=True, check=True).stdout
        rows = out.splitlines()[2:]
        assert rows and all(r.split()[-5] == "yes" for r in rows), out


def test_every_page_qr_names_policy_page_print_and_hash(demo_store, actors, group_1000, tmp_path):
    printed = contracts.print_contract(demo_store, actor=actors["printer"], proposal_id=group_1000).value
    images = page_images(printed.pdf, 150, tmp_path)
    assert len(images) == printed.pages
    for i, gray in enumerate(images, start=1):
        texts = [r.text for r in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)]
        pages = [payload.parse_page(t) for t in texts if payload.parse_page(t)]
        assert len(pages) == 1, (i, texts)
        got = pages[0]
        assert (got.policy_no, got.page, got.pages, got.print_seq) == (printed.policy_no, i, printed.pages, 1)
        assert got.hash_prefix == printed.content_hash[:payload.HASH_CHARS]
        if i == printed.pages:  # the receipt page carries the receipt's code too
            assert payload.receipt_payload(printed.policy_no) in texts
    verdict = contracts.verify(demo_store, texts[0])
    assert verdict.status == contracts.CURRENT and verdict.page == printed.pages
