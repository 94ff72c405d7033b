"""`desk-app scan import` as a real subprocess: one JSON object per page; bad files change nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from desk_app.core.demo import DEMO_PASSWORD
from desk_app.store.migrate import open_store
from tests.scanning import helpers, synth
from tests.scanning.test_service import received_case, stack
from tests.scanning.test_sources import corrupt_jpeg, cut_tiff, one_sentence

REPO = Path(__file__).resolve().parents[2]


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "desk_app.cli", "--data-dir", str(data_dir), *args],
                          input=DEMO_PASSWORD + "\n", capture_output=True, text=True, env=env, timeout=180)


def snapshot(data_dir: Path) -> tuple:
    store = open_store(data_dir / "branch.db")
    try:
        with store.reading() as s:
            # The log-in itself is audited (and so in the outbox); everything else must stay.
            counts = tuple(s.connection().exec_driver_sql(sql).scalar() for sql in (
                "SELECT count(*) FROM pages", "SELECT count(*) FROM scan_batches", "SELECT count(*) FROM page_blobs",
                "SELECT count(*) FROM sync_outbox WHERE table_name NOT IN ('audit_log', 'users')",
                "SELECT count(*) FROM audit_log WHERE action LIKE 'scan.%'"))
    finally:
        store.close()
    files = sorted(str(p) for p in (data_dir / "files").rglob("*")) if (data_dir / "files").exists() else []
    return counts, files


def test_scan_import_json_per_page_then_bad_files_change_nothing(demo_path, tmp_path):
    d = demo_path.parent
    store = open_store(demo_path)
    _pid, case_no, proposal_no, _ = received_case(store)
    store.close()
    scan = tmp_path / "stack.tif"
    scan.write_bytes(stack(case_no, proposal_no, 1))
    loose = helpers.png_file(tmp_path / "loose.png", synth.render(synth.form_pdf("insured_list"), 200), 200)
    r = run(d, "scan", "import", str(scan), str(loose), "--as", "scanner", "--password-stdin", "--json",
            "--format", "png")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["case"] for x in lines] == [case_no] * 4  # the loose page follows the stack's case
    assert [x["doc_type"] for x in lines[:2]] == ["cover_sheet", "proposal_form"]
    assert all(len(x["sha256"]) == 64 and x["size"] > 0 and "deskew_deg" in x and x["rotation"] == 0
               for x in lines)
    assert lines[1]["seal"] is True and set(lines[0]["barcodes"]) == {case_no}

    before = snapshot(d)
    bad = {"empty.jpg": b"", "text.jpg": "文本\n".encode(), "header.pdf": b"%PDF-1.4\n",
           "locked.pdf": helpers.encrypted_pdf(), "bomb.png": helpers.bomb_png(),
           "cut.jpg": helpers.jpeg_bytes(synth.render(synth.form_pdf("cover"), 100))[:5000],
           # 121 MP: above our limit, below PIL's error (PIL warns in English), and a JPEG whose
           # damaged data libjpeg reports on stderr: the terminal shows only our sentences.
           "big.png": helpers.bomb_png(11_000, 11_000), "corrupt.jpg": corrupt_jpeg(), "cut.tif": cut_tiff()}
    paths = []
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    r = run(d, "scan", "import", *paths, "--as", "scanner", "--password-stdin", "--json")
    assert r.returncode == 2 and r.stdout == ""
    for name in bad:
        assert name in r.stderr
    assert "空文件" in r.stderr and "加密" in r.stderr and "过大" in r.stderr and "不完整" in r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == len(bad), r.stderr
    for line in lines:
        assert line.startswith("错误：") and one_sentence(line.removeprefix("错误：")), line
    assert snapshot(d) == before


def imported_modules(data_dir: Path, *args: str, password: str = DEMO_PASSWORD) -> tuple[subprocess.CompletedProcess,
                                                                                      Counter[str]]:
    """`desk-app` run with -X importtime: how many processes imported each module (the command and
    any process it spawned: the flag and stderr are passed on, one line per module and process)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(REPO)}
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "desk_app.cli", "--data-dir", str(data_dir), *args],
                       input=password + "\n", capture_output=True, text=True, env=env, timeout=180)
    names = Counter(line.rsplit("|", 1)[1].strip() for line in r.stderr.splitlines() if line.startswith("import time:"))
    return r, names


