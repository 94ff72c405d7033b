"""`desk-app entry ...`: double data entry from the command line (what the entry window does).

    entry submit CASE --pass 1|2 --json FILE --as USER     the values of one pass ({"field": "value"})
    entry compare CASE --json --as USER                     settled and differing fields (a reconciler)
    entry reconcile CASE --json FILE --as USER              {"field": {"pick": "1|2|3", "value", "note"}}
    entry next --as USER                                    take the next case from the pool
    entry figures --as USER [--by-field] [--json]           operator figures (supervisors)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

from desk_app.cli.common import add_operator_arguments, open_store, operator


def _refuse(message: str) -> None:
    from desk_app.core.errors import InvalidInput

    raise InvalidInput(message)


def _read_json(path: str) -> Any:
    try:
        return json.loads(Path(path).read_text("utf-8"))
    except OSError as exc:
        _refuse(f"无法读取文件“{path}”：{exc.strerror or exc}。")
    except (ValueError, UnicodeDecodeError):
        _refuse(f"文件“{path}”不是有效的 UTF-8 JSON。")


def _values(path: str) -> dict[str, str]:
    doc = _read_json(path)
    if not isinstance(doc, dict):
        _refuse("录入文件应为 JSON 对象：{\"字段代码\": \"值\", ...}。")
    for key, value in doc.items():
        if not isinstance(value, str):
            _refuse(f"字段“{key}”的值必须是文字（加引号），不能是数字、空值或列表。")
    return doc


def submit_command(args: argparse.Namespace) -> int:
    from desk_app.services import entry

    values = _values(args.json)
    store = open_store(args)
    actor = operator(store, args)
    pid = entry.find_case(store, args.case)
    done = entry.submit_values(store, actor=actor, proposal_id=pid, pass_no=args.pass_no, values=values).value
    if done.comparison is None:
        print(f"{done.case_no} 初录已提交")
    elif done.comparison == "match":
        print(f"{done.case_no} 二录已提交，比对一致")
    else:
        print(f"{done.case_no} 二录已提交，{done.differing} 个字段不一致，待差异处理")
    return 0


def _comparison_json(cmp: Any) -> dict:
    return {"case_no": cmp.case_no, "round": cmp.round, "first_operator": cmp.first_operator,
            "second_operator": cmp.second_operator,
            "settled": {f.field_key: f.settled_value for f in cmp.fields if f.outcome != "pending"},
            "differing": [{"field": f.field_key, "label": f.label, "first": f.first_value, "second": f.second_value,
                           "first_checks": [dataclasses.asdict(c) for c in f.first_checks],
                           "second_checks": [dataclasses.asdict(c) for c in f.second_checks]}
                          for f in cmp.differing],
            "outcomes": {f.field_key: f.outcome for f in cmp.fields}}


def _print_comparison(cmp: Any, as_json: bool) -> None:
    if as_json:
        print(json.dumps(_comparison_json(cmp), ensure_ascii=False, indent=1))
        return
    print(f"{cmp.case_no} 第 {cmp.round} 轮：初录 {cmp.first_operator}，二录 {cmp.second_operator}；"
          f"{len(cmp.fields) - len(cmp.differing)} 个字段已确定，{len(cmp.differing)} 个待处理")
    for f in cmp.differing:
        print(f"  {f.field_key}（{f.label}）：1=“{f.first_value}” 2=“{f.second_value}”")


def compare_command(args: argparse.Namespace) -> int:
    from desk_app.services import entry

    store = open_store(args)
    actor = operator(store, args)
    _print_comparison(entry.comparison(store, actor=actor, proposal_id=entry.find_case(store, args.case)), args.json)
    return 0


def reconcile_command(args: argparse.Namespace) -> int:
    from desk_app.services import entry

    doc = _read_json(args.json)
    if not isinstance(doc, dict) or not doc:
        _refuse("差异处理文件应为 JSON 对象：{\"字段代码\": {\"pick\": \"1\"|\"2\"|\"3\", \"value\": \"...\"}}。")
    choices = []
    for key, item in doc.items():
        if not isinstance(item, dict) or not all(isinstance(item.get(k, ""), str) for k in ("pick", "value", "note")):
            _refuse(f"字段“{key}”的处理应为 {{\"pick\": \"1\"|\"2\"|\"3\", \"value\": \"...\", \"note\": \"...\"}}，且都是文字。")
        unknown = set(item) - {"pick", "value", "note"}
        if unknown:
            _refuse(f"字段“{key}”的处理有未知的项“{'、'.join(sorted(unknown))}”。")
        choices.append(entry.Choice(key, item.get("pick", ""), item.get("value", ""), item.get("note", "")))
    store = open_store(args)
    actor = operator(store, args)
    done = entry.reconcile(store, actor=actor, proposal_id=entry.find_case(store, args.case), choices=choices).value
    _print_comparison(done, args.json_out)
    return 0


def next_command(args: argparse.Namespace) -> int:
    from desk_app.services import entry

    store = open_store(args)
    task = entry.next_task(store, actor=operator(store, args)).value
    if task is None:
        print("没有等待您录入的案件。")
        return 0
    name = "初录" if task.pass_no == 1 else "二录"
    print(f"{task.case_no} {name} 第 {task.round} 轮，{len(task.fields)} 个字段")
    return 0


def figures_command(args: argparse.Namespace) -> int:
    from desk_app.services import entry

    store = open_store(args)
    rows = entry.operator_figures(store, actor=operator(store, args), by_field=args.by_field)
    if args.json:
        print(json.dumps([dataclasses.asdict(r) | {"kept_rate": r.kept_rate} for r in rows], ensure_ascii=False,
                         indent=1))
        return 0
    print("录入员\t字段\t件数\t字段数\t击键\t差异\t被采纳\t有效分钟")
    for r in rows:
        print(f"{r.display_name}\t{r.field_key or '合计'}\t{r.cases}\t{r.fields_keyed}\t{r.keystrokes}\t"
              f"{r.differences}\t{r.kept}\t{r.active_minutes:.1f}")
    return 0


def add_parsers(commands: Any) -> None:
    group = commands.add_parser("entry", help="双录入：初录、二录、比对、差异处理、录入员统计")
    sub = group.add_subparsers(dest="entry_command", required=True)

    p = sub.add_parser("submit", help="提交一遍录入（JSON 文件：{\"字段代码\": \"值\"}）")
    p.add_argument("case", help="案件号或投保单号")
    p.add_argument("--pass", dest="pass_no", type=int, choices=(1, 2), required=True, help="1 初录 / 2 二录")
    p.add_argument("--json", required=True, help="录入值文件（JSON）")
    add_operator_arguments(p, "录入员用户名")
    p.set_defaults(func=submit_command)

    p = sub.add_parser("compare", help="比对结果：已确定的字段和待处理的差异")
    p.add_argument("case", help="案件号或投保单号")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_operator_arguments(p, "差异处理人用户名（不能是本案的初录或二录人员）")
    p.set_defaults(func=compare_command)

    p = sub.add_parser("reconcile", help="差异处理（JSON 文件：{\"字段代码\": {\"pick\": \"1|2|3\", \"value\": \"...\"}}）")
    p.add_argument("case", help="案件号或投保单号")
    p.add_argument("--json", required=True, help="处理决定文件（JSON）")
    p.add_argument("--json-out", action="store_true", help="以 JSON 输出处理后的比对结果")
    add_operator_arguments(p, "差异处理人用户名")
    p.set_defaults(func=reconcile_command)

    p = sub.add_parser("next", help="从工作池领取下一件（先领指派给您的，再按等待时间最久）")
    add_operator_arguments(p, "录入员用户名")
    p.set_defaults(func=next_command)

    p = sub.add_parser("figures", help="录入员工作量与准确率（业务主管）")
    p.add_argument("--by-field", action="store_true", help="按字段分列")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_operator_arguments(p, "业务主管用户名")
    p.set_defaults(func=figures_command)
