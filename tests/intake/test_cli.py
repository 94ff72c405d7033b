"""`desk-app intake` and `desk-app stationery` as real subprocesses on a demo store."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from desk_app import clock
from desk_app.core.demo import DEMO_PASSWORD, demo_credit_code

REPO = Path(__file__).resolve().parents[2]


def run(data_dir: Path, *args: str, stdin: str = DEMO_PASSWORD + "\n") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "desk_app.cli", "--data-dir", str(data_dir), *args],
                          input=stdin, capture_output=True, text=True, env=env, timeout=120)


def description(**changes) -> dict:
    import random

    data = {"proposal_no": "T440100002", "business_type": "GROUP", "applicant_name": "广州市天河科技有限公司",
            "applicant_credit_code": demo_credit_code(random.Random(1)), "industry_code": "I65",
            "business_source": "direct", "agent_code": "AG1001", "insured_count": 20,
            "effective_date": (clock.today() + dt.timedelta(days=1)).isoformat(),
            "products": [{"product_code": "GTL01", "benefit_level": "A", "sum_insured": "2000000",
                          "premium": "2400"}], "checklist": "all", "outcome": "accept"}
    return data | changes


def test_intake_from_json_then_already_used_and_past_date(demo_path, tmp_path):
    d = demo_path.parent
    f = tmp_path / "case.json"
    f.write_text(json.dumps(description(), ensure_ascii=False), encoding="utf-8")
    pdf = tmp_path / "receipt.pdf"
    a_month_ago = (clock.today() - dt.timedelta(days=30)).isoformat()
    r = run(d, "intake", "--json", str(f), "--as", "clerk", "--password-stdin", "--json-out", "--pdf", str(pdf))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["outcome"] == "accepted" and out["case_no"].startswith("GD0101")
    assert pdf.read_bytes().startswith(b"%PDF")

    r = run(d, "intake", "--json", str(f), "--as", "clerk", "--password-stdin")
    assert r.returncode == 2 and "已被使用" in r.stderr and out["case_no"] in r.stderr

    f.write_text(json.dumps(description(proposal_no="T440100003", effective_date=a_month_ago,
                                        applicant_credit_code="91440101MA59XXXX0X"), ensure_ascii=False),
                 encoding="utf-8")
    r = run(d, "intake", "--json", str(f), "--as", "clerk", "--password-stdin", "--no-pdf")
    assert r.returncode == 2 and "校验位不正确" in r.stderr
    import random

    f.write_text(json.dumps(description(proposal_no="T440100003", effective_date=a_month_ago,
                                        applicant_credit_code=demo_credit_code(random.Random(2))),
                            ensure_ascii=False), encoding="utf-8")
    r = run(d, "intake", "--json", str(f), "--as", "clerk", "--password-stdin", "--no-pdf")
    assert r.returncode == 2 and "已过" in r.stderr
    r = run(d, "intake", "--json", str(f), "--as", "clerk", "--password-stdin", "--no-pdf", "--confirm-past-date")
    assert r.returncode == 0, r.stderr


def test_stationery_commands(demo_path):
    d = demo_path.parent
    r = run(d, "stationery", "receive", "--batch", "HO-9", "--first", "T470000001", "--last", "T470000050",
            "--as", "super", "--password-stdin")
    assert r.returncode == 0, r.stderr
    assert "已入库 T470000001–T470000050，共 50 个" in r.stdout
    r = run(d, "stationery", "issue", "--first", "T470000001", "--last", "T470000010", "--to", "AG1003",
            "--as", "super", "--password-stdin")
    assert r.returncode == 0 and "共 10 个" in r.stdout, r.stderr
    r = run(d, "stationery", "lost", "--first", "T470000005", "--last", "T470000005", "--reason", "遗失",
            "--as", "super", "--password-stdin")
    assert r.returncode == 0, r.stderr
    r = run(d, "stationery", "issue", "--first", "T470000001", "--last", "T470000010", "--to", "AG1003",
            "--as", "clerk", "--password-stdin")
    assert r.returncode == 2 and "业务主管" in r.stderr
    r = run(d, "stationery", "report", "--days", "0", "--json", "--as", "super", "--password-stdin")
    assert r.returncode == 0, r.stderr
    numbers = {row["number"] for row in json.loads(r.stdout)}
    assert "T470000004" in numbers and "T470000005" not in numbers
