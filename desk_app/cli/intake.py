"""`desk-app intake --json FILE`: one proposal taken in, with the counter screen's rules and paper."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

from desk_app.cli.common import add_operator_arguments, open_store, operator


def intake_command(args: argparse.Namespace) -> int:
    from desk_app.services import intake

    request = intake.read_description(Path(args.json))
    if args.confirm_past_date:
        request = dataclasses.replace(request, confirm_past_date=True)
    if args.confirm_duplicates:
        request = dataclasses.replace(request, confirm_duplicates=True)
    store = open_store(args)
    taken = intake.take_in(store, actor=operator(store, args), request=request, paper=not args.no_pdf).value
    result, paper = taken.result, taken.paper
    if paper is not None and args.pdf:
        Path(args.pdf).write_bytes(paper.pdf)
    if args.json_out:
        print(json.dumps({"case_no": result.case_no, "proposal_id": result.proposal_id,
                          "proposal_no": result.proposal_no, "outcome": result.outcome,
                          "deficiencies": list(result.deficiencies), "return_reasons": list(result.return_reasons),
                          "pdf_digest": paper.pdf_digest if paper else None}, ensure_ascii=False))
    else:
        print(result.case_no)
    return 0


def add_parsers(commands: Any) -> None:
    intake_parser = commands.add_parser("intake", help="新单受理：按 JSON 描述登记一件投保单（规则与柜面界面相同）")
    intake_parser.add_argument("--json", required=True, help="受理描述文件（JSON）")
    add_operator_arguments(intake_parser, "受理的柜面受理员用户名")
    intake_parser.add_argument("--confirm-past-date", action="store_true", help="确认生效日期已过仍受理（记录在案）")
    intake_parser.add_argument("--confirm-duplicates", action="store_true", help="确认不是重复投保（记录在案）")
    intake_parser.add_argument("--pdf", help="把受理回执或退件通知另存为此 PDF 文件")
    intake_parser.add_argument("--no-pdf", action="store_true", help="不生成回执")
    intake_parser.add_argument("--json-out", action="store_true", help="以 JSON 输出结果")
    intake_parser.set_defaults(func=intake_command)
