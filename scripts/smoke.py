"""The smoke lane: BranchDesk as a user installs it (scripts/start's `.[demo]`, no test tools).

Run by scripts/smoke in a fresh virtual environment, so a module the app imports at run time but
pyproject.toml does not declare fails here, where the test suite (which installs the dev extra)
would hide it. Uses nothing but the standard library and the app's own dependencies:

  a demo store; a proposal taken in with its receipt PDF; a 3-page PDF and a 3-page TIFF scanned;
  the receipt printed through the intake screen's print path to a PDF printer (offscreen Qt);
  a sync against a local head-office server.

Prints one line per step and `smoke: N passed, 0 failed`; exits non-zero at the first failure.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent
PASSWORD = "Demo2026"
passed = 0


def run(*cmd: str, stdin: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    r = subprocess.run(cmd, input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=300,
                       env=ENV, cwd=REPO)
    if check and r.returncode != 0:
        raise SystemExit(f"smoke: FAILED {' '.join(cmd[:3])} (exit {r.returncode})\n{r.stdout}\n{r.stderr}")
    return r


def step(name: str) -> None:
    global passed
    passed += 1
    print(f"smoke: ok  {name}", flush=True)


def three_page_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for i in range(3):
        c.setFont("Helvetica", 28)
        c.drawString(72, 720, f"Group insured list page {i + 1}")
        for line in range(30):
            c.setFont("Helvetica", 11)
            c.drawString(72, 680 - line * 20, f"{line + 1:3d}  Zhang San {line:02d}  440101199001011234  GTL01  A")
        c.showPage()
    c.save()


def three_page_tiff(path: Path) -> None:
    from PIL import Image, ImageDraw

    pages = []
    for i in range(3):
        page = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
        draw = ImageDraw.Draw(page)
        draw.rectangle((100, 100, 1140, 200), outline=0, width=4)
        for line in range(40):
            draw.text((120, 260 + line * 36), f"page {i + 1} line {line + 1}  0123456789", fill=0)
        pages.append(page)
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="tiff_lzw", dpi=(150, 150))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def print_receipt(pdf: bytes, out: Path) -> None:
    """The intake screen's print path (ui.intake_widget.print_pdf) onto Qt's PDF printer."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from desk_app.ui.intake_widget import print_pdf

    app = QApplication.instance() or QApplication([])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    print_pdf(pdf, printer)
    app.processEvents()


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="branchdesk-smoke-"))
    data, server_data = work / "data", work / "server"
    global ENV
    ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "BRANCHDESK_INSECURE_FILE_KEYRING": "1",
           "XDG_DATA_HOME": str(work / "xdg"), "QT_QPA_PLATFORM": "offscreen"}
    os.environ.update({k: ENV[k] for k in ("BRANCHDESK_INSECURE_FILE_KEYRING", "XDG_DATA_HOME")})
    app = [str(BIN / "desk-app"), "--data-dir", str(data)]

    run(*app, "demo")
    step("demo store")

    import random

    from desk_app import clock
    from desk_app.core.demo import demo_credit_code

    effective = clock.today() + dt.timedelta(days=1)
    description = {"proposal_no": "T440100001", "business_type": "GROUP", "applicant_name": "广州市天河科技有限公司",
                   "applicant_credit_code": demo_credit_code(random.Random(1)), "industry_code": "I65",
                   "business_source": "direct", "agent_code": "AG1001", "insured_count": 20,
                   "effective_date": effective.isoformat(),
                   "products": [{"product_code": "GTL01", "benefit_level": "A", "sum_insured": "2000000",
                                 "premium": "2400"}], "checklist": "all", "outcome": "accept"}
    (work / "case.json").write_text(json.dumps(description, ensure_ascii=False), encoding="utf-8")
    receipt = work / "receipt.pdf"
    r = run(*app, "intake", "--json", str(work / "case.json"), "--as", "clerk", "--password-stdin",
            "--json-out", "--pdf", str(receipt), stdin=PASSWORD + "\n")
    case_no = json.loads(r.stdout)["case_no"]
    assert receipt.read_bytes().startswith(b"%PDF"), "no receipt PDF"
    step(f"intake {case_no} with its receipt PDF")

    three_page_pdf(work / "list.pdf")
    three_page_tiff(work / "list.tif")
    r = run(*app, "scan", "import", str(work / "list.pdf"), str(work / "list.tif"), "--as", "scanner",
            "--password-stdin", "--case", case_no, "--json", stdin=PASSWORD + "\n")
    pages = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert len(pages) == 6, r.stdout
    step("scan import: a 3-page PDF and a 3-page TIFF, 6 pages")

    printed = work / "printed.pdf"
    print_receipt(receipt.read_bytes(), printed)
    assert printed.exists() and printed.read_bytes().startswith(b"%PDF") and printed.stat().st_size > 10_000
    step("receipt printed through the GUI print path to a PDF printer")

    server = [str(BIN / "sync-server"), "--data-dir", str(server_data)]
    run(*server, "init")
    run(*server, "org", "add", "GD", "广东省分公司", "--parent", "HO")
    run(*server, "org", "add", "GD0101", "广州分公司业务处理中心", "--parent", "GD")
    run(*server, "refdata", "publish", str(REPO / "resources" / "refdata"))
    code = run(*server, "enrol", "GD0101").stdout.strip().splitlines()[-1]
    port = free_port()
    proc = subprocess.Popen([*server, "serve", "--host", "127.0.0.1", "--port", str(port)], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=open(work / "server.log", "w"))  # noqa: SIM115
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        run(*app, "enrol", "--server", f"http://127.0.0.1:{port}", "--code", code)
        r = run(*app, "sync", "--json")
        report = json.loads(r.stdout)
        assert report, r.stdout
        step(f"sync against a local server: {json.dumps(report, ensure_ascii=False)[:120]}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(f"smoke: {passed} passed, 0 failed")
    return 0


ENV: dict[str, str] = {}

if __name__ == "__main__":
    sys.exit(main())
