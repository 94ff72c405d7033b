"""`desk-app referral ...` with `uw refer` and `uw decide` as real subprocesses on a copy of the demo
store: the branch refers, the provincial office's user lists, reads the packet and decides."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run

PW = "Demo2026\n"


def cli(d: Path, *args: str, user: str):
    return run(d, *args, "--as", user, "--password-stdin", stdin=PW)


def test_refer_list_read_and_decide_at_the_province(demo_path: Path, tmp_path: Path) -> None:
    d = demo_path.parent
    rows = json.loads(cli(d, "uw", "queue", "--json", user="uw").stdout)
    assert rows
    case = rows[0]["case_no"]  # the demo's underwriter may refer any case of the queue
    out = tmp_path / "packet.pdf"
    r = cli(d, "referral", "packet", case, "--pdf", str(out), user="uw")
    assert r.returncode == 2 and "没有上报材料" in r.stderr and not out.exists()

    r = cli(d, "uw", "refer", case, "--reason", "总保额超出分公司权限", user="uw")
    assert r.returncode == 0, r.stderr
    r = cli(d, "referral", "queue", "--json", user="province")
    assert r.returncode == 0, r.stderr
    mine = [q for q in json.loads(r.stdout) if q["case_no"] == case]
    assert len(mine) == 1 and mine[0]["has_packet"] and mine[0]["reason"] == "总保额超出分公司权限"
    assert case in cli(d, "referral", "queue", user="province").stdout
    r = cli(d, "referral", "packet", case, "--pdf", str(out), user="province")
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF")

    r = cli(d, "uw", "decide", case, "--decision", "exclusion", "--text", "既往症除外", "--reason", "省公司同意",
            user="province")
    assert r.returncode == 0, r.stderr
    shown = json.loads(cli(d, "uw", "show", case, "--json", user="uw").stdout)
    assert shown["state"] == "ISSUED" and shown["decisions"][-1]["exclusion"] == "既往症除外"
    assert all(q["case_no"] != case for q in json.loads(cli(d, "referral", "queue", "--json", user="province").stdout))
