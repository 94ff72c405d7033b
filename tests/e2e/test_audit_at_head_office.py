"""The audit chain's head travels to head office: a branch PC whose audit log was cut at the end, or
cut and written again, is caught at head office too (even with the PC's own anchor removed), and
the rewritten entries are refused, kept in the branch's conflict inbox, never applied."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select, text

from desk_app.store.models import AuditEntry, SyncConflict
from tests.e2e.world import make_site
from tests.server.harness import REPO, env, new_server_db, running_server


def alerts(db_url: str) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "sync_server.cli", "--db", db_url, "audit", "alerts", "--json"],
                         cwd=REPO, env=env(), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def cut_audit_tail(store, n: int) -> int:  # noqa: ANN001
    """What someone with the PC could do: drop the guard triggers and delete the newest entries."""
    with store.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        top = conn.execute(text("SELECT max(seq) FROM audit_log")).scalar()
        conn.execute(text("DELETE FROM audit_log WHERE seq > :s"), {"s": top - n})
    return top


def test_a_cut_or_rewritten_audit_log_is_caught_at_head_office(tmp_path: Path) -> None:
    db_url = new_server_db("sqlite", tmp_path, None)
    with running_server(db_url, tmp_path) as srv:
        a = make_site(tmp_path, srv.url, db_url, "GD0101", "广州分公司")
        b = make_site(tmp_path, srv.url, db_url, "GD0102", "佛山分公司")
        a.new_case(1)
        b.new_case(1)
        for site in (a, b):
            site.sync()
            site.sync()
        assert alerts(db_url) == []

        top = cut_audit_tail(a.store, 3)
        a.sync()  # nothing to push: the pull reports the shortened head
        (cut,) = alerts(db_url)
        assert cut["org_code"] == "GD0101" and cut["kind"] == "truncated"
        assert cut["branch_seq"] == top - 3 and cut["head_seq"] == top and "截断" in cut["reason"]

        a.new_case(2)  # the chain goes on from the cut: its seqs were already at head office
        report = a.sync()
        kinds = {x["kind"] for x in alerts(db_url)}
        assert kinds == {"truncated", "rewritten"}
        assert all(x["org_code"] == "GD0101" for x in alerts(db_url))
        assert report.conflicts >= 1
        with a.store.reading() as s:
            reasons = list(s.scalars(select(SyncConflict.rule).where(SyncConflict.table_name == "audit_log")))
            newest = s.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
        assert reasons and all("审计链异常" in r for r in reasons)
        assert newest > top - 3

        b.new_case(2)  # an untouched branch goes on without alerts of its own
        b.sync()
        assert {x["org_code"] for x in alerts(db_url)} == {"GD0101"}
