"""The head-office API on SQLite and on real PostgreSQL: enrolment, push/pull, refusals, blobs."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from sync_server import db as server_db
from sync_server import protocol as p
from sync_server.models import Blob, Device, RowState
from sync_server.orgs import revoke_device
from tests.server.harness import enrolment_code


def hdrs(token: str | None = None, *, protocol: str = str(p.PROTOCOL_VERSION),
         skew: dt.timedelta = dt.timedelta(0)) -> dict[str, str]:
    h = {p.HEADER_PROTOCOL: protocol, p.HEADER_CLIENT_TIME: (dt.datetime.now(dt.UTC) + skew).isoformat()}
    if token:
        h["Authorization"] = f"Bearer {token}"
    return h


def enrol(client: TestClient, db_url: str, org: str) -> str:
    r = client.post("/v1/enrol", headers=hdrs(), json={"code": enrolment_code(db_url, org), "device_name": org})
    assert r.status_code == 200, r.text
    return r.json()["token"]


def filled(table: str, row: dict) -> dict:
    """`row` with every column a branch store requires (head office refuses a row without one)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    for column in p.REQUIRED_COLUMNS.get(table, ()):
        timed = column.endswith("_at") or column in ("at", "state_since")
        row.setdefault(column, now if timed else 1)
    return row


def change(org: str, *, row_id: str | None = None, table: str = "proposals", **fields: object) -> dict:
    row_id = row_id or str(uuid.uuid4())
    row = filled(table, {"id": row_id, "branch_code": org, "state": "RECEIVED", "applicant_name": "单位", **fields})
    return {"change_id": uuid.uuid4().hex, "table": table, "row_id": row_id,
            "payload": json.dumps(row, ensure_ascii=False)}


def push(client: TestClient, token: str, changes: list[dict]) -> list[dict]:
    r = client.post("/v1/push", headers=hdrs(token), json={"changes": changes})
    assert r.status_code == 200, r.text
    return r.json()["results"]


def pull_all(client: TestClient, token: str, limit: int = 1000) -> list[dict]:
    out, cursor = [], 0
    while True:
        r = client.get("/v1/pull", headers=hdrs(token), params={"cursor": cursor, "limit": limit})
        assert r.status_code == 200, r.text
        page = r.json()
        out += page["changes"]
        assert page["cursor"] >= cursor
        cursor = page["cursor"]
        if not page["more"]:
            return out


def test_enrolment_code_is_single_use_and_the_token_is_stored_hashed(client: TestClient, db_url: str) -> None:
    code = enrolment_code(db_url, "GD0101")
    r = client.post("/v1/enrol", headers=hdrs(), json={"code": code.lower(), "device_name": "pc1"})
    assert r.status_code == 200 and r.json()["org_code"] == "GD0101"
    token = r.json()["token"]
    again = client.post("/v1/enrol", headers=hdrs(), json={"code": code, "device_name": "pc2"})
    assert again.status_code == 400 and "注册码" in again.json()["reason"]
    engine = server_db.make_engine(db_url)
    with engine.connect() as conn:
        stored = conn.scalars(select(Device.token_hash)).all()
    engine.dispose()
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]
    assert client.get("/v1/status", headers=hdrs(token)).json()["org_code"] == "GD0101"


def test_unknown_protocol_and_clock_skew_are_refused_with_a_reason(client: TestClient, db_url: str) -> None:
    token = enrol(client, db_url, "GD0101")
    r = client.get("/v1/status", headers=hdrs(token, protocol="99"))
    assert r.status_code == 400 and r.json()["error"] == "protocol_version" and "升级" in r.json()["reason"]
    r = client.get("/v1/status", headers=hdrs(token, skew=dt.timedelta(minutes=7)))
    assert r.status_code == 400 and r.json()["error"] == "clock_skew" and "7 分钟" in r.json()["reason"]
    assert client.get("/v1/status", headers=hdrs(token, skew=dt.timedelta(minutes=4))).status_code == 200


def test_revoked_device_is_refused(client: TestClient, db_url: str) -> None:
    token = enrol(client, db_url, "GD0101")
    device_id = client.get("/v1/status", headers=hdrs(token)).json()["device_id"]
    engine = server_db.make_engine(db_url)
    with engine.begin() as conn:
        revoke_device(conn, device_id)
    engine.dispose()
    r = client.get("/v1/pull", headers=hdrs(token))
    assert r.status_code == 401 and "注销" in r.json()["reason"]


def test_push_applies_once_and_answers_per_item(client: TestClient, db_url: str) -> None:
    token = enrol(client, db_url, "GD0101")
    batch = [change("GD0101") for _ in range(3)]
    assert [x["status"] for x in push(client, token, batch)] == ["applied"] * 3
    assert [x["status"] for x in push(client, token, batch)] == ["already_had"] * 3
    forged = dict(batch[0], payload=batch[0]["payload"].replace("单位", "改过的单位"))
    res = push(client, token, [forged])[0]
    assert res["status"] == "conflict" and "内容" in res["reason"]
    engine = server_db.make_engine(db_url)
    with engine.connect() as conn:
        payloads = conn.scalars(select(RowState.payload)).all()
    engine.dispose()
    assert len(payloads) == 3 and not any("改过的单位" in x for x in payloads)


