"""Stationery management: batches, ranges, refusals that change nothing, the unused report."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import func, select

from desk_app import clock
from desk_app.core import stationery
from desk_app.core.errors import InvalidInput, TransitionRefused
from desk_app.store.models import AuditEntry, StationeryNumber, SyncOutbox
from tests.intake.helpers import snapshot


def run(store, fn, actor, **kw):
    with store.transaction() as s:
        return fn(s, actor=actor, **kw)


def test_receive_ten_thousand_numbers_in_bulk_each_captured_for_sync(demo_store, actors):
    with demo_store.reading() as s:
        outbox = s.scalar(select(func.count()).select_from(SyncOutbox))
    started = time.perf_counter()
    res = run(demo_store, stationery.receive_batch, actors["super"], batch_no="HO-2026-0002",
              first="T450000001", last="T450010000")
    took = time.perf_counter() - started
    assert res.count == 10_000 and took < 10, took
    with demo_store.reading() as s:
        assert s.scalar(select(func.count()).select_from(StationeryNumber)
                        .where(StationeryNumber.prefix == "T", StationeryNumber.serial >= 450000001)) == 10_000
        assert s.scalar(select(func.count()).select_from(SyncOutbox)) == outbox + 10_002  # the batch, its numbers, the audit entry
        assert s.scalar(select(AuditEntry.action).order_by(AuditEntry.seq.desc()).limit(1)) == "stationery.receive"


@pytest.mark.parametrize(("fn", "kw", "message"), [
    (stationery.receive_batch, {"batch_no": "X1", "first": "T440100990", "last": "T440101010"}, "不能入库两次"),
    (stationery.receive_batch, {"batch_no": "HO-2026-0001", "first": "T460000001", "last": "T460000002"}, "已入库"),
    (stationery.issue_range, {"first": "T440100095", "last": "T440100105", "holder": "AG1003"}, "只能发放库存"),
    (stationery.issue_range, {"first": "T440100301", "last": "T440100302", "holder": "AG9999"}, "不存在"),
    (stationery.issue_range, {"first": "T440100999", "last": "T440101002", "holder": "AG1003"}, "不在本机构单证库存中"),
    (stationery.void_range, {"first": "T440100001", "last": "T440100002", "reason": " "}, "必须填写原因"),
    (stationery.report_lost, {"first": "T440100010", "last": "T440100001", "reason": "遗失"}, "止号不能小于起号"),
    (stationery.destroy_range, {"first": "T440100001", "last": "T440100001", "reason": "过期"}, "只能销毁"),
])
def test_range_refusals_change_nothing(demo_store, actors, fn, kw, message):
    before = snapshot(demo_store)
    with pytest.raises(InvalidInput) as err:
        run(demo_store, fn, actors["super"], **kw)
    assert message in err.value.message
    assert snapshot(demo_store) == before


def test_only_a_supervisor_manages_stationery(demo_store, actors):
    before = snapshot(demo_store)
    with pytest.raises(TransitionRefused, match="业务主管"):
        run(demo_store, stationery.issue_range, actors["clerk"], first="T440100301", last="T440100310",
            holder="AG1001")
    assert snapshot(demo_store) == before


def test_void_lost_destroy_record_who_when_why(demo_store, actors):
    run(demo_store, stationery.void_range, actors["super"], first="T440100301", last="T440100310", reason="印刷错误")
    run(demo_store, stationery.destroy_range, actors["super"], first="T440100301", last="T440100305",
        reason="集中销毁")
    run(demo_store, stationery.report_lost, actors["super"], first="T440100011", last="T440100012",
        reason="业务员遗失")
    with demo_store.reading() as s:
        rows = {n.number: n for n in s.scalars(select(StationeryNumber).where(
            StationeryNumber.number.in_(["T440100301", "T440100306", "T440100011"])))}
    assert rows["T440100301"].state == "destroyed" and rows["T440100301"].reason == "集中销毁"
    assert rows["T440100306"].state == "voided" and rows["T440100306"].changed_by == actors["super"].user_id
    assert rows["T440100011"].state == "lost" and rows["T440100011"].reason == "业务员遗失"


def test_unused_report_lists_numbers_issued_more_than_n_days_ago(demo_store, actors):
    long_ago = clock.now() - dt.timedelta(days=85)
    run(demo_store, stationery.issue_range, actors["super"], first="T440100301", last="T440100303",
        holder="AG1004", now=long_ago)
    with demo_store.reading() as s:
        rows = stationery.unused_report(s, older_than_days=30)
        ranges = stationery.available_ranges(s, holder="AG1004")
    assert [(r.number, r.holder, r.holder_name, r.days) for r in rows] == [
        (f"T44010030{i}", "AG1004", "刘芳", 85) for i in (1, 2, 3)]
    assert ranges == [("AG1004", "T440100301", "T440100303", 3)]
