"""The contract commands run as real subprocesses on a real store file."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

from desk_app.core.demo import DEMO_PASSWORD
from desk_app.store.migrate import open_store
from tests.cli.test_cli import run
from tests.contracts.conftest import issued_case


def test_print_reprint_verify_receipt_archive_from_the_command_line(demo_path: Path, tmp_path: Path):
    store = open_store(demo_path)
    pid = issued_case(store)
    with store.reading() as session:
        from desk_app.store.models import PolicyNumber, Proposal

        case_no = session.get(Proposal, pid).case_no
        policy_no = session.query(PolicyNumber.policy_no).filter(PolicyNumber.proposal_id == pid).scalar()
    store.close()
    data = demo_path.parent
    pw = DEMO_PASSWORD + "\n"
    first = tmp_path / "c1.pdf"
    r = run(data, "print", "contract", case_no, "--out", str(first), "--as", "printer", "--password-stdin", stdin=pw)
    assert r.returncode == 0, r.stderr
    assert policy_no in r.stdout and first.exists()
    # a reprint: the first --reprint files the request and stops; approval; then it prints
    second = tmp_path / "c2.pdf"
    args = ("print", "contract", policy_no, "--reprint", "--reason", "客户遗失", "--out", str(second), "--as",
            "printer", "--password-stdin")
    r = run(data, *args, stdin=pw)
    assert r.returncode == 2 and "批准" in r.stderr and not second.exists()
    r = run(data, "print", "approve", case_no, "--as", "printer", "--password-stdin", stdin=pw)
    assert r.returncode == 2 and "业务主管" in r.stderr
    r = run(data, "print", "approve", case_no, "--as", "super", "--password-stdin", stdin=pw)
    assert r.returncode == 0, r.stderr
    r = run(data, *args, stdin=pw)
    assert r.returncode == 0, r.stderr
    assert "副本 / 第 2 次打印" in PdfReader(second).pages[-1].extract_text()
    # verify the old PDF (superseded, exit 1) and the new one (current, exit 0)
    r = run(data, "verify", str(first), "--json")
    assert r.returncode == 1 and json.loads(r.stdout)["status"] == "superseded"
    r = run(data, "verify", str(second), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["print_seq"] == 2
    r = run(data, "print", "log", case_no, "--json")
    assert [x["print_seq"] for x in json.loads(r.stdout)] == [1, 2]
    # the receipt queue lists it; the signed receipt scanned back
    r = run(data, "receipt", "queue", "--json")
    assert case_no in {x["case_no"] for x in json.loads(r.stdout)}
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(second.read_bytes())
    scan = tmp_path / "signed.png"
    doc[len(doc) - 1].render(scale=200 / 72, grayscale=True).to_pil().save(scan)
    doc.close()
    r = run(data, "receipt", "scan", str(scan), "--as", "scanner", "--password-stdin", stdin=pw)
    assert r.returncode == 0 and "回执已签收" in r.stdout, r.stderr
    r = run(data, "archive", case_no, "--box", "A-01", "--position", "7", "--as", "clerk", "--password-stdin", stdin=pw)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "box.pdf"
    r = run(data, "archive", "list", "A-01", "--out", str(out))
    assert r.returncode == 0 and case_no in PdfReader(out).pages[0].extract_text()
