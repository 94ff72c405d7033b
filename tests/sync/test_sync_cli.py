"""`desk-app enrol` and `desk-app sync --json` as scripts use them (desk_app.cli.main, in process)."""

from __future__ import annotations

import json
from pathlib import Path

from desk_app.cli import main
from tests.e2e.world import Site
from tests.server.harness import branch_store, enrolment_code, new_server_db, running_server


def run(data_dir: Path, *argv: str) -> int:
    return main(["--data-dir", str(data_dir), *argv])


def test_enrol_and_sync_json(tmp_path: Path, capsys) -> None:
    site = Site("GD0101", branch_store(tmp_path / "data" / "branch.db", "GD0101", "广州分公司"))
    site.new_case(1)
    site.store.close()
    db_url = new_server_db("sqlite", tmp_path, None)
    assert run(tmp_path / "data", "sync", "--json") == 2
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False and "尚未注册" in out["reason"] and out["pending"] > 0
    with running_server(db_url, tmp_path) as srv:
        assert run(tmp_path / "data", "enrol", "--server", srv.url, "--code", "BAD-CODE") == 2
        assert "注册码无效" in capsys.readouterr().err
        assert run(tmp_path / "data", "enrol", "--server", srv.url, "--code", enrolment_code(db_url, "GD0101")) == 0
        assert "GD0101" in capsys.readouterr().out
        assert run(tmp_path / "data", "sync", "--json") == 0
        out = json.loads(capsys.readouterr().out)
        assert out["ok"] and out["pending"] == 0 and out["pushed"] > 0
