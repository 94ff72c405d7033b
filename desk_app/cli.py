"""`desk-app` command line: init, demo, users, status, intake, stationery, scan, gui (the default).

Every subcommand is one user action in one transaction; refusals print the Chinese message
to stderr and exit with status 2, leaving the store unchanged.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from desk_app.core import audit, demo, users, workflow
from desk_app.core.errors import DomainError
from desk_app.core.roles import parse_role
from desk_app.core.scanning.hotfolder import KEEP_DONE_DAYS
from desk_app.logsetup import setup_logging
from desk_app.paths import default_data_dir, store_path
from desk_app.store.db import Store
from desk_app.store.keys import KeyStoreError
from desk_app.store.migrate import StoreOpenError, open_store, recover
from desk_app.sync.cli import register as register_sync


def _read_password(args: argparse.Namespace, prompt: str = "密码: ") -> str:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(prompt)
    if getpass.getpass("再次输入密码: ") != first:
        raise DomainError("两次输入的密码不一致。")
    return first


# Stores a command opened, closed when it ends: closing flushes the audit anchor at once
# instead of leaving the anchor thread's rest to delay the exit.
_opened: list[Store] = []


def _store(args: argparse.Namespace) -> Store:
    store = open_store(store_path(args.data_dir))
    _opened.append(store)
    if store.new_recovery_key:
        # Shown once: without it a store copied to another PC, or a lost keyring, cannot be opened.
        print("新数据库已加密。请抄下恢复密钥并交业务主管保管（只显示这一次）：")
        print(f"  {store.new_recovery_key}")
    return store


def _operator(store: Store, args: argparse.Namespace) -> users.Actor:
    """The admin/supervisor a user-management command runs as (checked like a log-in)."""
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else getpass.getpass(
        f"{args.as_user} 的密码: ")
    return users.login(store, username=args.as_user, password=password)


def cmd_init(args: argparse.Namespace) -> int:
    password = _read_password(args, f"管理员 {args.admin} 的密码: ")
    store = _store(args)
    with store.transaction() as session:
        users.init_branch(session, branch_code=args.branch, branch_name=args.branch_name,
                          admin_username=args.admin, admin_password=password)
        from desk_app.core import refdata
        from desk_app.paths import resources_dir

        refdata.load_dir(session, resources_dir() / "refdata")
    print(f"已初始化机构 {args.branch} {args.branch_name}，数据目录 {args.data_dir}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    path = store_path(args.data_dir)
    if path.exists() and not args.force:
        store = _store(args)
        with store.reading() as session:
            users.branch(session)
        print(f"演示数据库已存在：{path}（用 --force 重建）")
        _print_demo_users()
        return 0
    if path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    store = _store(args)
    with store.transaction() as session:
        demo.create_demo(session, cases_per_state=args.cases_per_state)
    print(f"已创建演示数据库：{path}")
    _print_demo_users()
    return 0


def _print_demo_users() -> None:
    print(f"演示用户（密码均为 {demo.DEMO_PASSWORD}）：")
    for u in demo.DEMO_USERS:
        roles = "、".join(r.label for r in u.roles)
        print(f"  {u.username:<10} {u.name:<12} {roles}")
    print("可用于受理的投保单号（已发放）：")
    for holder, first, last in demo.DEMO_STATIONERY_ISSUED:
        who = "本机构柜面" if holder == "*" else f"业务员 {holder}"
        print(f"  {first}–{last}  {who}")


def cmd_users(args: argparse.Namespace) -> int:
    store = _store(args)
    if args.users_cmd == "list":
        with store.reading() as session:
            rows = users.list_users(session)
        if args.json:
            print(json.dumps([{"username": u.username, "name": u.display_name, "roles": [r.value for r in u.roles],
                               "authority_level": u.authority_level, "active": u.active} for u in rows],
                             ensure_ascii=False))
        else:
            for u in rows:
                state = "" if u.active else "（已停用）"
                print(f"{u.username:<12} {u.display_name:<14} {'、'.join(r.label for r in u.roles)} {state}")
        return 0
    actor = _operator(store, args)
    with store.transaction() as session:
        if args.users_cmd == "add":
            password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else _read_password(args)
            users.add_user(session, actor=actor, username=args.username, display_name=args.name,
                           password=password, roles=[parse_role(r) for r in args.roles.split(",") if r],
                           authority_level=args.authority_level, must_change_password=True)
            print(f"已添加用户 {args.username}")
        elif args.users_cmd == "disable":
            users.set_active(session, actor=actor, username=args.username, active=False)
            print(f"已停用用户 {args.username}")
        elif args.users_cmd == "enable":
            users.set_active(session, actor=actor, username=args.username, active=True)
            print(f"已启用用户 {args.username}")
        elif args.users_cmd == "unlock":
            users.unlock(session, actor=actor, username=args.username)
            print(f"已解锁用户 {args.username}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    store = _store(args)
    with store.reading() as session:
        info = users.branch(session)
        counts = workflow.count_by_state(session)
    by_state = {s.value: counts.get(s, 0) for s in workflow.State}
    if args.json:
        print(json.dumps({"branch": info.branch_code, "branch_name": info.branch_name, "store": str(store.path),
                          "cases": sum(by_state.values()), "by_state": by_state}, ensure_ascii=False))
    else:
        print(f"{info.branch_code} {info.branch_name}  数据库 {store.path}")
        for s in workflow.State:
            print(f"  {s.label:<6} {by_state[s.value]:>8}")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    recover(store_path(args.data_dir), args.recovery_key)
    print("恢复密钥正确，已保存到本机凭据存储，数据库可以打开了。")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    store = _store(args)
    with store.reading() as session:
        result = audit.verify(session, anchor=store.audit_anchor())
    if args.json:
        print(json.dumps({"ok": result.ok, "entries": result.entries, "head_seq": result.head_seq,
                          "head_mac": result.head_mac, "problems": list(result.problems)}, ensure_ascii=False))
    else:
        print(f"审计记录 {result.entries} 条，链头 #{result.head_seq} {result.head_mac[:16]}…")
        for problem in result.problems:
            print(f"  ✗ {problem}")
        print("审计链完整。" if result.ok else "审计链校验失败！")
    return 0 if result.ok else 1


def cmd_intake(args: argparse.Namespace) -> int:
    """Register one proposal from a JSON description, with the same rules as the counter screen."""
    from desk_app.core import intake
    from desk_app.services import intake as intake_service

    try:
        data = json.loads(Path(args.json).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DomainError(f"无法读取受理描述文件 {args.json}：{exc}") from None
    request = intake.request_from_json(data)
    if args.confirm_past_date:
        request = dataclasses.replace(request, confirm_past_date=True)
    if args.confirm_duplicates:
        request = dataclasses.replace(request, confirm_duplicates=True)
    store = _store(args)
    actor = _operator(store, args)
    taken = intake_service.take_in(store, actor=actor, request=request, paper=not args.no_pdf).value
    result, paper = taken.result, taken.paper
    if paper is not None and args.pdf:
        Path(args.pdf).write_bytes(paper.pdf)
    if args.json_out:
        print(json.dumps({"case_no": result.case_no, "proposal_id": result.proposal_id,
                          "proposal_no": result.proposal_no, "outcome": result.outcome,
                          "deficiencies": list(result.deficiencies), "return_reasons": list(result.return_reasons),
                          "pdf_digest": paper.pdf_digest if paper else None}, ensure_ascii=False))
    else:
        print(result.case_no)
    return 0


def cmd_stationery(args: argparse.Namespace) -> int:
    from desk_app.core import stationery

    store = _store(args)
    actor = _operator(store, args)
    if args.st_cmd == "report":
        with store.reading() as session:
            rows = stationery.unused_report(session, older_than_days=args.days)
        if args.json:
            print(json.dumps([{"number": r.number, "holder": r.holder, "holder_name": r.holder_name,
                               "issued_at": r.issued_at.isoformat(), "days": r.days} for r in rows],
                             ensure_ascii=False))
        else:
            print(f"发放满 {args.days} 天仍未使用的单证：{len(rows)} 个")
            for r in rows:
                print(f"  {r.number}  {r.holder} {r.holder_name}  发放于 {r.issued_at:%Y-%m-%d}（{r.days} 天）")
        return 0
    with store.transaction() as session:
        if args.st_cmd == "receive":
            res = stationery.receive_batch(session, actor=actor, batch_no=args.batch, first=args.first,
                                           last=args.last)
        elif args.st_cmd == "issue":
            res = stationery.issue_range(session, actor=actor, first=args.first, last=args.last, holder=args.to)
        elif args.st_cmd == "void":
            res = stationery.void_range(session, actor=actor, first=args.first, last=args.last, reason=args.reason)
        elif args.st_cmd == "lost":
            res = stationery.report_lost(session, actor=actor, first=args.first, last=args.last, reason=args.reason)
        else:
            res = stationery.destroy_range(session, actor=actor, first=args.first, last=args.last,
                                           reason=args.reason)
    labels = {"receive": "入库", "issue": "发放", "void": "作废", "lost": "挂失", "destroy": "销毁"}
    print(f"已{labels[res.action]} {res.first}–{res.last}，共 {res.count} 个")
    return 0


def _process_files(paths: Sequence[Path], fmt: str, workers: int) -> tuple[list, list[str]]:
    """Decode and clean every file (in worker processes when asked); unreadable ones are reported."""
    from concurrent.futures import ProcessPoolExecutor

    from desk_app.core.scanning import service, sources

    done, errors = [], []
    jobs = []
    for path in paths:
        try:
            jobs.append((path.name, path.read_bytes()))
        except OSError as exc:
            errors.append(f"无法打开文件“{path}”：{exc.strerror}")
    if workers > 1:
        # Split by page, not by file: one long PDF or TIFF keeps every worker busy.
        with ProcessPoolExecutor(workers, initializer=service.worker_init) as pool:
            results = list(service.process_in_pool(pool, jobs, workers=workers, fmt=fmt))
    else:
        results = []
        for name, data in jobs:
            try:
                results.append(service.process_file(name, data, fmt=fmt))
            except sources.UnreadableFile as exc:
                results.append(exc)
    for r in results:
        if isinstance(r, sources.UnreadableFile):
            errors.append(r.message)
        else:
            done.append(r)
    return done, errors


def cmd_scan(args: argparse.Namespace) -> int:
    """`scan import`: files to pages of their cases; `scan watch`: the hot folder."""
    from desk_app.core.scanning import service
    from desk_app.scanfiles import SyncedPageFiles

    store = _store(args)
    actor = _operator(store, args)
    if args.scan_cmd == "import":
        files, errors = _process_files([Path(f) for f in args.files], args.format, args.workers)
        for e in errors:
            print(f"错误：{e}", file=sys.stderr)
        if files:
            with store.transaction() as session:
                out = service.store_batch(session, SyncedPageFiles(store), actor=actor, files=files, case=args.case)
            for o in out:
                print(json.dumps(o.as_json(), ensure_ascii=False) if args.json else
                      f"{o.source_name} 第{o.source_page + 1}页 → {o.case_no or '未索引'} {o.doc_type or ''} "
                      f"纠偏 {o.deskew_deg:+.2f}° 旋转 {o.rotation}°{' 空白页' if o.blank else ''}"
                      f"{' 有公章' if o.seal_found else ''} {' '.join(o.qc_flags)}")
        return 2 if errors else 0

    from desk_app.core.scanning import hotfolder
    from desk_app.services import scanning as scanning_service

    def handle(name: str, data: bytes, digest: str) -> bool:
        out = scanning_service.import_hot_file(store, actor=actor, name=name, data=data, digest=digest,
                                               fmt=args.format).value
        for o in out or ():
            print(json.dumps(o.as_json(), ensure_ascii=False), flush=True)
        return out is not None

    def report(t: hotfolder.Taken) -> None:
        print(f"{t.name}: {t.outcome} {t.reason}".rstrip(), file=sys.stderr, flush=True)

    root = Path(args.dir)
    if args.once:
        state = hotfolder.FolderState()
        hotfolder.ready_files(root, state, settle=0)
        for t in hotfolder.poll_once(root, state, handle, settle=0):
            report(t)
        hotfolder.purge_done(root, keep_days=args.keep_days)
        return 0
    print(f"正在监视 {root}（Ctrl+C 结束）", file=sys.stderr, flush=True)
    try:
        hotfolder.watch(root, handle, settle=args.settle, interval=args.interval, report=report,
                        keep_days=args.keep_days)
    except KeyboardInterrupt:
        pass
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from desk_app.ui.app import run_gui

    return run_gui(args.data_dir)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="desk-app", description="BranchDesk 业务处理中心柜面系统")
    p.add_argument("--data-dir", type=Path, default=None, help="数据目录（默认按操作系统惯例，或 BRANCHDESK_DATA_DIR）")
    sub = p.add_subparsers(dest="cmd")

    init = sub.add_parser("init", help="初始化本机机构和管理员")
    init.add_argument("--branch", required=True)
    init.add_argument("--branch-name", required=True)
    init.add_argument("--admin", required=True)
    init.add_argument("--password-stdin", action="store_true")
    init.set_defaults(func=cmd_init)

    dm = sub.add_parser("demo", help="创建演示数据库（参考数据、各角色用户、各环节案件）")
    dm.add_argument("--force", action="store_true", help="删除已有数据库后重建")
    dm.add_argument("--cases-per-state", type=int, default=4)
    dm.set_defaults(func=cmd_demo)

    us = sub.add_parser("users", help="用户管理")
    us_sub = us.add_subparsers(dest="users_cmd", required=True)
    ls = us_sub.add_parser("list")
    ls.add_argument("--json", action="store_true")
    for name in ("add", "disable", "enable", "unlock"):
        sp = us_sub.add_parser(name)
        sp.add_argument("username")
        sp.add_argument("--as", dest="as_user", required=True, help="执行操作的管理员或主管用户名")
        sp.add_argument("--password-stdin", action="store_true",
                        help="从标准输入读密码：第一行为 --as 用户的密码，add 时第二行为新用户密码")
        if name == "add":
            sp.add_argument("--name", required=True)
            sp.add_argument("--roles", required=True, help="逗号分隔，如 counter_clerk,entry_operator")
            sp.add_argument("--authority-level", type=int, default=0)
    us.set_defaults(func=cmd_users)

    st = sub.add_parser("status", help="各环节案件数")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_status)

    rc = sub.add_parser("recover", help="用恢复密钥在本机恢复数据库密钥")
    rc.add_argument("--recovery-key", required=True)
    rc.set_defaults(func=cmd_recover)

    au = sub.add_parser("audit", help="审计日志")
    au_sub = au.add_subparsers(dest="audit_cmd", required=True)
    av = au_sub.add_parser("verify", help="校验审计链（修改、删除、调序、截断）")
    av.add_argument("--json", action="store_true")
    au.set_defaults(func=cmd_audit)

    ik = sub.add_parser("intake", help="新单受理：按 JSON 描述登记一件投保单（规则与柜面界面相同）")
    ik.add_argument("--json", required=True, help="受理描述文件（JSON）")
    ik.add_argument("--as", dest="as_user", required=True, help="受理的柜面受理员用户名")
    ik.add_argument("--password-stdin", action="store_true")
    ik.add_argument("--confirm-past-date", action="store_true", help="确认生效日期已过仍受理（记录在案）")
    ik.add_argument("--confirm-duplicates", action="store_true", help="确认不是重复投保（记录在案）")
    ik.add_argument("--pdf", help="把受理回执或退件通知另存为此 PDF 文件")
    ik.add_argument("--no-pdf", action="store_true", help="不生成回执")
    ik.add_argument("--json-out", action="store_true", help="以 JSON 输出结果")
    ik.set_defaults(func=cmd_intake)

    sc = sub.add_parser("stationery", help="单证管理：入库、发放、作废、挂失、销毁、未使用报表（业务主管）")
    sc_sub = sc.add_subparsers(dest="st_cmd", required=True)
    for name in ("receive", "issue", "void", "lost", "destroy", "report"):
        sp = sc_sub.add_parser(name)
        sp.add_argument("--as", dest="as_user", required=True, help="业务主管用户名")
        sp.add_argument("--password-stdin", action="store_true")
        if name == "report":
            sp.add_argument("--days", type=int, default=30, help="发放满多少天仍未使用（按日历日）")
            sp.add_argument("--json", action="store_true")
            continue
        sp.add_argument("--first", required=True, help="起始单证号，如 T440100001")
        sp.add_argument("--last", required=True, help="终止单证号")
        if name == "receive":
            sp.add_argument("--batch", required=True, help="总公司下发批次号")
        elif name == "issue":
            sp.add_argument("--to", required=True, help="业务员代码，或 * 表示本机构柜面")
        else:
            sp.add_argument("--reason", required=True)
    sc.set_defaults(func=cmd_stationery)

    sn = sub.add_parser("scan", help="扫描：导入扫描文件，或监视扫描仪的热文件夹")
    sn_sub = sn.add_subparsers(dest="scan_cmd", required=True)
    si = sn_sub.add_parser("import", help="导入 JPEG/PNG/TIFF/PDF 文件，每页输出一行")
    si.add_argument("files", nargs="+")
    si.add_argument("--case", help="第一张封面页之前的页面所属的案件号或投保单号")
    si.add_argument("--workers", type=int, default=2, help="并行处理的进程数")
    sw = sn_sub.add_parser("watch", help="监视热文件夹：完整写入的文件导入一次，移到 done/ 或 failed/")
    sw.add_argument("dir")
    sw.add_argument("--settle", type=float, default=2.0, help="文件大小多少秒不变才算写完")
    sw.add_argument("--interval", type=float, default=1.0)
    sw.add_argument("--once", action="store_true", help="只处理当前已有的文件后退出")
    sw.add_argument("--keep-days", type=float, default=KEEP_DONE_DAYS,
                    help="done/ 中已导入的原始文件保留天数（原件已加密存入本机），到期删除")
    for sp in (si, sw):
        sp.add_argument("--as", dest="as_user", required=True, help="扫描员用户名")
        sp.add_argument("--password-stdin", action="store_true")
        sp.add_argument("--format", choices=("jpeg", "png", "tiff"), default="jpeg",
                        help="存储格式：灰度 JPEG，或黑白 PNG / TIFF G4")
        sp.add_argument("--json", action="store_true", help="每页输出一个 JSON 对象")
    sn.set_defaults(func=cmd_scan)

    gui = sub.add_parser("gui", help="启动图形界面（默认）")
    gui.set_defaults(func=cmd_gui)
    register_sync(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.data_dir is None:
        args.data_dir = default_data_dir()
    func = getattr(args, "func", cmd_gui)
    try:
        setup_logging(args.data_dir)
        return func(args)
    except (DomainError, StoreOpenError, KeyStoreError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    finally:
        while _opened:
            _opened.pop().close()


if __name__ == "__main__":
    sys.exit(main())
