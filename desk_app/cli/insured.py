"""`desk-app insured import CASE FILE`: a case's insured list (被保险人清单) from .xlsx or .csv.

One line per refused row (row, column, reason) on stderr and exit status 2 when any row is refused
(nothing stored); warnings are printed and do not refuse. `--json` prints one JSON document
(rows, totals, errors, warnings) on stdout either way.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desk_app.cli.common import add_operator_arguments, open_store, operator


def _where(issue: Any) -> str:
    row = f"第 {issue.row} 行" if issue.row else "清单"
    column = f"“{issue.column}”列" if issue.column else ""
    if issue.column and issue.letter:
        column = f"“{issue.column}”列（{issue.letter}）"
    return f"{row} {column}".strip()


def _mapping(pairs: list[str]) -> dict[str, str] | None:
    if not pairs:
        return None
    from desk_app.core.errors import InvalidInput

    out = {}
    for pair in pairs:
        key, sep, column = pair.partition("=")
        if not sep or not key.strip():
            raise InvalidInput(f"--map 应写成 字段=列名 或 字段=列字母（如 id_no=身份证号 或 id_no=C），而不是“{pair}”。")
        out[key.strip()] = column.strip()
    return out


def import_command(args: argparse.Namespace) -> int:
    from desk_app.services import insured

    mapping = _mapping(args.map or [])
    store = open_store(args)
    actor = operator(store, args)
    proposal_id = insured.find_proposal(store, args.case)
    outcome = insured.import_list(store, actor=actor, proposal_id=proposal_id, path=Path(args.file),
                                  mapping=mapping, sheet=args.sheet).value
    if args.json:
        print(json.dumps(outcome.as_json(), ensure_ascii=False, indent=1))
    for e in outcome.errors:
        print(f"{_where(e)}：{e.message}", file=sys.stderr)
    if not args.json:
        for w in outcome.warnings:
            print(f"提示：{_where(w)}：{w.message}")
    if not outcome.stored:
        print(f"错误：清单有 {len(outcome.errors)} 处错误，未导入任何被保险人。", file=sys.stderr)
        return 2
    if not args.json:
        replaced = f"，替换第 {outcome.replaced_version} 版（旧版保留在案件历史中）" if outcome.replaced_version else ""
        print(f"已导入案件 {outcome.case_no} 的被保险人清单第 {outcome.version} 版：{outcome.rows} 人，"
              f"保费合计 {outcome.premium_total:,.2f} 元{replaced}。")
    return 0


def add_parsers(commands: Any) -> None:
    parser = commands.add_parser("insured", help="被保险人清单：导入 .xlsx / .csv")
    actions = parser.add_subparsers(dest="insured_action", required=True)
    imp = actions.add_parser("import", help="导入案件的被保险人清单（有错误的行逐行列出，不导入）")
    imp.add_argument("case", help="案件号或投保单号")
    imp.add_argument("file", help=".xlsx 或 .csv（UTF-8 或 GBK）文件")
    imp.add_argument("--sheet", help="工作表名（默认第一个有内容的工作表）")
    imp.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                     help="指定某字段所在的列（列名或列字母），可重复；字段：name id_type id_no gender birth_date "
                          "relation occupation_code occupation_class product_code benefit_level sum_insured "
                          "premium phone")
    imp.add_argument("--json", action="store_true", help="输出 JSON：行数、合计、错误和提示")
    add_operator_arguments(imp, "导入人的用户名")
    imp.set_defaults(func=import_command)
