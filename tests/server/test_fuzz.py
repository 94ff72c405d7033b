"""Property-based fuzz of every route, through a real `sync-server` process over HTTP, on SQLite
and on real PostgreSQL: whatever a request holds, the answer is never a 500, every refusal is
`{error, reason}`, and the server log holds no traceback.

Strategies are built from the routes' parameters and the protocol's models: well-formed values
mixed with the edges (integers past 64 bits, NUL and other control characters, ids longer than
their columns, malformed hashes, nested values where a row has scalars, non-JSON bodies).
Default: about 1,600 requests per database; BRANCHDESK_FULL_SLOW=1: 8,000.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync_server import protocol as p
from sync_server.app import create_app
from tests.server.harness import PgCluster, ServerProcess, enrolment_code, new_server_db
from tests.server.test_api import hdrs

FULL = os.environ.get("BRANCHDESK_FULL_SLOW") == "1"
PER_ROUTE = 1000 if FULL else 200

BIG = st.one_of(st.integers(), st.integers(min_value=2**63 - 3, max_value=2**63 + 3),
                st.integers(min_value=-(2**64), max_value=-(2**63) + 3), st.just(10**40), st.just(-(10**40)))
NASTY_TEXT = st.one_of(st.text(max_size=20), st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
                       st.just("\x00"), st.just("a\x00b"), st.just("x" * 300), st.just("0" * 64), st.just("A" * 64),
                       st.just("../../etc/passwd"), st.just("'; DROP TABLE rows; --"), st.just("%00"))
SCALAR = st.one_of(st.none(), st.booleans(), BIG, st.floats(allow_nan=False, allow_infinity=False), NASTY_TEXT)
JSONISH = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                       max_leaves=12)
QUERY = st.one_of(BIG.map(str), NASTY_TEXT, st.just(""))
SHA = st.one_of(NASTY_TEXT, st.text(alphabet="0123456789abcdef", min_size=63, max_size=65), st.just("0" * 64))
COLUMNS = ["id", "branch_code", "proposal_id", "seq", "actor_id", "user_id", "batch_id", "sha256", "original_sha256",
           "mac", "state", "scanned_by", "received_by", "note"]


@st.composite
def row_payload(draw: st.DrawFn, table: str, row_id: str) -> str:
    """A row as a branch would send it, with some of its columns replaced by nasty values."""
    row: dict[str, Any] = {"id": row_id, "branch_code": draw(st.sampled_from(["GD0101", "GD0102", "HO", "x"])),
                           "state": "REFERRED", "seq": draw(st.integers(0, 5)), "mac": "m"}
    if table != "proposals":
        row["proposal_id"] = draw(st.one_of(st.just(str(uuid.uuid4())), st.none()))
    for col in draw(st.lists(st.sampled_from(COLUMNS), max_size=4)):
        row[col] = draw(JSONISH)
    if draw(st.booleans()):
        return json.dumps(row, ensure_ascii=False)
    return draw(st.one_of(st.text(max_size=30), JSONISH.map(json.dumps)))


@st.composite
def change(draw: st.DrawFn) -> Any:
    table = draw(st.one_of(st.sampled_from(p.BRANCH_TABLES), NASTY_TEXT))
    row_id = draw(st.one_of(st.just(str(uuid.uuid4())), NASTY_TEXT))
    item: dict[str, Any] = {"change_id": draw(st.one_of(st.just(uuid.uuid4().hex), NASTY_TEXT)), "table": table,
                            "row_id": row_id, "base_version": draw(st.one_of(st.none(), BIG)),
                            "payload": draw(row_payload(table, row_id if isinstance(row_id, str) else ""))}
    for key in draw(st.lists(st.sampled_from(list(item)), max_size=2, unique=True)):
        if draw(st.booleans()):
            del item[key]
        else:
            item[key] = draw(JSONISH)
    return item


BODY = st.one_of(st.binary(max_size=60), JSONISH.map(lambda v: json.dumps(v).encode()))
PUSH_BODY = st.one_of(st.lists(change(), max_size=5).map(lambda c: json.dumps({"changes": c}).encode()), BODY)
ENROL_BODY = st.one_of(
    st.fixed_dictionaries({"code": st.one_of(NASTY_TEXT, BIG, st.just("ABCD-EFGH-JKLM-NPQR")),
                           "device_name": st.one_of(NASTY_TEXT, BIG)}).map(lambda d: json.dumps(d).encode()),
    BODY)
MISSING_BODY = st.one_of(st.fixed_dictionaries({"hashes": st.lists(SHA, max_size=4)}).map(lambda d: json.dumps(d).encode()),
                         BODY)


@st.composite
def headers(draw: st.DrawFn, token: str) -> dict[str, str]:
    h = hdrs(token)
    if draw(st.integers(0, 9)) == 0:
        key = draw(st.sampled_from(list(h)))
        h[key] = draw(st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), max_size=40))
    return h


@st.composite
def request_for(draw: st.DrawFn, method: str, path: str, token: str) -> dict[str, Any]:
    """One request to the route: its parameters drawn from their types and edges."""
    url = path.replace("{sha256}", quote(draw(SHA), safe="") or "x")
    params = {name: draw(QUERY) for name in draw(st.lists(
        st.sampled_from(["cursor", "limit", "rows", "audit_seq", "audit_mac", "offset", "total"]), max_size=4))}
    body = None
    if path == "/v1/push":
        body = draw(PUSH_BODY)
    elif path == "/v1/enrol":
        body = draw(ENROL_BODY)
    elif path == "/v1/blobs/missing":
        body = draw(MISSING_BODY)
    elif method == "PUT":
        body = draw(st.binary(max_size=64))
        params.setdefault("offset", draw(st.one_of(st.just("0"), QUERY)))
        params.setdefault("total", draw(st.one_of(st.just(str(len(body))), QUERY)))
    return {"method": method, "url": url, "params": params, "data": body, "headers": draw(headers(token))}


def routes() -> list[tuple[str, str]]:
    app = create_app("sqlite://", Path("/tmp/bd-fuzz-routes"))
    out = sorted((m, r.path) for r in app.routes if isinstance(r, APIRoute) for m in r.methods)
    app.state.engine.dispose()
    return out


ROUTES = routes()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    tmp = tmp_path_factory.mktemp(f"fuzz-{request.param}")
    cluster: PgCluster | None = request.getfixturevalue("pg") if request.param == "postgresql" else None
    db_url = new_server_db(request.param, tmp, cluster)
    srv = ServerProcess(db_url, tmp / "blobs", tmp / "server.log").start()
    try:
        r = requests.post(srv.url + "/v1/enrol", headers=hdrs(),
                          json={"code": enrolment_code(db_url, "GD0101"), "device_name": "fuzz"}, timeout=30)
        yield srv.url, r.json()["token"], tmp / "server.log"
    finally:
        srv.stop()
    log = (tmp / "server.log").read_text(errors="replace")
    assert "Traceback" not in log and "Exception in ASGI" not in log, log[-3000:]


def check(resp: requests.Response, req: dict[str, Any]) -> None:
    assert resp.status_code < 500, (req, resp.status_code, resp.text[:500])
    if resp.status_code >= 400:
        body = resp.json()
        assert isinstance(body.get("error"), str) and isinstance(body.get("reason"), str), (req, body)


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_no_request_gets_a_500(server: tuple[str, str, Path], method: str, path: str) -> None:
    url, token, _log = server
    session = requests.Session()

    @settings(max_examples=PER_ROUTE, deadline=None, derandomize=not FULL,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture])
    @given(req=request_for(method, path, token))
    def run(req: dict[str, Any]) -> None:
        req = dict(req, url=url + req["url"])
        check(session.request(timeout=60, **req), req)

    run()


def test_every_route_is_fuzzed() -> None:
    """The fuzz covers the app's routes as they are (a new route is fuzzed without a change here)."""
    paths = {path for _m, path in ROUTES}
    assert {"/v1/push", "/v1/pull", "/v1/enrol", "/v1/blobs/{sha256}", "/v1/blobs/missing"} <= paths
    assert all(path.startswith("/v1/") for path in paths)

