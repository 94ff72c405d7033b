"""The whole loop as the branch lives it: a blocking rule failure stops a compared case as a problem
case; the notice PDF carries the problem number in a QR code (decoded from its rendered page) in an
embedded font; the agent's reply, scanned behind the notice, is recorded by the scanning station;
only the affected field goes through first and second entry again; the rules pass; the case is
validated."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import zxingcpp
from pypdf import PdfReader

from desk_app.services import problems, scanning, validation
from desk_app.services.problems import ItemSpec
from tests.problems.helpers import good_values, key_pass, keyed_case, state_of, values_now


def pdf_fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """(font name, embedded) of every font the PDF's pages use (what `pdffonts` lists)."""
    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            out.append((str(font["/BaseFont"]), any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    return out


def render_page(pdf: bytes, index: int = 0, dpi: int = 200):
    doc = pdfium.PdfDocument(pdf)
    try:
        return doc[index].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        doc.close()


def test_blocking_failure_to_notice_reply_reentry_and_validation(demo_store, actors, tmp_path):
    values = good_values() | {"premium_total": "6100.00"}  # 20 × (120 + 180) = 6,000.00
    pid = keyed_case(demo_store, actors, values)

    # Compared and validated in the same transaction: stopped, a problem case of the failed rules.
    assert state_of(demo_store, pid) == "PROBLEM"
    run = validation.latest_run(demo_store, proposal_id=pid)
    assert {f.code for f in run.blocking} == {"R008", "R009"}
    (pc,) = problems.case_problems(demo_store, proposal_id=pid)
    assert (pc.status, pc.source, pc.agent_code, pc.raised_by) == ("open", "rules", "AG1001", "录入员 郑浩")
    assert {(i.code, i.field_key, i.source) for i in pc.items} == {("R008", "premium_total", "rule"),
                                                                   ("R009", "premium_total", "rule")}
    assert any("6,100.00" in i.description and "6,000.00" in i.description for i in pc.items)
    page = problems.queue_page(demo_store)
    assert pc.problem_no in [r.problem_no for r in page.rows]

    # The notice: PDF kept, due in five working days, the QR code on the page is the problem number.
    notice = problems.issue_notice(demo_store, actor=actors["problem"], problem_no=pc.problem_no).value
    assert notice.pdf.startswith(b"%PDF") and notice.copy_no == 1
    fonts = pdf_fonts(notice.pdf)
    assert fonts and all(embedded for _name, embedded in fonts), fonts
    assert not any("STSong" in name or "Helvetica" in name for name, _ in fonts)
    image = render_page(notice.pdf)
    codes = [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert codes == [pc.problem_no]
    noticed = problems.problem(demo_store, problem_no=pc.problem_no)
    assert noticed.status == "noticed" and noticed.countdown.due_at == notice.due_at
    assert noticed.countdown.mark == "ok" and 37 < noticed.countdown.remaining_hours <= 37.5

    # The reply comes back behind the notice: the scanning station attaches it and records the reply.
    scan = tmp_path / "reply.png"
    image.save(scan, dpi=(200, 200))
    done = scanning.import_files(demo_store, actor=actors["scanner"], paths=[scan], workers=1)
    (stored,) = done.value.pages
    assert (stored.proposal_id, stored.doc_type) == (pid, "problem_reply")
    replied = problems.problem(demo_store, problem_no=pc.problem_no)
    assert replied.status == "replied" and replied.reply_pages == (stored.page_id,)
    assert replied.events[-1].action == "reply" and replied.events[-1].actor_name == "扫描员 吴强"

    # Resolved: only the premium total is keyed again, first and second entry.
    res = problems.resolve(demo_store, actor=actors["problem"], problem_no=pc.problem_no,
                           fields=["premium_total"], reason="业务员确认保费合计为 6000 元").value
    assert (res.state, res.reentry_round, res.problem.status) == ("SCANNED", 2, "resolved")
    first = key_pass(demo_store, actors["entry2"], pid, {"premium_total": "6000"})
    assert first.pass_no == 1 and state_of(demo_store, pid) == "FIRST_ENTERED"
    second = key_pass(demo_store, actors["entry1"], pid, {"premium_total": "6,000.00"})

    # Compared, the rules run again and pass: 校验.
    assert second.comparison == "match" and second.validation.state == "VALIDATED"
    assert state_of(demo_store, pid) == "VALIDATED"
    assert validation.latest_run(demo_store, proposal_id=pid).passed
    assert values_now(demo_store, pid)["premium_total"] == "6000.00"
    assert problems.queue_page(demo_store).total == page.total - 1


def test_a_problem_raised_by_hand_while_keying_stops_validation_until_resolved(demo_store, actors):
    from tests.problems.helpers import import_insured, scanned_cases

    pid, _ = scanned_cases(demo_store)[0]
    import_insured(demo_store, pid, actors["clerk"].user_id, 20)
    raised = problems.raise_problem(demo_store, actor=actors["entry1"], proposal_id=pid,
                                    items=[ItemSpec("MANUAL", "投保单位名称与公章不一致", "applicant_name")]).value
    assert raised.status == "open" and state_of(demo_store, pid) == "SCANNED"  # keeps its stage
    key_pass(demo_store, actors["entry1"], pid, good_values())
    out = key_pass(demo_store, actors["entry2"], pid, good_values())
    # Every rule passes, but the open problem case stops it.
    assert out.validation.run.passed and out.validation.state == "PROBLEM"
    assert out.validation.problem_no == raised.problem_no
    res = problems.resolve(demo_store, actor=actors["problem"], problem_no=raised.problem_no, fields=[],
                           reason="已核对公章，名称无误").value
    assert res.state == "VALIDATED" and res.run is not None and res.run.passed
