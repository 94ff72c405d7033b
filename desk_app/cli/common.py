"""What every command shares: the store of the data folder, the operator's log-in, passwords.

Heavy modules (SQLAlchemy, alembic, the core) are imported inside the functions that need
them, so `desk-app --help` and a command's argument errors answer at once.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desk_app.core.roles import Actor
    from desk_app.store.db import Store

# Stores a command opened, closed when it ends: closing flushes the audit anchor at once
# instead of leaving the anchor thread's rest to delay the exit.
_opened: list[Store] = []



def read_new_password(args: argparse.Namespace, prompt: str = "密码: ") -> str:
    """A new password: one line of stdin with --password-stdin, else typed twice."""
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(prompt)
    if getpass.getpass("再次输入密码: ") != first:
        from desk_app.core.errors import DomainError

        raise DomainError("两次输入的密码不一致。")
    return first


def open_store(args: argparse.Namespace) -> Store:
    from desk_app.services import setup

    store = setup.open_store(args.data_dir)
    _opened.append(store)
    if store.new_recovery_key:
        # Shown once: without it a store copied to another PC, or a lost keyring, cannot be opened.
        print("新数据库已加密。请抄下恢复密钥并交业务主管保管（只显示这一次）：")
        print(f"  {store.new_recovery_key}")
    return store


def operator_password(args: argparse.Namespace) -> str:
    """The password of the person a command runs as (`--as`): stdin's first line, or typed."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return getpass.getpass(f"{args.as_user} 的密码: ")


def operator(store: Store, args: argparse.Namespace, password: str | None = None) -> Actor:
    """The person a command runs as (`--as`), checked like a log-in (the password is read now
    unless given)."""
    from desk_app.services import users

    if password is None:
        password = operator_password(args)
    return users.login(store, username=args.as_user, password=password)


def add_operator_arguments(parser: argparse.ArgumentParser, who: str) -> None:
    parser.add_argument("--as", dest="as_user", required=True, help=who)
    parser.add_argument("--password-stdin", action="store_true", help="从标准输入第一行读 --as 用户的密码")


def close_stores() -> None:
    while _opened:
        _opened.pop().close()
