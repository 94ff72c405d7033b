"""`desk-app sync [--json]` and `desk-app enrol --server URL --code CODE`, for scripts.

desk_app/cli.py registers these with `register(sub)`; each command opens the store the same
way the other subcommands do and exits 2 with the Chinese reason when sync is refused.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desk_app.paths import store_path
from desk_app.store.migrate import open_store
from desk_app.sync import engine
from desk_app.sync.transport import SyncError


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def cmd_sync(args: argparse.Namespace) -> int:
    store = open_store(store_path(args.data_dir))
    try:
        report = engine.sync_once(store)
        ok, reason = True, None
    except SyncError as exc:
        report, ok, reason = None, False, exc.reason
    status = engine.read_status(store)
    store.close()
    out = {"ok": ok, "reason": reason, "pending": status.pending, "cursor": status.cursor,
           "last_success_at": _iso(status.last_success_at), "conflicts_unseen": status.conflicts_unseen}
    if report is not None:
        out.update(pushed=report.pushed, already_had=report.already_had, conflicts=report.conflicts,
                   pulled=report.pulled, files_uploaded=report.blobs_uploaded, files_fetched=report.blobs_fetched)
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    elif ok:
        print(f"同步完成：上传 {out['pushed']} 条，下载 {out['pulled']} 条，冲突 {out['conflicts']} 条，待上传 {status.pending} 条。")
    if not ok:
        print(f"错误：{reason}", file=sys.stderr)
        return 2
    return 0


def cmd_enrol(args: argparse.Namespace) -> int:
    store = open_store(store_path(args.data_dir))
    try:
        resp = engine.enrol(store, server_url=args.server, code=args.code, device_name=args.name)
    except SyncError as exc:
        print(f"错误：{exc.reason}", file=sys.stderr)
        return 2
    finally:
        store.close()
    print(f"已注册到总公司：机构 {resp.org_code} {resp.org_name}，设备 {resp.device_id}")
    return 0


def register(sub: Any) -> None:
    """Add `sync` and `enrol` to desk-app's subcommands."""
    sy = sub.add_parser("sync", help="与总公司同步一次")
    sy.add_argument("--json", action="store_true")
    sy.set_defaults(func=cmd_sync)
    en = sub.add_parser("enrol", help="用一次性注册码把本机注册到总公司")
    en.add_argument("--server", required=True, help="总公司同步服务器地址，如 https://sync.example.com")
    en.add_argument("--code", required=True)
    en.add_argument("--name", default=None, help="本机名称（默认计算机名）")
    en.set_defaults(func=cmd_enrol)
