"""`desk-app uw ...` and `desk-app users level` as real subprocesses on a copy of the demo store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run

PW = "Demo2026\n"


@pytest.fixture
def demo_dir(demo_path: Path) -> Path:
    return demo_path.parent


def uw(d: Path, *args: str, user: str = "uw"):
    return run(d, "uw", *args, "--as", user, "--password-stdin", stdin=PW)


def test_queue_show_decide_and_refer(demo_dir):
    r = uw(demo_dir, "queue", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows and all(row["state"] in ("VALIDATED", "UNDERWRITING") and row["open_issues"] >= 1 for row in rows)
    mine = [row for row in rows if row["within_authority"] and row["may_decide"]]
    above = [row for row in rows if not row["within_authority"]]
    assert mine, rows
    case = mine[0]["case_no"]
    r = uw(demo_dir, "show", case, "--json")
    assert r.returncode == 0, r.stderr
    shown = json.loads(r.stdout)
    assert shown["issues"] and shown["issues"][0]["facts"] and shown["summary"]
    text = uw(demo_dir, "show", case).stdout
    assert "核保问题" in text and case in text

    # Bad input: one Chinese sentence, exit 2, nothing changed.
    for args, words in ((("--decision", "maybe"), "核保决定只能是"),
                        (("--decision", "loading", "--percent", "abc"), "加费比例"),
                        (("--decision", "decline"), "必须填写原因")):
        r = uw(demo_dir, "decide", case, *args)
        assert r.returncode == 2 and words in r.stderr and r.stderr.startswith("错误："), r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    assert json.loads(uw(demo_dir, "show", case, "--json").stdout)["decisions"] == shown["decisions"]

    r = uw(demo_dir, "decide", case, "--decision", "loading", "--percent", "30", "--reason", "职业风险加费")
    assert r.returncode == 0, r.stderr
    assert "加费承保" in r.stdout and "保单号 GD0101" in r.stdout
    after = json.loads(uw(demo_dir, "show", case, "--json").stdout)
    assert after["state"] == "ISSUED" and after["policy_no"] and after["decisions"][-1]["loading_percent"] == "30"

    if above:
        r = uw(demo_dir, "decide", above[0]["case_no"], "--decision", "standard", "--reason", "x")
        assert r.returncode == 2 and "请上报省公司" in r.stderr
    target = (above or mine[1:])[0]["case_no"]
    r = uw(demo_dir, "refer", target)
    assert r.returncode == 2 and "必须填写原因" in r.stderr
    r = uw(demo_dir, "refer", target, "--reason", "超权限，上报省公司")
    assert r.returncode == 0 and "已上报省公司" in r.stdout, r.stderr
    referred = json.loads(uw(demo_dir, "queue", "--json", user="province").stdout)
    assert target in {row["case_no"] for row in referred}


def test_supervisor_sets_an_authority_level(demo_dir):
    r = run(demo_dir, "users", "level", "uw", "3", "--as", "super", "--password-stdin", stdin=PW)
    assert r.returncode == 0 and "设为 3" in r.stdout, r.stderr
    listed = json.loads(run(demo_dir, "users", "list", "--json").stdout)
    assert next(u for u in listed if u["username"] == "uw")["authority_level"] == 3
    r = run(demo_dir, "users", "level", "uw", "x", "--as", "super", "--password-stdin", stdin=PW)
    assert r.returncode == 2 and "应为整数" in r.stderr
    r = run(demo_dir, "users", "level", "uw", "2", "--as", "uw", "--password-stdin", stdin=PW)
    assert r.returncode == 2 and "只有业务主管" in r.stderr
