"""`desk-app users list|add|disable|enable|unlock|level`: user administration (level: a supervisor
assigns an underwriter's authority level)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desk_app.cli.common import open_store, operator, read_new_password


def users_command(args: argparse.Namespace) -> int:
    from desk_app.core.roles import parse_role
    from desk_app.services import users

    store = open_store(args)
    if args.users_action == "list":
        rows = users.list_users(store)
        if args.json:
            print(json.dumps([{"username": u.username, "name": u.display_name, "roles": [r.value for r in u.roles],
                               "authority_level": u.authority_level, "active": u.active} for u in rows],
                             ensure_ascii=False))
        else:
            for u in rows:
                state = "" if u.active else "（已停用）"
                print(f"{u.username:<12} {u.display_name:<14} {'、'.join(r.label for r in u.roles)} {state}")
        return 0
    actor = operator(store, args)
    if args.users_action == "add":
        password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else read_new_password(args)
        users.add_user(store, actor=actor, username=args.username, display_name=args.name, password=password,
                       roles=[parse_role(r) for r in args.roles.split(",") if r],
                       authority_level=args.authority_level)
        print(f"已添加用户 {args.username}")
    elif args.users_action in ("disable", "enable"):
        users.set_active(store, actor=actor, username=args.username, active=args.users_action == "enable")
        print(f"已{'启用' if args.users_action == 'enable' else '停用'}用户 {args.username}")
    elif args.users_action == "level":
        try:
            level = int(args.level)
        except ValueError:
            from desk_app.core.errors import InvalidInput

            raise InvalidInput(f"核保权限级别“{args.level}”应为整数（0 表示无权限）。") from None
        users.set_authority_level(store, actor=actor, username=args.username, level=level)
        print(f"已将用户 {args.username} 的核保权限级别设为 {level}")
    else:
        users.unlock(store, actor=actor, username=args.username)
        print(f"已解锁用户 {args.username}")
    return 0


def add_parsers(commands: Any) -> None:
    users_parser = commands.add_parser("users", help="用户管理")
    users_actions = users_parser.add_subparsers(dest="users_action", required=True)
    list_parser = users_actions.add_parser("list")
    list_parser.add_argument("--json", action="store_true")
    for name in ("add", "disable", "enable", "unlock", "level"):
        action_parser = users_actions.add_parser(name)
        action_parser.add_argument("username")
        action_parser.add_argument("--as", dest="as_user", required=True, help="执行操作的管理员或主管用户名")
        action_parser.add_argument("--password-stdin", action="store_true",
                                   help="从标准输入读密码：第一行为 --as 用户的密码，add 时第二行为新用户密码")
        if name == "add":
            action_parser.add_argument("--name", required=True)
            action_parser.add_argument("--roles", required=True, help="逗号分隔，如 counter_clerk,entry_operator")
            action_parser.add_argument("--authority-level", type=int, default=0)
        if name == "level":
            action_parser.add_argument("level", help="核保权限级别（0 表示无权限）")
    users_parser.set_defaults(func=users_command)

