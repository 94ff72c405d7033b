"""`desk-app gui` (also the default): the desktop application."""

from __future__ import annotations

import argparse
from typing import Any


def gui_command(args: argparse.Namespace) -> int:
    from desk_app.ui.app import run_gui

    return run_gui(args.data_dir)


def add_parsers(commands: Any) -> None:
    gui_parser = commands.add_parser("gui", help="启动图形界面（默认）")
    gui_parser.set_defaults(func=gui_command)