def test_pull_pages_with_a_server_cursor_and_skips_the_devices_own_changes(client: TestClient, db_url: str) -> None:
    pc1 = enrol(client, db_url, "GD0101")
    pc2 = enrol(client, db_url, "GD0101")
    push(client, pc1, [change("GD0101") for _ in range(25)])
    got = pull_all(client, pc2, limit=10)
    assert len(got) == 25 and [c["seq"] for c in got] == sorted(c["seq"] for c in got)
    assert pull_all(client, pc1) == []


def test_a_malformed_or_refdata_push_is_refused_whole(client: TestClient, db_url: str) -> None:
    token = enrol(client, db_url, "GD0101")
    bad = change("GD0101")
    bad["row_id"] = "other"
    assert client.post("/v1/push", headers=hdrs(token), json={"changes": [bad]}).status_code == 422
    ref = change("GD0101", table="products")
    assert client.post("/v1/push", headers=hdrs(token), json={"changes": [ref]}).status_code == 403


def test_blob_upload_resumes_and_is_present_only_when_whole_and_correct(client: TestClient, db_url: str,
                                                                         tmp_path: Path) -> None:
    token = enrol(client, db_url, "GD0101")
    data = bytes(range(256)) * 4000
    sha = hashlib.sha256(data).hexdigest()
    assert client.post("/v1/blobs/missing", headers=hdrs(token), json={"hashes": [sha]}).json()["missing"] == [sha]
    half = len(data) // 2
    r = client.put(f"/v1/blobs/{sha}", headers=hdrs(token), params={"offset": 0, "total": len(data)},
                   content=data[:half])
    assert r.json() == {"sha256": sha, "present": False, "received": half}
    assert not (tmp_path / "blobs" / sha[:2] / sha[2:4] / sha).exists()
    state = client.get(f"/v1/blobs/{sha}/upload", headers=hdrs(token)).json()
    assert state["received"] == half and not state["present"]
    wrong = client.put(f"/v1/blobs/{sha}", headers=hdrs(token), params={"offset": 0, "total": len(data)},
                       content=data)
    assert wrong.status_code == 409 and wrong.json()["received"] == half
    done = client.put(f"/v1/blobs/{sha}", headers=hdrs(token), params={"offset": half, "total": len(data)},
                      content=data[half:])
    assert done.json()["present"] is True
    assert (tmp_path / "blobs" / sha[:2] / sha[2:4] / sha).read_bytes() == data
    assert client.post("/v1/blobs/missing", headers=hdrs(token), json={"hashes": [sha]}).json()["missing"] == []
    assert client.get(f"/v1/blobs/{sha}", headers=hdrs(token)).content == data
    # A file whose bytes do not hash to its name is discarded, never marked present.
    fake = "0" * 64
    bad = client.put(f"/v1/blobs/{fake}", headers=hdrs(token), params={"offset": 0, "total": 10}, content=b"x" * 10)
    assert bad.status_code == 422 and bad.json()["error"] == "hash_mismatch"
    engine = server_db.make_engine(db_url)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Blob).where(Blob.sha256 == fake)) == 0
    engine.dispose()


def test_a_change_referring_to_a_file_not_uploaded_waits(client: TestClient, db_url: str) -> None:
    token = enrol(client, db_url, "GD0101")
    data = b"page image"
    sha = hashlib.sha256(data).hexdigest()
    page = change("GD0101", table="page_blobs", sha256=sha, size=len(data))
    after = change("GD0101")
    res = push(client, token, [page, after])
    assert [r["status"] for r in res] == ["retry", "retry"] and "影像" in res[0]["reason"]
    client.put(f"/v1/blobs/{sha}", headers=hdrs(token), params={"offset": 0, "total": len(data)}, content=data)
    assert [r["status"] for r in push(client, token, [page, after])] == ["applied", "applied"]


def test_pull_reads_the_lane_index_and_lookups_their_partial_indexes(client: TestClient, db_url: str) -> None:
    """The partial indexes (no `keep` lane, no row without a case / clash key) apply only because
    the queries repeat their conditions literally; a plan without them would scan the feed."""
    from sync_server.bulk_sql import in_
    from sync_server.models import HAS_CASE, HAS_CLASH_KEY
    from sync_server.orgs import device_for_token
    from sync_server.pull import pull_query

    token = enrol(client, db_url, "GD0101")
    push(client, token, [change("GD0101")])
    engine = server_db.make_engine(db_url)
    with engine.begin() as conn:
        device = device_for_token(conn, token)
        pg = conn.dialect.name == "postgresql"
        if pg:
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        explain = "EXPLAIN " if pg else "EXPLAIN QUERY PLAN "

        def plan(query) -> str:
            sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
            return " ".join(str(r[-1]) for r in conn.exec_driver_sql(explain + sql))

        assert "ix_feed_org_lane_seq" in plan(pull_query(conn, device, 0, 10, 100))
        rows = RowState.__table__.c
        assert "ix_rows_case" in plan(select(rows.row_id).where(text(HAS_CASE), rows.case_id == "x"))
        assert "uq_rows_clash" in plan(select(rows.row_id).where(
            rows.table_name == "case_events", text(HAS_CLASH_KEY), in_(conn, rows.clash_key, ["a|1"])))
    engine.dispose()
