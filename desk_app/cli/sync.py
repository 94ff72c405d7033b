"""`desk-app sync [--json]` and `desk-app enrol --server URL --code CODE`, for scripts.

A refused sync or enrolment exits 2 with the Chinese reason on stderr, like any other refusal.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desk_app.cli.common import open_store


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def sync_command(args: argparse.Namespace) -> int:
    from desk_app.services import sync

    outcome = sync.sync_now(open_store(args)).value
    status, report = outcome.status, outcome.report
    out = {"ok": outcome.ok, "reason": outcome.reason, "pending": status.pending, "cursor": status.cursor,
           "last_success_at": _iso(status.last_success_at), "conflicts_unseen": status.conflicts_unseen}
    if report is not None:
        out.update(pushed=report.pushed, already_had=report.already_had, conflicts=report.conflicts,
                   pulled=report.pulled, files_uploaded=report.blobs_uploaded, files_fetched=report.blobs_fetched)
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    elif outcome.ok:
        print(f"同步完成：上传 {out['pushed']} 条，下载 {out['pulled']} 条，冲突 {out['conflicts']} 条，待上传 {status.pending} 条。")
    if not outcome.ok:
        print(f"错误：{outcome.reason}", file=sys.stderr)
        return 2
    return 0


def enrol_command(args: argparse.Namespace) -> int:
    from desk_app.services import sync
    from desk_app.sync.transport import SyncError

    try:
        resp = sync.enrol(open_store(args), server_url=args.server, code=args.code, device_name=args.name).value
    except SyncError as exc:
        print(f"错误：{exc.reason}", file=sys.stderr)
        return 2
    print(f"已注册到总公司：机构 {resp.org_code} {resp.org_name}，设备 {resp.device_id}")
    return 0


def add_parsers(commands: Any) -> None:
    sync_parser = commands.add_parser("sync", help="与总公司同步一次")
    sync_parser.add_argument("--json", action="store_true")
    sync_parser.set_defaults(func=sync_command)
    enrol_parser = commands.add_parser("enrol", help="用一次性注册码把本机注册到总公司")
    enrol_parser.add_argument("--server", required=True, help="总公司同步服务器地址，如 https://sync.example.com")
    enrol_parser.add_argument("--code", required=True)
    enrol_parser.add_argument("--name", default=None, help="本机名称（默认计算机名）")
    enrol_parser.set_defaults(func=enrol_command)
