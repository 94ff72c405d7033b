"""`desk-app entry ...` as real subprocesses on a demo store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desk_app.core.demo import DEMO_PASSWORD
from tests.entry.helpers import group_values, scanned_cases, state_of

REPO = Path(__file__).resolve().parents[2]


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "desk_app.cli", "--data-dir", str(data_dir), *args],
                          input=DEMO_PASSWORD + "\n", capture_output=True, text=True, env=env, timeout=120)


def _file(tmp_path: Path, name: str, doc) -> str:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_submit_compare_reconcile_and_figures(demo_path, tmp_path):
    from desk_app.store.migrate import open_store

    d = demo_path.parent
    store = open_store(demo_path)
    pid, case_no = scanned_cases(store)[0]
    store.close()
    values = group_values()
    as_ = ["--password-stdin"]
    r = run(d, "entry", "figures", "--json", "--as", "super", *as_)
    before = {f["username"]: f for f in json.loads(r.stdout)}  # the demo's history
    r = run(d, "entry", "submit", case_no, "--pass", "1", "--json", _file(tmp_path, "a.json", values),
            "--as", "entry1", *as_)
    assert r.returncode == 0 and "初录已提交" in r.stdout, r.stderr
    # A may not key the second pass; nothing changes.
    r = run(d, "entry", "submit", case_no, "--pass", "2", "--json", _file(tmp_path, "a.json", values),
            "--as", "entry1", *as_)
    assert r.returncode == 2 and "初录以外" in r.stderr
    b_file = _file(tmp_path, "b.json", values | {"premium_total": "6600"})
    r = run(d, "entry", "submit", case_no, "--pass", "2", "--json", b_file, "--as", "entry2", *as_)
    assert r.returncode == 0 and "1 个字段不一致" in r.stdout, r.stderr
    # Blind: B cannot read the comparison; a supervisor who keyed neither can.
    r = run(d, "entry", "compare", case_no, "--json", "--as", "entry2", *as_)
    assert r.returncode == 2 and "不能查看" in r.stderr and r.stdout == ""
    r = run(d, "entry", "compare", case_no, "--json", "--as", "super", *as_)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [(x["field"], x["first"], x["second"]) for x in out["differing"]] == [("premium_total", "6000.00", "6600.00")]
    assert out["settled"]["applicant_name"] == values["applicant_name"]
    r = run(d, "entry", "reconcile", case_no, "--json",
            _file(tmp_path, "c.json", {"premium_total": {"pick": "1", "note": "按投保单"}}), "--as", "super", *as_)
    assert r.returncode == 0, r.stderr
    store = open_store(demo_path)
    assert state_of(store, pid) == "PROBLEM"  # compared, then validated at once: no insured list (R016)
    store.close()
    r = run(d, "entry", "figures", "--json", "--as", "super", *as_)
    figures = {f["username"]: f for f in json.loads(r.stdout)}
    assert figures["entry1"]["kept"] - before["entry1"]["kept"] == 1
    assert figures["entry2"]["differences"] - before["entry2"]["differences"] == 1
    r = run(d, "entry", "figures", "--by-field", "--as", "super", *as_)
    assert r.returncode == 0 and "premium_total" in r.stdout
    r = run(d, "entry", "figures", "--as", "entry1", *as_)
    assert r.returncode == 2 and "业务主管" in r.stderr


def test_next_and_bad_input_change_nothing(demo_path, tmp_path):
    d = demo_path.parent
    r = run(d, "entry", "next", "--as", "entry1", "--password-stdin")
    assert r.returncode == 0 and "初录" in r.stdout, r.stderr
    case_no = r.stdout.split()[0]
    bad = [
        ({"no_such_field": "1"}, "没有字段"),
        ({"applicant_name": 123}, "必须是文字"),
        ("{not json", "JSON"),
        (["a"], "JSON 对象"),
    ]
    for doc, words in bad:
        r = run(d, "entry", "submit", case_no, "--pass", "1", "--json", _file(tmp_path, "bad.json", doc),
                "--as", "entry1", "--password-stdin")
        assert r.returncode == 2 and words in r.stderr, (doc, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1
    r = run(d, "entry", "submit", "GZ-NO-SUCH", "--pass", "1", "--json", _file(tmp_path, "ok.json", {}),
            "--as", "entry1", "--password-stdin")
    assert r.returncode == 2 and "找不到" in r.stderr
    r = run(d, "entry", "reconcile", case_no, "--json", _file(tmp_path, "c.json", {"x": "1"}),
            "--as", "super", "--password-stdin")
    assert r.returncode == 2 and "pick" in r.stderr
    from desk_app.services import entry
    from desk_app.store.migrate import open_store

    store = open_store(demo_path)
    try:
        pid = entry.find_case(store, case_no)
        assert state_of(store, pid) == "SCANNED"
    finally:
        store.close()
