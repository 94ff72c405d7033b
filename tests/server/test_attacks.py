"""The three attacks of a hostile branch PC, tried from outside through a real `sync-server`
process over HTTP, on SQLite and on real PostgreSQL.

GD0101's PC, with its own valid device token, pushes rows of *its own* organisation that point
at GD0102's rows: a page row naming GD0102's page file, events whose actor is a GD0102 user, a
role for that user, and events for the next steps of a GD0102 case. GD0102 is a real branch
store syncing as the desk app does. Nothing of GD0102 may reach GD0101, no password hash may
go down to anyone, and GD0102's sync must go on.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path

import pytest
import requests
from sqlalchemy import select, text

from desk_app.store.models import CaseEvent, PageBlob, User
from desk_app.sync.pages import add_page_file
from desk_app.sync.state import read_status
from sync_server import db as server_db
from tests.e2e.world import Site, make_site
from tests.server.harness import enrolment_code, running_server
from tests.server.test_api import filled, hdrs

PAGE = b"GD0102's scanned proposal form, page 1" * 50


def enrol_http(url: str, db_url: str, org: str) -> str:
    r = requests.post(url + "/v1/enrol", headers=hdrs(),
                      json={"code": enrolment_code(db_url, org), "device_name": f"hostile-{org}"}, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()["token"]


def row(table: str, org: str, **fields: object) -> dict:
    """A change as a hostile PC would write it: its own organisation in branch_code."""
    rid = str(fields.pop("id", uuid.uuid4()))
    payload = filled(table, {"id": rid, "branch_code": org, **fields})
    return {"change_id": uuid.uuid4().hex, "table": table, "row_id": rid, "base_version": None,
            "payload": json.dumps(payload, ensure_ascii=False)}


def push(url: str, token: str, changes: list[dict]) -> list[dict]:
    r = requests.post(url + "/v1/push", headers=hdrs(token), json={"changes": changes}, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()["results"]


def pull_text(url: str, token: str) -> str:
    """Everything the device can pull from the start, both page shapes, as one text."""
    out = []
    for embedded in (0, 1):
        cursor = 0
        while True:
            r = requests.get(url + "/v1/pull", headers=hdrs(token),
                             params={"cursor": cursor, "limit": 500, "rows": embedded}, timeout=60)
            assert r.status_code == 200, r.text
            out.append(r.text)
            page = r.json()
            cursor = page["cursor"]
            if not page["more"]:
                break
    return "\n".join(out)


def victim(site: Site) -> dict[str, str]:
    """What the attacker is assumed to know of GD0102 (ids leak: printed receipts, screenshots)."""
    pid = site.new_case(1)
    with site.store.transaction() as s:
        page = add_page_file(s, site.store, data=PAGE, branch_code=site.code, proposal_id=pid)
        sha = page.sha256
    site.sync()
    with site.store.reading() as s:
        uw = s.scalar(select(User).where(User.username == f"uw{site.code.lower()}"))
        seq = max(e.seq for e in s.scalars(select(CaseEvent).where(CaseEvent.proposal_id == pid)))
    assert uw.password_hash.startswith("$argon2")
    return {"case": pid, "sha": sha, "user": uw.id, "username": uw.username, "seq": str(seq)}


@pytest.mark.parametrize("db", ["sqlite", "postgresql"])
def test_a_hostile_branch_reads_nothing_of_another_and_stalls_nobody(tmp_path: Path, db: str,
                                                                      request: pytest.FixtureRequest) -> None:
    from tests.server.harness import new_server_db

    cluster = request.getfixturevalue("pg") if db == "postgresql" else None
    db_url = new_server_db(db, tmp_path, cluster)
    with running_server(db_url, tmp_path) as srv:
        b = make_site(tmp_path, srv.url, db_url, "GD0102", "佛山分公司")
        prov = make_site(tmp_path, srv.url, db_url, "GD", "广东省分公司", province=True)
        v = victim(b)
        hostile = enrol_http(srv.url, db_url, "GD0101")
        actor = push(srv.url, hostile, [row("users", "GD0101", username="mole", display_name="内鬼",
                                            password_hash="x")])
        assert actor[0]["status"] == "applied"
        mole = json.loads(row("users", "GD0101")["payload"])["id"]  # an id of no user

        # 1. Page images: a referred case of GD0101 whose page row names GD0102's file, in a free
        #    text column and in its hash column (the latter needs the file: GD0101 never uploaded it).
        case = row("proposals", "GD0101", state="REFERRED", applicant_name="诱饵")
        cid = json.loads(case["payload"])["id"]
        own = b"GD0101's own page"
        own_sha = hashlib.sha256(own).hexdigest()
        r = requests.put(f"{srv.url}/v1/blobs/{own_sha}", headers=hdrs(hostile),
                         params={"offset": 0, "total": len(own)}, data=own, timeout=30)
        assert r.json()["present"] is True
        noted = row("page_blobs", "GD0101", proposal_id=cid, sha256=own_sha, note=v["sha"], size=len(own))
        named = row("page_blobs", "GD0101", proposal_id=cid, sha256=v["sha"], size=len(PAGE))
        res = push(srv.url, hostile, [case, noted, named])
        assert [r["status"] for r in res] == ["applied", "applied", "retry"]
        for token in (hostile,):
            r = requests.get(f"{srv.url}/v1/blobs/{v['sha']}", headers=hdrs(token), timeout=30)
            assert r.status_code == 404 and r.json()["error"] == "not_found"
        # The province, which sees GD0101's referred case, is not given GD0102's page by it either.
        prov_token = _token(prov)
        assert requests.get(f"{srv.url}/v1/blobs/{v['sha']}", headers=hdrs(prov_token), timeout=30).status_code == 404

        # 2. Users: an event of GD0101's own case whose actor is GD0102's underwriter, a role for
        #    that underwriter, a scan batch "scanned" by them.
        ev = row("case_events", "GD0101", proposal_id=cid, seq=1, action="register", to_state="RECEIVED",
                 actor_id=v["user"], reason="")
        role = row("user_roles", "GD0101", user_id=v["user"], role="UNDERWRITER")
        batch = row("scan_batches", "GD0101", scanned_by=v["user"], source="file")
        res = push(srv.url, hostile, [ev, role, batch])
        assert [r["status"] for r in res] == ["conflict"] * 3, res
        assert all(r["reason"] and "其他机构" in r["reason"] and r.get("conflict_id") for r in res)
        # A replay gets the same refusal.
        again = push(srv.url, hostile, [ev])
        assert again[0]["status"] == "conflict" and again[0]["reason"] == res[0]["reason"]

        # 3. The stall: events for the next steps of GD0102's case, with GD0101's own branch_code
        #    (and once with GD0102's, which refuses the hostile batch itself).
        nxt = int(v["seq"]) + 1
        steps = [row("case_events", "GD0101", proposal_id=v["case"], seq=nxt + i, action="finish_scan",
                     from_state="RECEIVED", to_state="SCANNED", actor_id=mole, reason="") for i in range(2)]
        res = push(srv.url, hostile, steps)
        assert [r["status"] for r in res] == ["conflict", "conflict"]
        assert "所属案件属于其他机构" in res[0]["reason"]
        forged = row("case_events", "GD0102", proposal_id=v["case"], seq=nxt, actor_id=v["user"])
        r = requests.post(srv.url + "/v1/push", headers=hdrs(hostile), json={"changes": [forged]}, timeout=30)
        assert r.status_code == 403 and r.json()["error"] == "forbidden"

        # GD0102 goes on: its next step goes up, every sync succeeds, nothing stays pending.
        b.step(v["case"], "finish_scan")
        for _ in range(2):
            report = b.sync()
            assert read_status(b.store).pending == 0, report
        assert b.events(v["case"])[-1] == (nxt, "finish_scan")
        # ...and the case then goes up to the province whole, its users as display names only.
        for step in ["first_entry", "second_entry", "compare_match", "validate", "start_underwriting", "refer"]:
            b.step(v["case"], step, "保额超出分公司权限" if step == "refer" else "")
        b.sync()
        prov.sync()
        assert prov.cases().get(v["case"]) == "REFERRED"
        with prov.store.reading() as s:
            remote = s.get(User, v["user"])
            assert remote is not None and remote.display_name == f"uw {b.code}"
            assert not remote.active and remote.authority_level == 0 and remote.username != v["username"]
        # The province may read GD0102's page now (a case referred to it), GD0101 still not.
        assert requests.get(f"{srv.url}/v1/blobs/{v['sha']}", headers=hdrs(prov_token), timeout=30).content == PAGE
        assert requests.get(f"{srv.url}/v1/blobs/{v['sha']}", headers=hdrs(hostile), timeout=30).status_code == 404

        # Nothing of GD0102 reached GD0101, and no password hash went down to anyone.
        seen = pull_text(srv.url, hostile)
        for secret in (v["case"], v["user"], v["username"], "GD0102", "$argon2"):
            assert secret not in seen, secret
        second_b = enrol_http(srv.url, db_url, "GD0102")
        for token in (prov_token, second_b):
            got = pull_text(srv.url, token)
            assert "$argon2" not in got and '"password_hash":"x"' not in got
        assert v["user"] in pull_text(srv.url, second_b)  # its own users do reach it (without hashes)

        # Head office applied none of the hostile rows; the refusals are kept for a person to see.
        eng = server_db.make_engine(db_url)
        with eng.connect() as conn:
            foreign = conn.execute(text("SELECT count(*) FROM rows WHERE case_id = :c AND org_code <> 'GD0102'"),
                                   {"c": v["case"]}).scalar()
            kept = conn.execute(text("SELECT count(*) FROM conflicts WHERE losing_org = 'GD0101'")).scalar()
            applied = conn.execute(text("SELECT count(*) FROM rows WHERE table_name IN ('user_roles', "
                                        "'scan_batches') AND org_code = 'GD0101'")).scalar()
        eng.dispose()
        assert foreign == 0 and applied == 0 and kept == 5
        assert "Traceback" not in (tmp_path / "server.log").read_text(errors="replace")


def _token(site: Site) -> str:
    with site.store.reading() as s:
        return s.execute(text("SELECT device_token FROM sync_state")).scalar()


def test_every_branch_table_says_who_owns_it_and_what_it_points_at() -> None:
    """A new branch table without an owner rule is refused by head office: say it in protocol."""
    import desk_app.store.models as m
    from sync_server import protocol as p

    assert set(p.ROW_OWNERS) == set(p.BRANCH_TABLES)
    md = m.Proposal.metadata
    for table in p.BRANCH_TABLES:
        named = {c for c, _t in p.ROW_REFERENCES.get(table, ())} | set(p.UNCHECKED_REFERENCES.get(table, ()))
        owner = p.ROW_OWNERS[table]
        if isinstance(owner, tuple):
            named.add(owner[0])
        fks = {fk.parent.name for fk in md.tables[table].foreign_keys if fk.column.table.name != "proposals"}
        assert fks <= named, (table, fks - named)
        if any(fk.column.table.name == "proposals" for fk in md.tables[table].foreign_keys):
            assert owner == p.OWNED_BY_CASE, table
    assert PageBlob.__tablename__ in p.CASE_TABLES
    for table in p.BRANCH_TABLES:
        required = tuple(c.name for c in md.tables[table].columns if not c.nullable and c.server_default is None
                         and not c.primary_key and c.name != "branch_code")
        assert p.REQUIRED_COLUMNS[table] == required, table
