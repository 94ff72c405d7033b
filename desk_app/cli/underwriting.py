"""`desk-app uw ...`: underwriting (核保) within authority.

    uw queue [--json] --as USER                  cases waiting for this underwriter (or the province)
    uw show CASE [--json] --as USER              keyed data, rule results, issues with facts, decisions
    uw decide CASE --decision standard|loading|exclusion|postpone|decline [--percent N] [--text T]
              --reason R --as USER               one decision within the user's authority
    uw refer CASE --reason R --as USER           send the case up to the provincial office (上报)

Refusals print one Chinese sentence and exit 2; nothing is changed.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
from decimal import Decimal
from typing import Any

from desk_app.cli.common import add_operator_arguments, open_store, operator


def _plain(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    if hasattr(v, "value") and isinstance(v.value, str):  # enums
        return v.value
    return v


def _yuan(v: Decimal | None) -> str:
    return "—" if v is None else f"{v:,.2f}"


def queue_command(args: argparse.Namespace) -> int:
    from desk_app.services import underwriting

    store = open_store(args)
    rows = underwriting.queue(store, actor=operator(store, args))
    if args.json:
        print(json.dumps([_plain(dataclasses.asdict(r)) for r in rows], ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        marks = ("" if r.within_authority else " 超权限") + ("" if r.may_decide else " 回避")
        print(f"{r.case_no} {r.state_label} {r.applicant_name} 总保额 {_yuan(r.sum_insured_total)} 元 "
              f"核保问题 {r.open_issues} 项{('：' + '、'.join(r.issue_types)) if r.issue_types else ''}{marks}")
    print(f"共 {len(rows)} 件")
    return 0


def show_command(args: argparse.Namespace) -> int:
    from desk_app.services import entry, underwriting

    store = open_store(args)
    actor = operator(store, args)
    v = underwriting.show(store, actor=actor, proposal_id=entry.find_case(store, args.case))
    if args.json:
        print(json.dumps(_plain(dataclasses.asdict(v)), ensure_ascii=False, indent=1))
        return 0
    print(f"案件 {v.case_no}（投保单 {v.proposal_no}）{v.applicant_name}：{v.state_label}")
    print(f"  总保额 {_yuan(v.sum_insured_total)} 元，保费 {_yuan(v.premium_total)} 元，被保险人 {v.insured_count} 人"
          + (f"，保单号 {v.policy_no}" if v.policy_no else ""))
    for label, value in v.summary:
        print(f"  {label}：{value}")
    if v.run is not None:
        print(f"校验（第 {v.run.run_no} 次）：{len(v.run.blocking)} 项不通过，{len(v.run.warnings)} 项提示")
        for f in v.run.findings:
            print(f"  {'×' if f.severity.value == 'blocking' else '!'} {f.code} {f.message}")
    print(f"核保问题 {len(v.issues)} 项：")
    for i in v.issues:
        print(f"  [{i.issue_type} {i.type_label}] {i.message}（金额 {_yuan(i.amount)}，{i.status}）")
        print(f"      {json.dumps(i.facts, ensure_ascii=False)}")
    for c in v.authority:
        if not c.within:
            print(f"  超权限：{c.message}")
    for d in v.decisions:
        print(f"决定 {d.seq}：{d.decision_label} {d.actor_name}（{d.authority_level} 级，{d.org_code}）{d.reason}")
    if v.refusal:
        print(f"您不能承保本案：{v.refusal}")
    return 0


def decide_command(args: argparse.Namespace) -> int:
    from desk_app.services import entry, underwriting

    store = open_store(args)
    actor = operator(store, args)
    out = underwriting.decide(store, actor=actor, proposal_id=entry.find_case(store, args.case),
                              decision=args.decision, reason=args.reason, loading_percent=args.percent,
                              exclusion=args.text or "").value
    label = underwriting.DECISION_LABELS[out.decision]
    print(f"案件 {out.case_no}：{label}" + (f"，保单号 {out.policy_no}" if out.policy_no else ""))
    return 0


def refer_command(args: argparse.Namespace) -> int:
    from desk_app.services import entry, underwriting

    store = open_store(args)
    actor = operator(store, args)
    out = underwriting.refer(store, actor=actor, proposal_id=entry.find_case(store, args.case), reason=args.reason).value
    print(f"案件 {out.case_no} 已上报省公司")
    return 0


def add_parsers(commands: Any) -> None:
    group = commands.add_parser("uw", help="核保：队列、案件、核保决定、上报省公司")
    sub = group.add_subparsers(dest="uw_command", required=True)

    p = sub.add_parser("queue", help="等待核保的案件（省公司核保人员：已上报的案件）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_operator_arguments(p, "核保员用户名")
    p.set_defaults(func=queue_command)

    p = sub.add_parser("show", help="一个案件的录入数据、校验结果、核保问题与决定")
    p.add_argument("case", help="案件号或投保单号")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_operator_arguments(p, "核保员用户名")
    p.set_defaults(func=show_command)

    p = sub.add_parser("decide", help="核保决定：standard 标准体、loading 加费、exclusion 除外、postpone 延期、decline 拒保")
    p.add_argument("case", help="案件号或投保单号")
    p.add_argument("--decision", required=True, help="standard|loading|exclusion|postpone|decline")
    p.add_argument("--percent", default=None, help="加费比例（%%），仅 loading")
    p.add_argument("--text", default=None, help="除外责任内容，仅 exclusion")
    p.add_argument("--reason", default="", help="原因（延期、拒保必填）")
    add_operator_arguments(p, "核保员用户名")
    p.set_defaults(func=decide_command)

    p = sub.add_parser("refer", help="超权限案件上报省公司")
    p.add_argument("case", help="案件号或投保单号")
    p.add_argument("--reason", default="", help="上报原因（必填）")
    add_operator_arguments(p, "核保员用户名")
    p.set_defaults(func=refer_command)
