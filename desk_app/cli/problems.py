"""`desk-app check` and `desk-app problem ...`: validation rules and problem cases (问题件).

    check CASE [--json] --as USER                 run the rules on the case's keyed values, keep the run
    problem list [--all] [--agent CODE] [--json]  the queue: soonest due first, countdown, marks
    problem counts [--json]                       problem cases by agent, items by rule
    problem show PROBLEM_NO [--json]              one problem case: items and steps
    problem raise CASE --item CODE:TEXT[:FIELD] ... [--reason R] --as USER
    problem notice PROBLEM_NO [--pdf FILE] --as USER
    problem reply PROBLEM_NO [--note TEXT] [--page ID ...] --as USER
    problem resolve PROBLEM_NO [--field KEY ...] --reason R --as USER
    problem withdraw PROBLEM_NO --reason R --as USER
    problem reopen PROBLEM_NO --reason R --as USER
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

from desk_app.cli.common import add_operator_arguments, open_store, operator

# `check` exits with this when a blocking finding stops the case (2 stays a refusal).
BLOCKED = 3


def _refuse(message: str) -> None:
    from desk_app.core.errors import InvalidInput

    raise InvalidInput(message)


def _plain(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return v


def _run_json(run: Any) -> dict:
    return {"run_no": run.run_no, "at": run.at.isoformat(), "rules_version": run.rules_version,
            "passed": run.passed, "blocking": len(run.blocking), "warnings": len(run.warnings),
            "findings": [{"code": f.code, "severity": f.severity.value, "fields": list(f.fields),
                          "message": f.message} for f in run.findings]}


def check_command(args: argparse.Namespace) -> int:
    from desk_app.services import entry, validation

    store = open_store(args)
    actor = operator(store, args)
    run = validation.check_case(store, actor=actor, proposal_id=entry.find_case(store, args.case)).value
    if args.json:
        print(json.dumps(_run_json(run), ensure_ascii=False, indent=1))
    else:
        print(f"第 {run.run_no} 次校验（规则版本 {run.rules_version}）：{len(run.blocking)} 项不通过，"
              f"{len(run.warnings)} 项提示")
        for f in run.findings:
            mark = "×" if f.severity.value == "blocking" else "!"
            print(f"  {mark} {f.code} {f.message}")
    return 0 if run.passed else BLOCKED


def _problem_json(v: Any) -> dict:
    d = _plain(dataclasses.asdict(v))
    d["status_label"] = v.status_label
    d["countdown"]["text"] = v.countdown.text
    return d


def _print_problem(v: Any) -> None:
    due = f"，期限 {v.countdown.due_at:%Y-%m-%d %H:%M}（{v.countdown.text}）" if v.countdown.due_at else ""
    print(f"{v.problem_no} 案件 {v.case_no} {v.applicant_name}：{v.status_label}{due}")
    for i in v.items:
        where = f"［{i.field_label}］" if i.field_label else ""
        print(f"  {'○' if i.status == 'open' else '√'} {i.code}{where} {i.description}")


def list_command(args: argparse.Namespace) -> int:
    from desk_app.services import problems

    store = open_store(args)
    page = problems.queue_page(store, include_closed=args.all, agent_code=args.agent, limit=args.limit)
    if args.json:
        print(json.dumps({"total": page.total, "warning": page.warning, "overdue": page.overdue,
                          "rows": [_plain(dataclasses.asdict(r)) | {"status_label": r.status_label,
                                                                    "countdown_text": r.countdown.text}
                                   for r in page.rows]}, ensure_ascii=False, indent=1))
        return 0
    print(f"问题件 {page.total} 件（即将到期 {page.warning}，已超期 {page.overdue}）")
    marks = {"warning": "即将到期", "overdue": "已超期"}
    for r in page.rows:
        print(f"{r.problem_no}\t{r.case_no}\t{r.agent_code or '—'}\t{r.status_label}\t{r.items} 项\t"
              f"{r.countdown.text or '未发通知'}\t{marks.get(r.countdown.mark, '')}")
    return 0


def counts_command(args: argparse.Namespace) -> int:
    from desk_app.services import problems

    c = problems.counts(open_store(args))
    if args.json:
        print(json.dumps(dataclasses.asdict(c), ensure_ascii=False, indent=1))
        return 0
    print("按业务员\t未结\t合计")
    for r in c.by_agent:
        print(f"{r.key or '—'} {r.label}\t{r.active}\t{r.total}")
    print("按规则\t未结\t合计")
    for r in c.by_rule:
        print(f"{r.key} {r.label}\t{r.active}\t{r.total}")
    return 0


def show_command(args: argparse.Namespace) -> int:
    from desk_app.services import problems

    v = problems.problem(open_store(args), problem_no=args.problem_no)
    if args.json:
        print(json.dumps(_problem_json(v), ensure_ascii=False, indent=1))
    else:
        _print_problem(v)
        for e in v.events:
            print(f"  {e.seq}. {e.at:%Y-%m-%d %H:%M} {e.actor_name} {e.action_label}" + (f"：{e.reason}" if e.reason else ""))
    return 0


def _items(texts: list[str]) -> list:
    from desk_app.services.problems import ItemSpec

    out = []
    for text in texts:
        parts = text.split(":")
        if len(parts) not in (2, 3) or not parts[0].strip() or not parts[1].strip():
            _refuse(f"问题项“{text}”的格式应为 代码:说明 或 代码:说明:字段代码。")
        out.append(ItemSpec(parts[0].strip(), parts[1].strip(), parts[2].strip() if len(parts) == 3 else None))
    return out


def raise_command(args: argparse.Namespace) -> int:
    from desk_app.services import entry, problems

    items = _items(args.item)
    store = open_store(args)
    actor = operator(store, args)
    v = problems.raise_problem(store, actor=actor, proposal_id=entry.find_case(store, args.case), items=items,
                               reason=args.reason or "").value
    _print_problem(v)
    return 0


def notice_command(args: argparse.Namespace) -> int:
    from desk_app.services import problems

    target = Path(args.pdf) if args.pdf else None
    if target is not None and not target.parent.is_dir():
        _refuse(f"文件夹“{target.parent}”不存在，通知书无法保存。")
    store = open_store(args)
    actor = operator(store, args)
    paper = problems.issue_notice(store, actor=actor, problem_no=args.problem_no).value
    if target is not None:
        target.write_bytes(paper.pdf)
    print(f"{paper.problem_no} 问题件通知书第 {paper.copy_no} 份已出具，回复期限 "
          f"{paper.due_at.astimezone(_tz()):%Y-%m-%d %H:%M}" + (f"，已保存到 {target}" if target else ""))
    return 0


def _tz() -> Any:
    from desk_app.clock import BRANCH_TZ

    return BRANCH_TZ


def reply_command(args: argparse.Namespace) -> int:
    from desk_app.services import problems

    store = open_store(args)
    actor = operator(store, args)
    v = problems.record_reply(store, actor=actor, problem_no=args.problem_no, page_ids=args.page or [],
                              note=args.note or "").value
    _print_problem(v)
    return 0


def resolve_command(args: argparse.Namespace) -> int:
    from desk_app.services import problems

    store = open_store(args)
    actor = operator(store, args)
    res = problems.resolve(store, actor=actor, problem_no=args.problem_no, fields=args.field or [],
                           reason=args.reason).value
    if res.reentry_round:
        print(f"{res.problem.problem_no} 已解决：{len(args.field)} 个字段进入第 {res.reentry_round} 轮重录（初录、二录）")
    else:
        print(f"{res.problem.problem_no} 已解决，案件 {res.problem.case_no} 现处于 {_label(res.state)} 环节")
    return 0


def _label(state: str) -> str:
    from desk_app.core.workflow import State

    return State(state).label


def withdraw_command(args: argparse.Namespace) -> int:
    from desk_app.services import problems

    store = open_store(args)
    v = problems.withdraw(store, actor=operator(store, args), problem_no=args.problem_no, reason=args.reason).value
    print(f"{v.problem_no} 已撤件，案件 {v.case_no} 结束")
    return 0


def reopen_command(args: argparse.Namespace) -> int:
    from desk_app.services import problems

    store = open_store(args)
    v = problems.reopen(store, actor=operator(store, args), problem_no=args.problem_no, reason=args.reason).value
    _print_problem(v)
    return 0


def add_parsers(commands: Any) -> None:
    p = commands.add_parser(
        "check", help="对案件运行校验规则并保存结果（退出码：0 无阻断项，3 有阻断项，2 拒绝执行）",
        description="对案件的录入值运行校验规则，结果保存在案件上。退出码：0 没有阻断项；3 有阻断项"
                    "（案件不能通过校验）；2 输入有误或无权操作，未做任何更改。")
    p.add_argument("case", help="案件号或投保单号")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_operator_arguments(p, "用户名（录入员、问题件处理员、核保员或业务主管）")
    p.set_defaults(func=check_command)

    group = commands.add_parser("problem", help="问题件：列表、提出、通知书、回复、解决、撤件、重新打开")
    sub = group.add_subparsers(dest="problem_command", required=True)

    p = sub.add_parser("list", help="问题件队列（按回复期限排序，含倒计时与超期标记）")
    p.add_argument("--all", action="store_true", help="也列出已解决和已撤件的")
    p.add_argument("--agent", help="只列出该业务员的问题件")
    p.add_argument("--limit", type=int, default=100, help="最多列出多少件（默认 100）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=list_command)

    p = sub.add_parser("counts", help="按业务员、按规则统计问题件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=counts_command)

    p = sub.add_parser("show", help="一个问题件的问题项和处理经过")
    p.add_argument("problem_no", help="问题件编号")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=show_command)

    p = sub.add_parser("raise", help="人工提出问题件")
    p.add_argument("case", help="案件号或投保单号")
    p.add_argument("--item", action="append", required=True, metavar="CODE:TEXT[:FIELD]",
                   help="问题项：代码:说明[:字段代码]，可重复")
    p.add_argument("--reason", help="原因（默认取第一项的说明）")
    add_operator_arguments(p, "用户名（录入员、问题件处理员、核保员或业务主管）")
    p.set_defaults(func=raise_command)

    p = sub.add_parser("notice", help="出具问题件通知书（首次出具时确定回复期限）")
    p.add_argument("problem_no", help="问题件编号")
    p.add_argument("--pdf", help="通知书 PDF 保存到此文件")
    add_operator_arguments(p, "问题件处理员用户名")
    p.set_defaults(func=notice_command)

    p = sub.add_parser("reply", help="登记回复（扫描通知书二维码时自动登记）")
    p.add_argument("problem_no", help="问题件编号")
    p.add_argument("--note", help="回复内容")
    p.add_argument("--page", action="append", help="已扫描的回复影像页 ID，可重复")
    add_operator_arguments(p, "问题件处理员用户名")
    p.set_defaults(func=reply_command)

    p = sub.add_parser("resolve", help="解决问题件：列出需重录的字段，或不列字段直接重新校验")
    p.add_argument("problem_no", help="问题件编号")
    p.add_argument("--field", action="append", help="需要重新录入的字段代码，可重复")
    p.add_argument("--reason", required=True, help="处理说明")
    add_operator_arguments(p, "问题件处理员用户名")
    p.set_defaults(func=resolve_command)

    for name, func, text in (("withdraw", withdraw_command, "撤件（案件结束）"),
                             ("reopen", reopen_command, "重新打开已解决的问题件")):
        p = sub.add_parser(name, help=text)
        p.add_argument("problem_no", help="问题件编号")
        p.add_argument("--reason", required=True, help="原因")
        add_operator_arguments(p, "问题件处理员用户名")
        p.set_defaults(func=func)
