"""`desk-app print|verify|receipt|archive`: contract printing (合同缮制), checking a paper copy, the
signed receipt (回执) and the archive (归档).

    print contract CASE --out FILE.pdf [--printer P] [--copies N] --as PREPARER
    print contract CASE --reprint --reason R --out FILE.pdf --as PREPARER
                  (files the reprint request the first time; prints once a supervisor approved it)
    print request CASE --reason R --as USER        ask for a reprint
    print approve CASE [--note N] --as SUPERVISOR  approve the case's pending request
    print refuse CASE --note N --as SUPERVISOR     refuse it
    print queue [--json]                           issued cases waiting for their contract
    print log CASE [--json]                        every print of the case's contract
    verify IMAGE_OR_PDF_OR_TEXT [--json]           which contract, page and print; current or not
    receipt scan FILE... --as SCANNER              signed receipts scanned back: 回执
    receipt record CASE --as CLERK                 a signed receipt taken in at the counter
    receipt queue [--json]                         printed cases waiting for the receipt (15/19 days)
    archive CASE --box B --position N --as USER    file the case: 归档
    archive list BOX --out FILE.pdf [--json]       the box's archive list

CASE is a case number, proposal number or policy number.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from desk_app.cli.common import add_operator_arguments, open_store, operator

MARKS = {"warning": "预警", "overdue": "超期", "": ""}
STATUS = {"current": "现行有效", "superseded": "已被取代", "unknown": "无法核验"}


def _refuse(message: str) -> None:
    from desk_app.core.errors import InvalidInput

    raise InvalidInput(message)


def _write(path: Path | None, data: bytes) -> None:
    if path is not None:
        path.write_bytes(data)


def print_contract_command(args: argparse.Namespace) -> int:
    from desk_app.core.errors import TransitionRefused
    from desk_app.services import contracts

    store = open_store(args)
    actor = operator(store, args)
    pid = contracts.find_case(store, args.case)
    if args.reprint:
        requests = contracts.reprint_requests(store, proposal_id=pid)
        if not any(r.status == "approved" for r in requests):
            if any(r.status == "pending" for r in requests):
                raise TransitionRefused("该合同的重打申请尚待业务主管批准（desk-app print approve）。")
            if not (args.reason or "").strip():
                _refuse("重打合同必须用 --reason 说明原因。")
            contracts.request_reprint(store, actor=actor, proposal_id=pid, reason=args.reason)
            raise TransitionRefused("已提交重打申请，须经业务主管批准后再打印（desk-app print approve CASE --as 主管）。")
        done = contracts.reprint_contract(store, actor=actor, proposal_id=pid, printer=args.printer,
                                          copies=args.copies).value
    else:
        done = contracts.print_contract(store, actor=actor, proposal_id=pid, printer=args.printer,
                                        copies=args.copies).value
    _write(args.out, done.pdf)
    print(f"{done.case_no}  保单号 {done.policy_no}  第 {done.print_seq} 次打印  {done.pages} 页"
          + (f"  → {args.out}" if args.out else ""))
    return 0


def _pending(store: Any, case: str) -> str:
    from desk_app.services import contracts

    pid = contracts.find_case(store, case)
    pending = [r for r in contracts.reprint_requests(store, proposal_id=pid) if r.status == "pending"]
    if not pending:
        _refuse("该案件没有待审批的重打申请。")
    return pending[0].request_id


def request_command(args: argparse.Namespace) -> int:
    from desk_app.services import contracts

    store = open_store(args)
    actor = operator(store, args)
    r = contracts.request_reprint(store, actor=actor, proposal_id=contracts.find_case(store, args.case),
                                  reason=args.reason).value
    print(f"{r.case_no}  重打申请已提交，待业务主管审批")
    return 0


def decide_command(args: argparse.Namespace) -> int:
    from desk_app.services import contracts

    store = open_store(args)
    actor = operator(store, args)
    rid = _pending(store, args.case)
    if args.print_command == "approve":
        r = contracts.approve_reprint(store, actor=actor, request_id=rid, note=args.note or "").value
    else:
        r = contracts.refuse_reprint(store, actor=actor, request_id=rid, note=args.note or "").value
    print(f"{r.case_no}  重打申请{'已批准' if r.status == 'approved' else '已拒绝'}（{r.reason}）")
    return 0


def queue_command(args: argparse.Namespace) -> int:
    from desk_app.services import contracts

    rows = contracts.print_queue(open_store(args))
    if args.json:
        print(json.dumps([{"case_no": r.case_no, "policy_no": r.policy_no, "applicant_name": r.applicant_name,
                           "insured_count": r.insured_count,
                           "issued_at": r.issued_at.isoformat() if r.issued_at else None} for r in rows],
                         ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        print(f"{r.case_no}  {r.policy_no or '（无保单号）'}  {r.applicant_name}  {r.insured_count} 人")
    print(f"共 {len(rows)} 件待缮制")
    return 0


def log_command(args: argparse.Namespace) -> int:
    from desk_app.services import contracts

    store = open_store(args)
    rows = contracts.print_log(store, proposal_id=contracts.find_case(store, args.case))
    if args.json:
        print(json.dumps([{"print_seq": r.print_seq, "policy_no": r.policy_no, "pages": r.pages, "printer": r.printer,
                           "copies": r.copies, "printed_by": r.printed_by, "printed_at": r.printed_at.isoformat(),
                           "reprint_reason": r.reprint_reason, "approved_by": r.approved_by, "current": r.current}
                          for r in rows], ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        print(f"第 {r.print_seq} 次  {r.printed_at:%Y-%m-%d %H:%M}  {r.printed_by}  {r.pages} 页 × {r.copies}  "
              f"{r.printer or '（文件）'}{'  现行' if r.current else ''}"
              + (f"  重打原因：{r.reprint_reason}（批准：{r.approved_by}）" if r.reprint_reason else ""))
    return 0


def verify_command(args: argparse.Namespace) -> int:
    from desk_app.services import contracts

    v = contracts.verify(open_store(args), args.source)
    if args.json:
        print(json.dumps(v.as_json(), ensure_ascii=False, indent=1))
    else:
        print(f"{STATUS[v.status]}：{v.message}")
        if v.policy_no:
            print(f"保单号 {v.policy_no}  案件 {v.case_no}  {v.applicant_name}  第 {v.page}/{v.pages} 页  "
                  f"第 {v.print_seq} 次打印（最新第 {v.latest_seq} 次）")
    return 0 if v.status == "current" else 1


def receipt_scan_command(args: argparse.Namespace) -> int:
    from desk_app.services import contracts

    store = open_store(args)
    actor = operator(store, args)
    for r in contracts.scan_receipt(store, actor=actor, paths=[Path(p) for p in args.files]).value:
        print(f"{r.case_no}  保单号 {r.policy_no}  回执已签收（{len(r.page_ids)} 页）")
    return 0


def receipt_record_command(args: argparse.Namespace) -> int:
    from desk_app.services import contracts

    store = open_store(args)
    actor = operator(store, args)
    r = contracts.record_receipt(store, actor=actor, proposal_id=contracts.find_case(store, args.case)).value
    print(f"{r.case_no}  保单号 {r.policy_no}  回执已签收")
    return 0


def receipt_queue_command(args: argparse.Namespace) -> int:
    from desk_app.services import contracts

    rows = contracts.receipt_queue(open_store(args))
    if args.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        print(f"{r.case_no}  {r.policy_no}  {r.applicant_name}  已 {r.days} 天  {MARKS[r.mark]}")
    print(f"共 {len(rows)} 件待回执，其中预警 {sum(r.mark == 'warning' for r in rows)} 件、"
          f"超期 {sum(r.mark == 'overdue' for r in rows)} 件")
    return 0


def archive_command(args: argparse.Namespace) -> int:
    from desk_app.services import contracts

    store = open_store(args)
    if args.case == "list":
        if not args.box_arg:
            _refuse("请给出档案盒号：desk-app archive list BOX --out FILE.pdf")
        paper = contracts.archive_list(store, box_no=args.box_arg)
        _write(args.out, paper.pdf)
        if args.json:
            print(json.dumps([{"position": e.position, "case_no": e.case_no, "policy_no": e.policy_no,
                               "applicant_name": e.applicant_name, "archived_by": e.archived_by,
                               "archived_at": e.archived_at.isoformat()} for e in paper.entries],
                             ensure_ascii=False, indent=1))
        else:
            for e in paper.entries:
                print(f"{e.position:>4}  {e.case_no}  {e.policy_no}  {e.applicant_name}")
            print(f"档案盒 {paper.box_no} 共 {len(paper.entries)} 件" + (f"  → {args.out}" if args.out else ""))
        return 0
    if not args.as_user or args.box is None or args.position is None:
        _refuse("归档需要 --box、--position 和 --as。")
    actor = operator(store, args)
    e = contracts.archive(store, actor=actor, proposal_id=contracts.find_case(store, args.case), box_no=args.box,
                          position=args.position).value
    print(f"{e.case_no}  已归档：档案盒 {e.box_no} 第 {e.position} 号")
    return 0


def add_parsers(commands: Any) -> None:
    group = commands.add_parser("print", help="合同缮制：打印、重打申请与审批、打印记录")
    sub = group.add_subparsers(dest="print_command", required=True)
    p = sub.add_parser("contract", help="打印保险合同（首次打印后案件进入缮制环节）")
    p.add_argument("case", help="案件号、投保单号或保单号")
    p.add_argument("--out", type=Path, help="合同 PDF 保存到此文件")
    p.add_argument("--printer", default="", help="打印机名称（记入打印记录）")
    p.add_argument("--copies", type=int, default=1, help="份数（默认 1）")
    p.add_argument("--reprint", action="store_true", help="重打（须有经业务主管批准的申请）")
    p.add_argument("--reason", help="重打原因（首次 --reprint 时提交申请）")
    add_operator_arguments(p, "用户名（缮制员）")
    p.set_defaults(func=print_contract_command)
    p = sub.add_parser("request", help="申请重打合同")
    p.add_argument("case")
    p.add_argument("--reason", required=True)
    add_operator_arguments(p, "用户名（缮制员、柜员或业务主管）")
    p.set_defaults(func=request_command)
    for name, text in (("approve", "批准该案件待审批的重打申请"), ("refuse", "拒绝该案件待审批的重打申请")):
        p = sub.add_parser(name, help=text)
        p.add_argument("case")
        p.add_argument("--note", help="审批意见（拒绝时必填）")
        add_operator_arguments(p, "用户名（业务主管，不能是申请人）")
        p.set_defaults(func=decide_command)
    p = sub.add_parser("queue", help="待缮制的已承保案件")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=queue_command)
    p = sub.add_parser("log", help="案件合同的全部打印记录")
    p.add_argument("case")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=log_command)

    p = commands.add_parser("verify", help="核验合同页：二维码内容、图像或 PDF（退出码 0 现行有效，1 否）")
    p.add_argument("source", help="扫描枪输入的二维码内容，或图像 / PDF 文件")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=verify_command)

    group = commands.add_parser("receipt", help="合同回执：扫描签收、柜面签收、待回执队列")
    sub = group.add_subparsers(dest="receipt_command", required=True)
    p = sub.add_parser("scan", help="扫描交回的签收回执（按回执二维码归入案件）")
    p.add_argument("files", nargs="+")
    add_operator_arguments(p, "用户名（扫描员或业务主管）")
    p.set_defaults(func=receipt_scan_command)
    p = sub.add_parser("record", help="柜面登记签收回执")
    p.add_argument("case")
    add_operator_arguments(p, "用户名（柜员）")
    p.set_defaults(func=receipt_record_command)
    p = sub.add_parser("queue", help="待回执案件（15 天预警，19 天超期）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=receipt_queue_command)

    p = commands.add_parser("archive", help="归档：CASE --box B --position N --as U；或 list BOX --out FILE.pdf")
    p.add_argument("case", help="案件号、投保单号或保单号；或 list")
    p.add_argument("box_arg", nargs="?", help="（list 时）档案盒号")
    p.add_argument("--box", help="档案盒号")
    p.add_argument("--position", type=int, help="盒内位置")
    p.add_argument("--out", type=Path, help="（list 时）归档清单 PDF")
    p.add_argument("--json", action="store_true")
    p.add_argument("--as", dest="as_user", help="用户名（柜员或业务主管）")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入第一行读 --as 用户的密码")
    p.set_defaults(func=archive_command)
