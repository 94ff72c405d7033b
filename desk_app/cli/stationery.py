"""`desk-app stationery receive|issue|void|lost|destroy|report`: controlled proposal-form numbers."""

from __future__ import annotations

import argparse
import json
from typing import Any

from desk_app.cli.common import add_operator_arguments, open_store, operator

DONE = {"receive": "入库", "issue": "发放", "void": "作废", "lost": "挂失", "destroy": "销毁"}


def stationery_command(args: argparse.Namespace) -> int:
    from desk_app.services import stationery

    store = open_store(args)
    actor = operator(store, args)
    if args.stationery_action == "report":
        rows = stationery.unused_report(store, older_than_days=args.days)
        if args.json:
            print(json.dumps([{"number": r.number, "holder": r.holder, "holder_name": r.holder_name,
                               "issued_at": r.issued_at.isoformat(), "days": r.days} for r in rows],
                             ensure_ascii=False))
        else:
            print(f"发放满 {args.days} 天仍未使用的单证：{len(rows)} 个")
            for r in rows:
                print(f"  {r.number}  {r.holder} {r.holder_name}  发放于 {r.issued_at:%Y-%m-%d}（{r.days} 天）")
        return 0
    result = stationery.change_range(store, actor=actor, action=args.stationery_action, first=args.first,
                                     last=args.last, batch_no=getattr(args, "batch", ""),
                                     holder=getattr(args, "to", ""), reason=getattr(args, "reason", "")).value
    print(f"已{DONE[result.action]} {result.first}–{result.last}，共 {result.count} 个")
    return 0


def add_parsers(commands: Any) -> None:
    stationery_parser = commands.add_parser("stationery", help="单证管理：入库、发放、作废、挂失、销毁、未使用报表（业务主管）")
    actions = stationery_parser.add_subparsers(dest="stationery_action", required=True)
    for name in (*DONE, "report"):
        action_parser = actions.add_parser(name)
        add_operator_arguments(action_parser, "业务主管用户名")
        if name == "report":
            action_parser.add_argument("--days", type=int, default=30, help="发放满多少天仍未使用（按日历日）")
            action_parser.add_argument("--json", action="store_true")
            continue
        action_parser.add_argument("--first", required=True, help="起始单证号，如 T440100001")
        action_parser.add_argument("--last", required=True, help="终止单证号")
        if name == "receive":
            action_parser.add_argument("--batch", required=True, help="总公司下发批次号")
        elif name == "issue":
            action_parser.add_argument("--to", required=True, help="业务员代码，或 * 表示本机构柜面")
        else:
            action_parser.add_argument("--reason", required=True)
    stationery_parser.set_defaults(func=stationery_command)
