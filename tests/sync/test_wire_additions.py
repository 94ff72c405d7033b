"""The two additions within protocol version 1: `max_push_items` in the status and pull pages with
embedded rows. Each is asked for by the newer side; the older side's shape must still be read."""

from __future__ import annotations

import datetime as dt

import orjson
import pytest

from sync_server import protocol as p

ROWS = [(1, "upsert", "proposals", "a", 1, '{"id": "a", "note": "say \\"hi\\"\\n", "n": 1.5}'),
        (2, "delete", "case_events", "b", 2, '{"id": "b"}')]


def test_a_status_without_max_push_items_means_the_old_limit() -> None:
    old = {"device_id": "d", "org_code": "GD0101", "org_name": "x", "server_time": dt.datetime.now(dt.UTC).isoformat(),
           "head": 0}
    assert p.StatusResponse.model_validate_json(orjson.dumps(old)).max_push_items == p.MAX_PUSH_ITEMS


def test_push_body_limit_is_the_one_given() -> None:
    body = p.encode_push_request([p.Change(f"change{i:04d}", "proposals", "a", None, "{}") for i in range(6)])
    assert len(p.decode_push_request(body, 6)) == 6
    with pytest.raises(p.WireError):
        p.decode_push_request(body, 5)


@pytest.mark.parametrize("embedded", [False, True])
def test_pull_pages_of_either_shape_give_the_same_changes_and_rows(embedded: bool) -> None:
    page = p.decode_pull_response(p.encode_pull_response(ROWS, 7, True, embedded=embedded))
    assert (page.cursor, page.more) == (7, True)
    assert [c[:5] for c in page.changes] == [r[:5] for r in ROWS]
    rows = page.rows if embedded else [orjson.loads(c.payload) for c in page.changes]
    assert rows == [orjson.loads(r[5]) for r in ROWS]
    assert (page.rows is None) is (not embedded)


@pytest.mark.parametrize(("item", "named"), [
    ([1, "upsert", "t", "r", 1, "{}"], "row"), ([1, "merge", "t", "r", 1, {}], "op"),
    ([1, ["upsert"], "t", "r", 1, {}], "op"), (["1", "upsert", "t", "r", 1, {}], "seq"),
    ([1, "upsert", "t", "r", 1], "6 项"), ({"seq": 1}, r"changes\[1\] 不是")])
def test_a_bad_embedded_item_is_named(item: object, named: str) -> None:
    body = orjson.dumps({"changes": [[1, "upsert", "t", "r", 1, {}], item], "cursor": 2, "more": False})
    with pytest.raises(p.WireError, match=named):
        p.decode_pull_response(body)