def test_one_page_is_cleaned_in_one_process_of_its_own_and_two_pages_by_the_pool(demo_path, tmp_path):
    """A single page goes at once to one spawned process, which imports the imaging libraries and
    cleans it while the command loads the store side and checks the password: the command itself
    imports neither numpy nor OpenCV nor onnxruntime, and starts no pool (whose processes cost
    more than a page). A file of two pages is split over the pool's processes."""
    d = demo_path.parent
    one = helpers.png_file(tmp_path / "one.png", synth.render(synth.form_pdf("insured_list"), 150), 150)
    two = tmp_path / "two.tif"
    two.write_bytes(helpers.multipage_tiff([synth.render(synth.form_pdf(k), 150) for k in ("proposal", "blank")], 150))
    r, names = imported_modules(d, "scan", "import", str(one), "--as", "scanner", "--password-stdin", "--json")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 1, r.stderr[-2000:]
    assert json.loads(r.stdout)["rotation"] == 0
    # One process imported the imaging stack, and it was not the command (which imported SQLAlchemy).
    assert names["cv2"] == names["numpy"] == names["onnxruntime"] == 1, {k: names[k] for k in ("cv2", "numpy")}
    assert names["sqlalchemy"] == 1 and names["multiprocessing.popen_spawn_posix"] >= 1
    assert "concurrent.futures.process" not in names
    r, names = imported_modules(d, "scan", "import", str(two), "--as", "scanner", "--password-stdin", "--json")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 2, r.stderr[-2000:]
    assert "concurrent.futures.process" in names and names["cv2"] >= 2  # ... and these in the pool's processes


def test_a_wrong_password_stores_nothing_and_starts_no_pool(demo_path, tmp_path):
    """The pages are read (a single page cleaned in its own process) while the password is
    checked: a wrong one still stores nothing, says only the log-in's refusal, stops that process
    and starts no pool for a longer import."""
    d = demo_path.parent
    page = helpers.png_file(tmp_path / "p.png", synth.render(synth.form_pdf("proposal"), 150), 150)
    before = snapshot(d)
    for files in ([page], [page, page]):
        r, names = imported_modules(d, "scan", "import", *map(str, files), "--as", "scanner", "--password-stdin",
                                    password="not-the-password")
        assert r.returncode == 2 and r.stdout == ""
        (line,) = [x for x in r.stderr.splitlines() if not x.startswith("import time:")]
        assert line.startswith("错误：用户名或密码错误。"), line  # the log-in's refusal alone
        assert "concurrent.futures.process" not in names
    assert snapshot(d)[1] == before[1]  # no page file written
    assert snapshot(d)[0][:3] == before[0][:3]  # no page, batch or blob row


def test_a_reply_scanned_by_a_fresh_scan_import_is_recorded_on_its_problem_case(demo_path, tmp_path):
    """`scan import` loads the problem-case work only when a page needs it (a reply behind its
    notice): a command that did not load it up front still records the reply."""
    import pypdfium2 as pdfium

    d = demo_path.parent
    r = run(d, "problem", "list", "--json")
    assert r.returncode == 0, r.stderr
    problem_no = next(x["problem_no"] for x in json.loads(r.stdout)["rows"] if x["status"] == "noticed")
    pdf = tmp_path / "notice.pdf"
    r = run(d, "problem", "notice", problem_no, "--pdf", str(pdf), "--as", "problem", "--password-stdin")
    assert r.returncode == 0, r.stderr
    doc = pdfium.PdfDocument(pdf.read_bytes())
    scan = tmp_path / "reply.png"
    doc[0].render(scale=200 / 72, grayscale=True).to_pil().save(scan, dpi=(200, 200))
    doc.close()
    r = run(d, "scan", "import", str(scan), "--as", "scanner", "--password-stdin", "--json")
    assert r.returncode == 0, r.stderr
    (page,) = [json.loads(line) for line in r.stdout.splitlines()]
    assert page["doc_type"] == "problem_reply" and page["rotation"] == 0
    r = run(d, "problem", "show", problem_no, "--json")
    shown = json.loads(r.stdout)
    assert shown["status"] == "replied" and shown["reply_pages"] == [page["page_id"]], shown
