"""`desk-app scan import FILE...` and `desk-app scan watch DIR`: the scanning station's files."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from desk_app.cli.common import add_operator_arguments, open_store, operator, operator_password


def _page_line(o: Any) -> str:
    return (f"{o.source_name} 第{o.source_page + 1}页 → {o.case_no or '未索引'} {o.doc_type or ''} "
            f"纠偏 {o.deskew_deg:+.2f}° 旋转 {o.rotation}°{' 空白页' if o.blank else ''}"
            f"{' 有公章' if o.seal_found else ''} {' '.join(o.qc_flags)}")


def import_command(args: argparse.Namespace) -> int:
    # Start-up makes hundreds of thousands of objects (SQLAlchemy and the models, numpy, OpenCV)
    # that live as long as the command: the cyclic collector walking them again and again cost
    # about 80 ms of a one-page import's 0.9 s of CPU. Off until the log-in, then those are frozen.
    gc.disable()
    from desk_app.services import scan_files

    password = operator_password(args)
    # The files are on their way before the store side is even imported: a single file in a
    # process of its own (the imaging imports and its clean-up on the other core), others read
    # on a thread, the pool started after the log-in. Nothing is stored or printed before the
    # log-in succeeds, and a wrong password stops the file's process.
    processing = scan_files.begin_processing([Path(f) for f in args.files], fmt=args.format, workers=args.workers,
                                             one_page_here=True, own_process=True)
    try:
        store = open_store(args)
        # The password is checked (argon2: a fifth of a second, outside Python's lock) on a thread
        # while the scanning services are imported.
        with ThreadPoolExecutor(1, thread_name_prefix="branchdesk-login") as login:
            checked = login.submit(operator, store, args, password)
            from desk_app.services import scanning
            actor = checked.result()
    except BaseException:
        processing.abandon()
        raise
    finally:
        gc.freeze()
        gc.enable()
    imported = scanning.import_files(store, actor=actor, paths=[Path(f) for f in args.files], case=args.case,
                                     processing=processing).value
    for message in imported.errors:
        print(f"错误：{message}", file=sys.stderr)
    for o in imported.pages:
        print(json.dumps(o.as_json(), ensure_ascii=False) if args.json else _page_line(o))
    return 2 if imported.errors else 0


def watch_command(args: argparse.Namespace) -> int:
    from desk_app.core.scanning import hotfolder
    from desk_app.services import scanning

    store = open_store(args)
    actor = operator(store, args)

    def handle(name: str, data: bytes, digest: str) -> bool:
        out = scanning.import_hot_file(store, actor=actor, name=name, data=data, digest=digest, fmt=args.format).value
        for o in out or ():
            print(json.dumps(o.as_json(), ensure_ascii=False), flush=True)
        return out is not None

    def report(taken: hotfolder.Taken) -> None:
        print(f"{taken.name}: {taken.outcome} {taken.reason}".rstrip(), file=sys.stderr, flush=True)

    root = Path(args.dir)
    keep_days = hotfolder.KEEP_DONE_DAYS if args.keep_days is None else args.keep_days
    if args.once:
        state = hotfolder.FolderState()
        hotfolder.ready_files(root, state, settle=0)
        for taken in hotfolder.poll_once(root, state, handle, settle=0):
            report(taken)
        hotfolder.purge_done(root, keep_days=keep_days)
        return 0
    print(f"正在监视 {root}（Ctrl+C 结束）", file=sys.stderr, flush=True)
    try:
        hotfolder.watch(root, handle, settle=args.settle, interval=args.interval, report=report,
                        keep_days=keep_days)
    except KeyboardInterrupt:
        pass
    return 0


def add_parsers(commands: Any) -> None:
    scan_parser = commands.add_parser("scan", help="扫描：导入扫描文件，或监视扫描仪的热文件夹")
    actions = scan_parser.add_subparsers(dest="scan_action", required=True)
    import_parser = actions.add_parser("import", help="导入 JPEG/PNG/TIFF/PDF 文件，每页输出一行")
    import_parser.add_argument("files", nargs="+")
    import_parser.add_argument("--case", help="第一张封面页之前的页面所属的案件号或投保单号")
    import_parser.add_argument("--workers", type=int, default=2, help="并行处理的进程数")
    import_parser.set_defaults(func=import_command)
    watch_parser = actions.add_parser("watch", help="监视热文件夹：完整写入的文件导入一次，移到 done/ 或 failed/")
    watch_parser.add_argument("dir")
    watch_parser.add_argument("--settle", type=float, default=2.0, help="文件大小多少秒不变才算写完")
    watch_parser.add_argument("--interval", type=float, default=1.0)
    watch_parser.add_argument("--once", action="store_true", help="只处理当前已有的文件后退出")
    # Default None: the hot folder's own keep days (core.scanning.hotfolder.KEEP_DONE_DAYS, 7),
    # resolved when the command runs so parsing imports none of the scanning code.
    watch_parser.add_argument("--keep-days", type=float, default=None,
                              help="done/ 中已导入的原始文件保留天数（默认 7 天；原件已加密存入本机），到期删除")
    watch_parser.set_defaults(func=watch_command)
    for action_parser in (import_parser, watch_parser):
        add_operator_arguments(action_parser, "扫描员用户名")
        action_parser.add_argument("--format", choices=("jpeg", "png", "tiff"), default="jpeg",
                                   help="存储格式：灰度 JPEG，或黑白 PNG / TIFF G4")
        action_parser.add_argument("--json", action="store_true", help="每页输出一个 JSON 对象")
