"""Branch isolation: every route is tried with another branch's token and with forged
organisation fields; a route added without an attack listed here fails the test.

A request for another organisation's resource is refused (401/403/404/409); a route that
only ever answers about the caller's own organisation (status, pull, blob lists) must ignore
every forged field and show nothing of the other branch.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from sync_server.app import PUBLIC_ROUTES
from tests.server.test_api import change, enrol, hdrs, pull_all, push

PAGE = b"GD0101 page image"
SHA = hashlib.sha256(PAGE).hexdigest()


def _world(client: TestClient, db_url: str) -> dict[str, object]:
    a = enrol(client, db_url, "GD0101")
    b = enrol(client, db_url, "GD0102")
    client.put(f"/v1/blobs/{SHA}", headers=hdrs(a), params={"offset": 0, "total": len(PAGE)}, content=PAGE)
    case = change("GD0101", applicant_name="广州的客户")
    page = change("GD0101", table="page_blobs", sha256=SHA, size=len(PAGE), proposal_id=case["row_id"])
    assert [r["status"] for r in push(client, a, [case, page])] == ["applied", "applied"]
    half = b"partial upload of another file"
    client.put(f"/v1/blobs/{hashlib.sha256(half).hexdigest()}", headers=hdrs(a),
               params={"offset": 0, "total": len(half) * 2}, content=half)
    return {"a": a, "b": b, "case": case, "half": half}


def attack_status(c: TestClient, w: dict) -> list[bool]:
    r = c.get("/v1/status", headers={**hdrs(w["b"]), "X-Org": "GD0101"}, params={"org_code": "GD0101"})
    return [r.status_code == 200 and r.json()["org_code"] == "GD0102"]


def attack_push(c: TestClient, w: dict) -> list[bool]:
    forged = change("GD0101")                                       # a new row claiming branch GD0101
    hijack = change("GD0102", row_id=w["case"]["row_id"])           # GD0101's existing row re-labelled
    event = change("GD0101", table="case_events", proposal_id=w["case"]["row_id"], seq=2)  # onto its case
    out = []
    for ch in (forged, hijack, event):
        r = c.post("/v1/push", headers=hdrs(w["b"]), json={"changes": [ch], "org_code": "GD0101"})
        # A forged organisation refuses the batch (403); a row of the device's own organisation
        # that is another's row is refused on its own, as a conflict (never applied).
        out.append(r.status_code == 403 or (ch is hijack and r.status_code == 200
                                            and r.json()["results"][0]["status"] == "conflict"))
    return out


def attack_pull(c: TestClient, w: dict) -> list[bool]:
    r = c.get("/v1/pull", headers=hdrs(w["b"]), params={"cursor": 0, "org_code": "GD0101", "org": "GD0101"})
    text = r.text
    return [r.status_code == 200 and "广州的客户" not in text and w["case"]["row_id"] not in text]


def attack_missing(c: TestClient, w: dict) -> list[bool]:
    r = c.post("/v1/blobs/missing", headers=hdrs(w["b"]), json={"hashes": [SHA], "org_code": "GD0101"})
    return [r.json()["missing"] == [SHA]]


def attack_upload_state(c: TestClient, w: dict) -> list[bool]:
    r = c.get(f"/v1/blobs/{SHA}/upload", headers=hdrs(w["b"]))
    half = hashlib.sha256(w["half"]).hexdigest()
    r2 = c.get(f"/v1/blobs/{half}/upload", headers=hdrs(w["b"]))
    return [r.json()["present"] is False, r2.json()["received"] == 0]


def attack_put(c: TestClient, w: dict) -> list[bool]:
    # Continuing GD0101's interrupted upload from its offset is refused (the part is per device).
    half = w["half"]
    r = c.put(f"/v1/blobs/{hashlib.sha256(half).hexdigest()}", headers=hdrs(w["b"]),
              params={"offset": len(half), "total": len(half) * 2}, content=half)
    return [r.status_code == 409]


def attack_get_blob(c: TestClient, w: dict) -> list[bool]:
    return [c.get(f"/v1/blobs/{SHA}", headers=hdrs(w["b"])).status_code == 404]


ATTACKS: dict[tuple[str, str], Callable[[TestClient, dict], list[bool]]] = {
    ("GET", "/v1/status"): attack_status,
    ("POST", "/v1/push"): attack_push,
    ("GET", "/v1/pull"): attack_pull,
    ("POST", "/v1/blobs/missing"): attack_missing,
    ("GET", "/v1/blobs/{sha256}/upload"): attack_upload_state,
    ("PUT", "/v1/blobs/{sha256}"): attack_put,
    ("GET", "/v1/blobs/{sha256}"): attack_get_blob,
}


def _routes(client: TestClient) -> set[tuple[str, str]]:
    out = set()
    for route in client.app.routes:
        if isinstance(route, APIRoute) and route.path not in PUBLIC_ROUTES:
            out.update((m, route.path) for m in route.methods)
    return out


def test_every_route_has_an_isolation_attack(client: TestClient) -> None:
    assert _routes(client) == set(ATTACKS), "a new endpoint needs an isolation attack in ATTACKS"


def test_every_route_refuses_another_branch_and_forged_fields(client: TestClient, db_url: str) -> None:
    world = _world(client, db_url)
    results = {key: attack(client, world) for key, attack in ATTACKS.items()}
    failed = {k: v for k, v in results.items() if not all(v)}
    assert not failed, failed
    # The attacks changed nothing: GD0101's data is as it pushed it.
    pc2 = enrol(client, db_url, "GD0101")
    rows = [json.loads(x["payload"]) for x in pull_all(client, pc2)]
    assert {r["branch_code"] for r in rows} == {"GD0101"} and len(rows) == 2


def test_every_route_refuses_requests_without_a_valid_token(client: TestClient) -> None:
    for method, path in _routes(client):
        url = path.replace("{sha256}", "0" * 64)
        for headers in (hdrs(None), hdrs("not-a-token")):
            r = client.request(method, url, headers=headers, params={"offset": 0, "total": 1})
            assert r.status_code == 401, (method, path, r.status_code)
            assert set(r.json()) >= {"error", "reason"}
