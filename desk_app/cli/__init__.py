"""`desk-app`: the command line. One module per command group; each command parses its
arguments, calls one service of desk_app.services and prints. Refusals print the Chinese
message on stderr and exit with status 2, leaving the store unchanged.

Only argparse is imported up front: each command imports what it needs when it runs, so
`desk-app --help` and a mistyped argument answer at once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from desk_app.cli import (
    contracts,
    entry,
    gui,
    insured,
    intake,
    problems,
    scan,
    setup,
    stationery,
    status,
    sync,
    underwriting,
    users,
)
from desk_app.cli.common import close_stores

GROUPS = (setup, users, status, intake, stationery, scan, entry, insured, problems, underwriting, contracts, gui, sync)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="desk-app", description="BranchDesk 业务处理中心柜面系统")
    parser.add_argument("--data-dir", type=Path, default=None, help="数据目录（默认按操作系统惯例，或 BRANCHDESK_DATA_DIR）")
    commands = parser.add_subparsers(dest="command")
    for group in GROUPS:
        group.add_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from desk_app.errors import Refusal
    from desk_app.logsetup import setup_logging
    from desk_app.paths import default_data_dir

    if args.data_dir is None:
        args.data_dir = default_data_dir()
    func = getattr(args, "func", gui.gui_command)
    try:
        setup_logging(args.data_dir)
        return func(args)
    except Refusal as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    finally:
        close_stores()


def run() -> None:
    """The `desk-app` console script: `main`, then the process ends without the interpreter's teardown.

    Freeing SQLAlchemy's, numpy's and OpenCV's modules and objects one by one took 0.2-0.4 s
    after the command had finished (a one-page `scan import` spent a fifth of its time there).
    The command has closed its stores by then; exit handlers run and the logs and standard
    streams are flushed before leaving. Should any other thread still run, the usual exit waits
    for it instead.
    """
    import atexit
    import logging
    import os
    import threading

    code = main()
    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
