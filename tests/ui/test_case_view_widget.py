"""The case view: labels, money with thousands separators, local times, reasons in the timeline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from desk_app.core.proposals import CaseDetail, ProductLine
from desk_app.core.workflow import EventView, State
from desk_app.ui.case_view import CaseViewWidget, format_local_time, format_money


def test_money_and_time_formats():
    assert format_money(Decimal("12345678.5")) == "12,345,678.50 元"
    assert format_money(Decimal("0.01")) == "0.01 元"
    assert format_money(None) == "—"
    at = dt.datetime(2026, 3, 2, 1, 30, tzinfo=dt.UTC)
    assert format_local_time(at) == at.astimezone().strftime("%Y-%m-%d %H:%M")


def test_a_case_with_a_problem_shows_its_reason(qtbot):
    t0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
    history = (
        EventView(1, "receive", "受理", None, State.RECEIVED, "u1", "柜员 周晓梅", t0, ""),
        EventView(2, "raise_problem", "转问题件", State.RECEIVED, State.PROBLEM, "u2", "录入员 孙丽",
                  t0 + dt.timedelta(hours=3), "被保险人清单未盖公章"),
    )
    detail = CaseDetail(
        "pid", "GD010120260302000001", "T044000001", "GROUP", "广州市天河科技有限公司", "91440101MA5D0000X1",
        "C01", "软件和信息技术服务业", "broker", "BR001", "明亚保险经纪", Decimal("0.08"), "AG1001", "张伟", 120,
        Decimal("60000000.00"), Decimal("123456.78"), 12, dt.date(2026, 3, 1), dt.date(2026, 3, 2), "无",
        State.PROBLEM, t0 + dt.timedelta(hours=3),
        (ProductLine("GL01", "A", Decimal("60000000.00"), Decimal("123456.78")),), history,
    )
    view = CaseViewWidget()
    qtbot.addWidget(view)
    assert view.detail is None and "双击" in view.message_label.text()
    view.show_case(detail)
    assert view.title_label.text() == "案件 GD010120260302000001"
    assert view.state_label.text() == "问题件"
    assert view.fields["sum_insured"].text() == "60,000,000.00 元"
    assert view.fields["premium"].text() == "123,456.78 元"
    assert view.fields["business_type"].text() == "团险"
    assert view.fields["source"].text() == "经纪"
    assert view.fields["intermediary"].text() == "BR001 明亚保险经纪（手续费 8.00%）"
    assert view.fields["term"].text() == "12 个月"
    assert "GL01" in view.products_label.text() and "60,000,000.00 元" in view.products_label.text()
    rows = view.timeline_rows()
    assert rows == [
        (format_local_time(t0), "受理", "受理", "柜员 周晓梅", ""),
        (format_local_time(history[1].at), "转问题件", "受理 → 问题件", "录入员 孙丽", "被保险人清单未盖公章"),
    ]
    view.show_message("找不到该案件。")
    assert view.detail is None and view.message_label.text() == "找不到该案件。"
