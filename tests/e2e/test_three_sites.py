"""End to end: two branches and a province, each a real encrypted desk_app store, syncing through
a real `sync-server` process over HTTP, on SQLite and on real PostgreSQL.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from desk_app.paths import resources_dir
from desk_app.store.models import CaseEvent, PageBlob, Product, Proposal, SyncConflict
from desk_app.sync.pages import add_page_file, page_files
from desk_app.sync.state import read_status
from sync_server import db as server_db
from tests.e2e.world import Site, make_site
from tests.server.harness import REPO, PgCluster, env, new_server_db, running_server


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    cluster: PgCluster | None = request.getfixturevalue("pg") if request.param == "postgresql" else None
    return new_server_db(request.param, tmp_path, cluster)


def server_cli(db_url: str, *args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "sync_server.cli", "--db", db_url, *args], cwd=REPO, env=env(),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def publish_changed_refdata(tmp: Path, db_url: str) -> str:
    folder = tmp / "refdata-v2"
    shutil.copytree(resources_dir() / "refdata", folder)
    doc = json.loads((folder / "products.json").read_text(encoding="utf-8"))
    doc["version"] += 1
    doc["rows"][0]["name"] = doc["rows"][0]["name"] + "（2027版）"
    (folder / "products.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    server_cli(db_url, "refdata", "publish", str(folder))
    return doc["rows"][0]["name"]


def product_names(site: Site) -> set[str]:
    with site.store.reading() as s:
        return set(s.scalars(select(Product.name)))


def case_rows(site: Site) -> dict[str, set[str]]:
    with site.store.reading() as s:
        return {
            "proposals": set(s.scalars(select(Proposal.id))),
            "branches": set(s.scalars(select(Proposal.branch_code))),
            "events": set(s.scalars(select(CaseEvent.id))),
        }


def test_branches_and_province_converge_and_stay_isolated(tmp_path: Path, db_url: str) -> None:
    with running_server(db_url, tmp_path) as srv:
        a = make_site(tmp_path, srv.url, db_url, "GD0101", "广州分公司")
        b = make_site(tmp_path, srv.url, db_url, "GD0102", "佛山分公司")
        prov = make_site(tmp_path, srv.url, db_url, "GD", "广东省分公司", province=True)

        a_cases = [a.new_case(1, refer=True), a.new_case(2), a.new_case(3)]
        b_cases = [b.new_case(1, refer=True), b.new_case(2)]
        with a.store.transaction() as s:
            page = add_page_file(s, a.store, data=b"scan of the proposal form" * 100, branch_code="GD0101",
                                 proposal_id=a_cases[0])
            sha = page.sha256
        for site in (a, b, prov):
            site.sync()
        assert set(prov.cases()) == {a_cases[0], b_cases[0]}, "the province sees only referred cases"

        prov.step(a_cases[0], "ho_issue", who="prov")
        prov.step(b_cases[0], "ho_decline", "职业风险过高", who="prov")
        new_name = publish_changed_refdata(tmp_path, db_url)
        for _ in range(2):
            for site in (prov, a, b):
                report = site.sync()
        assert report.pending == 0

        assert a.cases() == {a_cases[0]: "ISSUED", a_cases[1]: "RECEIVED", a_cases[2]: "RECEIVED"}
        assert b.cases() == {b_cases[0]: "DECLINED", b_cases[1]: "RECEIVED"}
        assert prov.cases() == {a_cases[0]: "ISSUED", b_cases[0]: "DECLINED"}
        assert a.events(a_cases[0])[-1] == (9, "ho_issue") and prov.events(a_cases[0]) == a.events(a_cases[0])
        assert b.events(b_cases[0]) == prov.events(b_cases[0])
        ra, rb = case_rows(a), case_rows(b)
        assert ra["branches"] == {"GD0101"} and rb["branches"] == {"GD0102"}
        assert not ra["events"] & rb["events"]
        for site in (a, b, prov):
            assert new_name in product_names(site)
            assert read_status(site.store).pending == 0
        # The referred case's page reached the province whole; the other branch never heard of it.
        assert page_files(prov.store).get(sha) == b"scan of the proposal form" * 100
        with b.store.reading() as s:
            assert s.scalar(select(PageBlob.id).where(PageBlob.sha256 == sha)) is None

        # Head office holds every branch row exactly as the branch stores do.
        eng = server_db.make_engine(db_url)
        with eng.connect() as conn:
            server = {r.row_id: json.loads(r.payload) for r in conn.execute(
                text("SELECT row_id, payload FROM rows WHERE table_name = 'proposals'"))}
        eng.dispose()
        for site in (a, b):
            with site.store.reading() as s:
                local = {r["id"]: dict(r) for r in s.execute(text("SELECT * FROM proposals")).mappings()}
            for pid, row in local.items():
                assert server[pid] == row


@pytest.mark.parametrize("first", ["branch", "province"])
def test_a_withdrawal_meeting_a_referred_decision_keeps_the_loser_in_the_inbox(tmp_path: Path, first: str) -> None:
    db_url = new_server_db("sqlite", tmp_path, None)
    with running_server(db_url, tmp_path) as srv:
        a = make_site(tmp_path, srv.url, db_url, "GD0101", "广州分公司")
        prov = make_site(tmp_path, srv.url, db_url, "GD", "广东省分公司", province=True)
        pid = a.new_case(1, refer=True)
        a.sync()
        prov.sync()
        # Both work offline on the same step of the same case.
        a.step(pid, "withdraw", "客户撤回投保")
        prov.step(pid, "ho_issue", who="prov")
        order = (a, prov) if first == "branch" else (prov, a)
        for _ in range(2):
            for site in order:
                site.sync()
        assert a.cases()[pid] == prov.cases()[pid] == "ISSUED", "head office owns referred decisions"
        assert a.events(pid) == prov.events(pid) and a.events(pid)[-1][1] == "ho_issue"
        with a.store.reading() as s:
            lost = s.scalars(select(SyncConflict)).all()
        assert lost, "the losing withdrawal is kept, not dropped"
        assert any('"withdraw"' in c.losing_payload or "WITHDRAWN" in c.losing_payload for c in lost)
        assert read_status(a.store).conflicts_unseen >= 1
