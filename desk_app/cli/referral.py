"""`desk-app referral ...`: referred cases (上报) at the provincial office, and their packets.

    referral queue [--json] --as USER             the referred cases of the province's branches
    referral packet CASE --pdf FILE --as USER     the case's referral packet (the PDF the branch made)

The province decides them with `desk-app uw decide CASE ... --as USER` (its HEAD_OFFICE user).
Refusals print one Chinese sentence and exit 2.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from desk_app.cli.common import add_operator_arguments, open_store, operator


def _plain(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    return v


def queue_command(args: argparse.Namespace) -> int:
    from desk_app.services import referral

    store = open_store(args)
    rows = referral.referred_queue(store, actor=operator(store, args))
    if args.json:
        print(json.dumps([{k: _plain(v) for k, v in dataclasses.asdict(r).items()} for r in rows],
                         ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        print(f"{r.case_no} {r.branch_code} {r.applicant_name} 总保额 {r.sum_insured_total:,.2f} 元 "
              f"上报人 {r.referred_by}：{r.reason}" + ("" if r.has_packet else "（上报材料未同步）")
              + (" 超时" if r.overdue else ""))
    print(f"共 {len(rows)} 件")
    return 0


def packet_command(args: argparse.Namespace) -> int:
    from desk_app.services import entry, referral

    store = open_store(args)
    operator(store, args)
    pdf = referral.referral_packet(store, entry.find_case(store, args.case))
    Path(args.pdf).write_bytes(pdf)
    print(f"上报材料已写入 {args.pdf}（{len(pdf):,} 字节）")
    return 0


def add_parsers(commands: Any) -> None:
    group = commands.add_parser("referral", help="上报件：省公司的待审批队列、上报材料")
    sub = group.add_subparsers(dest="referral_command", required=True)

    p = sub.add_parser("queue", help="已上报、等待省公司审批的案件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_operator_arguments(p, "省公司核保人员用户名")
    p.set_defaults(func=queue_command)

    p = sub.add_parser("packet", help="案件的上报材料（PDF）")
    p.add_argument("case", help="案件号或投保单号")
    p.add_argument("--pdf", required=True, help="写入的 PDF 文件")
    add_operator_arguments(p, "用户名")
    p.set_defaults(func=packet_command)
