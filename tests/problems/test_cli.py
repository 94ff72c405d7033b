"""`desk-app check` and `desk-app problem ...` as real subprocesses on a demo store."""

from __future__ import annotations

import json

from desk_app.store.migrate import open_store
from tests.entry.test_cli import run
from tests.problems.helpers import good_values, keyed_case


def test_check_and_problem_steps(demo_path, tmp_path):
    from desk_app.core import users

    store = open_store(demo_path)
    with store.reading() as s:
        actors = {n: users.actor_for(s, n) for n in ("clerk", "entry1", "entry2")}
    pid = keyed_case(store, actors, good_values() | {"premium_total": "6100.00"})
    from desk_app.services import problems

    (pc,) = problems.case_problems(store, proposal_id=pid)
    case_no = pc.case_no
    store.close()
    d = demo_path.parent
    as_ = ["--password-stdin"]

    r = run(d, "check", case_no, "--json", "--as", "problem", *as_)
    assert r.returncode == 3, r.stderr
    out = json.loads(r.stdout)
    assert out["passed"] is False and {f["code"] for f in out["findings"] if f["severity"] == "blocking"} == {
        "R008", "R009"}
    r = run(d, "problem", "list", "--json")
    assert r.returncode == 0 and pc.problem_no in [x["problem_no"] for x in json.loads(r.stdout)["rows"]]

    # Bad input: one sentence, exit 2, nothing changed.
    r = run(d, "problem", "raise", case_no, "--item", "缺少说明", "--as", "entry1", *as_)
    assert r.returncode == 2 and r.stderr.count("。") == 1 and "格式" in r.stderr
    r = run(d, "problem", "resolve", pc.problem_no, "--reason", "已核对", "--as", "problem", *as_)
    assert r.returncode == 2 and "校验仍未通过" in r.stderr
    r = run(d, "problem", "notice", pc.problem_no, "--pdf", str(tmp_path / "no" / "n.pdf"), "--as", "problem", *as_)
    assert r.returncode == 2 and "不存在" in r.stderr
    r = run(d, "problem", "show", pc.problem_no, "--json")
    assert json.loads(r.stdout)["status"] == "open" and len(json.loads(r.stdout)["events"]) == 1

    pdf = tmp_path / "notice.pdf"
    r = run(d, "problem", "notice", pc.problem_no, "--pdf", str(pdf), "--as", "problem", *as_)
    assert r.returncode == 0 and pdf.read_bytes().startswith(b"%PDF"), r.stderr
    r = run(d, "problem", "reply", pc.problem_no, "--note", "业务员确认保费 6000 元", "--as", "problem", *as_)
    assert r.returncode == 0, r.stderr
    r = run(d, "problem", "resolve", pc.problem_no, "--field", "premium_total", "--reason", "重录保费合计",
            "--as", "problem", *as_)
    assert r.returncode == 0 and "第 2 轮重录" in r.stdout, r.stderr
    r = run(d, "problem", "reopen", pc.problem_no, "--reason", "签报未到", "--as", "problem", *as_)
    assert r.returncode == 0, r.stderr
    r = run(d, "problem", "withdraw", pc.problem_no, "--reason", "客户撤回", "--as", "problem", *as_)
    assert r.returncode == 0 and "已撤件" in r.stdout, r.stderr
    r = run(d, "problem", "show", pc.problem_no, "--json")
    assert [e["action"] for e in json.loads(r.stdout)["events"]] == ["raise", "notice", "reply", "resolve", "reopen",
                                                                     "withdraw"]
