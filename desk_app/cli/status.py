"""`desk-app status` (cases per workflow state), `audit verify` (the audit chain), `store check` (the file)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from desk_app.cli.common import open_store


def status_command(args: argparse.Namespace) -> int:
    from desk_app.core.workflow import State
    from desk_app.services import cases

    store = open_store(args)
    status = cases.branch_status(store)
    if args.json:
        print(json.dumps({"branch": status.branch_code, "branch_name": status.branch_name, "store": str(store.path),
                          "cases": status.cases, "by_state": {s.value: n for s, n in status.by_state.items()}},
                         ensure_ascii=False))
    else:
        print(f"{status.branch_code} {status.branch_name}  数据库 {store.path}")
        for state in State:
            print(f"  {state.label:<6} {status.by_state[state]:>8}")
    return 0


def audit_command(args: argparse.Namespace) -> int:
    from desk_app.services import setup

    result = setup.verify_audit(open_store(args))
    if args.json:
        print(json.dumps({"ok": result.ok, "entries": result.entries, "head_seq": result.head_seq,
                          "head_mac": result.head_mac, "problems": list(result.problems)}, ensure_ascii=False))
    else:
        print(f"审计记录 {result.entries} 条，链头 #{result.head_seq} {result.head_mac[:16]}…")
        for problem in result.problems:
            print(f"  ✗ {problem}")
        print("审计链完整。" if result.ok else "审计链校验失败！")
    return 0 if result.ok else 1


def store_check_command(args: argparse.Namespace) -> int:
    from desk_app.services import setup

    problems = setup.check_store(args.data_dir)
    if args.json:
        print(json.dumps({"ok": not problems, "problems": problems}, ensure_ascii=False))
    elif problems:
        print("数据库已损坏，请停止在本机办理业务，由业务主管用最近的备份恢复。发现的问题：")
        for problem in problems:
            print(f"  ✗ {problem}")
    else:
        print("数据库完整。")
    return 0 if not problems else 1


def add_parsers(commands: Any) -> None:
    status_parser = commands.add_parser("status", help="各环节案件数")
    status_parser.add_argument("--json", action="store_true")
    status_parser.set_defaults(func=status_command)

    audit_parser = commands.add_parser("audit", help="审计日志")
    audit_actions = audit_parser.add_subparsers(dest="audit_action", required=True)
    verify_parser = audit_actions.add_parser("verify", help="校验审计链（修改、删除、调序、截断）")
    verify_parser.add_argument("--json", action="store_true")
    audit_parser.set_defaults(func=audit_command)

    store_parser = commands.add_parser("store", help="数据库维护")
    store_actions = store_parser.add_subparsers(dest="store_action", required=True)
    check_parser = store_actions.add_parser("check", help="逐页检查数据库文件是否完整（不修改任何内容）")
    check_parser.add_argument("--json", action="store_true")
    store_parser.set_defaults(func=store_check_command)
