"""Hypothesis stateful test: random work at three branches and a province, head office publishing
reference data, syncs in random order over a link that drops requests, drops answers and
duplicates batches. After a final clean sync every copy agrees.

Examples: BRANCHDESK_FULL_SLOW=1 runs 40; otherwise 6 (each builds four real stores).
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select, text

from desk_app.paths import resources_dir
from desk_app.store.models import Product
from desk_app.sync import engine
from desk_app.sync.state import read_status
from desk_app.sync.transport import SyncError, Transport
from sync_server import db as server_db
from sync_server.orgs import add_org
from sync_server.refdata import publish_dir
from tests.e2e.world import Site, make_site
from tests.server.harness import new_server_db, running_server

FULL = os.environ.get("BRANCHDESK_FULL_SLOW") == "1"
_ids = itertools.count(1)


class FlakyTransport(Transport):
    """Loses requests before they arrive, loses answers after the server acted, sends batches twice."""

    def __init__(self, base_url: str, token: str, faults: list[str]) -> None:
        super().__init__(base_url, token)
        self.faults = faults

    def _fault(self) -> str:
        return self.faults.pop(0) if self.faults else "ok"

    def push(self, changes):  # noqa: ANN001, ANN201
        fault = self._fault()
        if fault == "drop_request":
            raise SyncError("模拟：请求丢失", error="network")
        first = super().push(changes)
        if fault == "drop_answer":
            raise SyncError("模拟：应答丢失", error="network")
        if fault == "duplicate":
            second = super().push(changes)
            assert all(r.status in ("already_had", "conflict", "retry") for r in second.results)
            return second
        return first

    def pull(self, cursor: int, limit: int, **kw):  # noqa: ANN201, ANN003
        fault = self._fault()
        if fault == "drop_request":
            raise SyncError("模拟：请求丢失", error="network")
        first = super().pull(cursor, limit, **kw)
        if fault == "drop_answer":
            raise SyncError("模拟：应答丢失", error="network")
        if fault == "duplicate":
            super().pull(cursor, limit, **kw)
        return first


class SyncWorld(RuleBasedStateMachine):
    tmp: Path
    srv_url: str
    db_url: str

    @initialize()
    def build(self) -> None:
        n = next(_ids)
        self.dir = self.tmp / f"ex{n}"
        self.dir.mkdir()
        prov, self.codes = f"P{n:04d}", [f"P{n:04d}B{i}" for i in range(3)]
        eng = server_db.make_engine(self.db_url)
        with eng.begin() as conn:
            add_org(conn, code=prov, name="省公司", parent="HO")
            for c in self.codes:
                add_org(conn, code=c, name="分公司", parent=prov)
        eng.dispose()
        self.branches = [make_site(self.dir, self.srv_url, self.db_url, c, c) for c in self.codes]
        self.province = make_site(self.dir, self.srv_url, self.db_url, prov, prov, province=True)
        self.cases: dict[str, tuple[int, str]] = {}
        self.n = 0
        self.refdata_version = 1

    def sites(self) -> list[Site]:
        return [*self.branches, self.province]

    @rule(b=st.integers(0, 2), refer=st.booleans())
    def intake(self, b: int, refer: bool) -> None:
        self.n += 1
        pid = self.branches[b].new_case(self.n, refer=refer)
        self.cases[pid] = (b, "REFERRED" if refer else "RECEIVED")

    @precondition(lambda self: any(s == "RECEIVED" for _b, s in self.cases.values()))
    @rule(data=st.data())
    def withdraw_or_scan(self, data: st.DataObject) -> None:
        open_cases = sorted(p for p, (_b, s) in self.cases.items() if s == "RECEIVED")
        pid = data.draw(st.sampled_from(open_cases))
        b, _ = self.cases[pid]
        action = data.draw(st.sampled_from(["finish_scan", "withdraw"]))
        self.branches[b].step(pid, action)
        self.cases[pid] = (b, "SCANNED" if action == "finish_scan" else "WITHDRAWN")

    @rule(data=st.data())
    def province_decides(self, data: st.DataObject) -> None:
        here = {p for p, s in self.province.cases().items() if s == "REFERRED"}
        if here:
            pid = data.draw(st.sampled_from(sorted(here)))
            self.province.step(pid, data.draw(st.sampled_from(["ho_issue", "ho_decline"])), who="prov")

    @rule()
    def head_office_publishes(self) -> None:
        self.refdata_version += 1
        folder = self.dir / f"ref{self.refdata_version}"
        shutil.copytree(resources_dir() / "refdata", folder)
        doc = json.loads((folder / "products.json").read_text(encoding="utf-8"))
        doc["version"] = self.refdata_version
        doc["rows"][0]["name"] = f"团体定期寿险 第{self.refdata_version}版"
        (folder / "products.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        eng = server_db.make_engine(self.db_url)
        with eng.begin() as conn:
            publish_dir(conn, folder, targets=[self.province.code])
        eng.dispose()

    @rule(who=st.integers(0, 3), faults=st.lists(st.sampled_from(["ok", "drop_request", "drop_answer", "duplicate"]),
                                                 max_size=6))
    def sync(self, who: int, faults: list[str]) -> None:
        site = self.sites()[who]
        with site.store.reading() as s:
            token = s.execute(text("SELECT device_token FROM sync_state")).scalar()
        try:
            engine.sync_once(site.store, transport=FlakyTransport(self.srv_url, token, list(faults)))
        except SyncError:
            pass

    @invariant()
    def branches_hold_only_their_own_cases(self) -> None:
        for i, site in enumerate(getattr(self, "branches", [])):
            for pid in site.cases():
                assert self.cases[pid][0] == i

    def teardown(self) -> None:
        if not hasattr(self, "branches"):
            return
        for _ in range(3):
            for site in self.sites():
                site.sync()
        referred = set()
        for i, site in enumerate(self.branches):
            mine = {p for p, (b, _s) in self.cases.items() if b == i}
            assert set(site.cases()) == mine
            referred |= {p for p in mine if any(a == "refer" for _n, a in site.events(p))}
            assert read_status(site.store).pending == 0
        assert set(self.province.cases()) == referred
        for pid in referred:
            b, _ = self.cases[pid]
            assert self.branches[b].events(pid) == self.province.events(pid)
            assert self.branches[b].cases()[pid] == self.province.cases()[pid]
        names = set()
        for site in self.sites():
            with site.store.reading() as s:
                names.add(s.scalar(select(Product.name).where(Product.code == "GTL01")))
        assert len(names) == 1, names
        for site in self.sites():
            site.store.close()


@pytest.mark.slow
def test_random_work_and_flaky_sync_converge(tmp_path: Path) -> None:
    db_url = new_server_db("sqlite", tmp_path, None)
    with running_server(db_url, tmp_path) as srv:
        SyncWorld.tmp, SyncWorld.srv_url, SyncWorld.db_url = tmp_path, srv.url, db_url
        run_state_machine_as_test(SyncWorld, settings=settings(
            max_examples=40 if FULL else 6, stateful_step_count=20 if FULL else 12, deadline=None,
            suppress_health_check=list(HealthCheck)))
