"""`desk-app init`, `demo`, `recover`: a branch PC's first start, the demo store, a lost key."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desk_app.cli.common import open_store, read_new_password


def init_command(args: argparse.Namespace) -> int:
    from desk_app.services import setup

    password = read_new_password(args, f"管理员 {args.admin} 的密码: ")
    store = open_store(args)
    setup.init_branch(store, branch_code=args.branch, branch_name=args.branch_name, admin_username=args.admin,
                      admin_password=password)
    print(f"已初始化机构 {args.branch} {args.branch_name}，数据目录 {args.data_dir}")
    return 0


def demo_command(args: argparse.Namespace) -> int:
    from desk_app.paths import store_path
    from desk_app.services import setup

    path = store_path(args.data_dir)
    if path.exists() and not args.force:
        setup.branch_label(open_store(args))
        print(f"演示数据库已存在：{path}（用 --force 重建）")
        print_demo_users()
        return 0
    if path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    setup.create_demo(open_store(args), cases_per_state=args.cases_per_state)
    print(f"已创建演示数据库：{path}")
    print_demo_users()
    return 0


def print_demo_users() -> None:
    from desk_app.core import demo

    print(f"演示用户（密码均为 {demo.DEMO_PASSWORD}）：")
    for u in demo.DEMO_USERS:
        roles = "、".join(r.label for r in u.roles)
        print(f"  {u.username:<10} {u.name:<12} {roles}")
    print("可用于受理的投保单号（已发放）：")
    for holder, first, last in demo.DEMO_STATIONERY_ISSUED:
        who = "本机构柜面" if holder == "*" else f"业务员 {holder}"
        print(f"  {first}–{last}  {who}")


def recover_command(args: argparse.Namespace) -> int:
    from desk_app.services import setup

    setup.recover(args.data_dir, args.recovery_key)
    print("恢复密钥正确，已保存到本机凭据存储，数据库可以打开了。")
    return 0


def add_parsers(commands: Any) -> None:
    init_parser = commands.add_parser("init", help="初始化本机机构和管理员")
    init_parser.add_argument("--branch", required=True)
    init_parser.add_argument("--branch-name", required=True)
    init_parser.add_argument("--admin", required=True)
    init_parser.add_argument("--password-stdin", action="store_true")
    init_parser.set_defaults(func=init_command)

    demo_parser = commands.add_parser("demo", help="创建演示数据库（参考数据、各角色用户、各环节案件）")
    demo_parser.add_argument("--force", action="store_true", help="删除已有数据库后重建")
    demo_parser.add_argument("--cases-per-state", type=int, default=4)
    demo_parser.set_defaults(func=demo_command)

    recover_parser = commands.add_parser("recover", help="用恢复密钥在本机恢复数据库密钥")
    recover_parser.add_argument("--recovery-key", required=True)
    recover_parser.set_defaults(func=recover_command)
