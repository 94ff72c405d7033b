"""Sync figures over real HTTP against a real `sync-server` process, on SQLite and PostgreSQL.

    .venv/bin/python bench/sync.py [--changes 100000] [--big 1000000] [--small 10000] [--only sqlite|postgresql]
                                   [--parts push,pull,poll,incremental,pages] [--profile DIR]

`--parts push,pull` runs only the bulk figures (quick iteration); `--profile DIR` records the
server and this process with py-spy (speedscope files, one per part) while push and pull run.

Prints: push changes/s (a branch pushing --changes outbox changes), first-pull records/s (a new
PC of that branch pulling them), the median empty poll, an incremental sync of 10 changes with
head office holding --small and --big rows of other branches, and page bytes sent when
re-syncing pages head office already holds (goal 0). Figures, not pass/fail.

Absolute times move with the machine, so each run also measures a floor on the same machine at the
same moment: the same rows (the pushed changes' ids, tables, row ids and payloads) written
straight into a PostgreSQL table with COPY, and read straight back with one SELECT; push and pull
are printed as multiples of it (a change of the server's code shows in the multiple).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import text

# Run as a script: put the checkout first (not bench/, whose queue.py would shadow the stdlib),
# and keep the throw-away stores' keys in a plain-file keyring in a temp folder.
sys.path[0] = str(Path(__file__).resolve().parents[1])
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="bd-bench-keys-"))

from desk_app.core import demo, users  # noqa: E402
from desk_app.store.migrate import open_store  # noqa: E402
from desk_app.sync import engine, enrolment, pull, push, report, state  # noqa: E402
from desk_app.sync.pages import add_page_file  # noqa: E402
from desk_app.sync.transport import Transport  # noqa: E402
from sync_server import db as server_db  # noqa: E402
from tests.server.harness import PgCluster, ServerProcess, enrolment_code, new_server_db  # noqa: E402


def _noop(*_a: object) -> None:
    return None


def outbox_size(store) -> int:
    return state.read_status(store).pending


def fill_branch(path: Path, changes: int):
    """A demo branch store whose outbox holds about `changes` captured changes (Core bulk inserts)."""
    store = open_store(path)
    with store.transaction() as s:
        demo.create_demo(s, cases_per_state=0)
    n = 0
    while outbox_size(store) < changes:
        with store.transaction() as s:
            demo.bulk_cases(s, n=500, seed=7 + n)
        n += 1
    return store


def new_pc(path: Path, code: str):
    store = open_store(path)
    with store.transaction() as s:
        users.init_branch(s, branch_code=code, branch_name="新电脑", admin_username="newpc", admin_password="Demo2026x")
    return store


def fill_server(db_url: str, rows: int, org: str = "GD0102") -> None:
    """Head office holding `rows` rows (feed, state and receipts) of another branch."""
    eng = server_db.make_engine(db_url)
    with eng.begin() as conn:
        start = conn.execute(text("SELECT coalesce(max(seq), 0) FROM feed")).scalar() or 0
    step = 20_000
    for base in range(0, rows, step):
        batch = []
        for i in range(base, min(rows, base + step)):
            rid = str(uuid.UUID(int=random.getrandbits(128)))
            batch.append({"seq": start + i + 1, "rid": rid, "org": org, "cid": uuid.uuid4().hex,
                          "payload": json.dumps({"id": rid, "branch_code": org, "state": "RECEIVED"})})
        with eng.begin() as conn:
            conn.execute(text("INSERT INTO feed (seq, org_code, lane, op, table_name, row_id, version, payload, "
                              "origin_device) VALUES (:seq, :org, 'own', 'upsert', 'proposals', :rid, :seq, "
                              ":payload, NULL)"), batch)
            conn.execute(text("INSERT INTO rows (table_name, row_id, org_code, case_id, clash_key, payload, version, "
                              "writer_device, writer_org) VALUES ('proposals', :rid, :org, :rid, NULL, :payload, "
                              ":seq, NULL, :org)"), batch)
            conn.execute(text("INSERT INTO received (change_id, device_id, payload_hash, status, version, "
                              "conflict_id) VALUES (:cid, 'bench', 'x', 'applied', :seq, NULL)"), batch)
    if eng.dialect.name == "postgresql":
        with eng.begin() as conn:
            conn.execute(text("ANALYZE"))
    eng.dispose()


@contextlib.contextmanager
def profiled(args: argparse.Namespace, name: str, pids: dict[str, int]):
    """py-spy record of each pid while the block runs (only with --profile)."""
    if not args.profile:
        yield
        return
    spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or "py-spy"
    out = Path(args.profile)
    out.mkdir(parents=True, exist_ok=True)
    procs = [subprocess.Popen([spy, "record", "-p", str(pid), "-r", "50", "--nonblocking", "-f", "speedscope",
                               "-o", str(out / f"{name}-{who}.json")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for who, pid in pids.items()]
    time.sleep(1.0)  # py-spy attaches
    try:
        yield
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGINT)
        for proc in procs:
            proc.wait(60)


def _ticks(pid: int, children: bool = False) -> int:
    try:
        f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(f[11]) + int(f[12]) + (int(f[13]) + int(f[14]) if children else 0)


def cpu_seconds(pids: dict[str, int], pg: PgCluster | None) -> dict[str, float]:
    """CPU time used so far by this process, the server and PostgreSQL (postmaster and its backends):
    on a shared machine the wall time alone says little."""
    hz = os.sysconf("SC_CLK_TCK")
    out = {"client": _ticks(os.getpid()) / hz, "server": _ticks(pids["server"]) / hz}
    if pg is not None:
        master = pg.server.get_pid() or 0
        kids = [int(d.name) for d in Path("/proc").iterdir() if d.name.isdigit()
                and _ppid(int(d.name)) == master]
        out["postgres"] = (_ticks(master, children=True) + sum(_ticks(k) for k in kids)) / hz
    return out


def _ppid(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return -1


def floor(pg: PgCluster, rows: list[tuple[str, str, str, str]]) -> tuple[float, float]:
    """Seconds to COPY `rows` into a fresh PostgreSQL table (one transaction, committed) and to
    read them all back: what moving these bytes through PostgreSQL costs at least."""
    import psycopg

    name = pg.create_database().split("@/", 1)[1].split("?")[0]
    with psycopg.connect(f"postgresql://postgres@/{name}?host={pg.socket_dir}") as conn:
        conn.execute("CREATE TABLE floor (change_id text, table_name text, row_id text, payload text)")
        conn.commit()
        t0 = time.perf_counter()
        with conn.cursor() as cur, cur.copy("COPY floor (change_id, table_name, row_id, payload) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        conn.commit()
        copy_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        with conn.cursor() as cur:
            got = cur.execute("SELECT change_id, table_name, row_id, payload FROM floor").fetchall()
        read_s = time.perf_counter() - t0
    assert len(got) == len(rows)
    return copy_s, read_s


def outbox_rows(store) -> list[tuple[str, str, str, str]]:
    with store.reading() as s:
        return [tuple(r) for r in s.execute(text("SELECT change_id, table_name, row_id, payload FROM sync_outbox"))]


def _cpu_line(before: dict[str, float], after: dict[str, float]) -> str:
    return "  ".join(f"{k} {after[k] - before[k]:.1f}" for k in after)


def run(kind: str, args: argparse.Namespace, pg: PgCluster | None) -> dict[str, float]:
    tmp = Path(tempfile.mkdtemp(prefix=f"bd-bench-{kind}-"))
    out: dict[str, float] = {}
    db_url = new_server_db(kind, tmp, pg)
    srv = ServerProcess(db_url, tmp / "blobs", tmp / "server.log").start()
    try:
        branch = fill_branch(tmp / "a" / "branch.db", args.changes)
        enrolment.enrol(branch, server_url=srv.url, code=enrolment_code(db_url, "GD0101"))
        n = outbox_size(branch)
        tr = Transport(srv.url, _token(branch))
        pids = {"server": srv.proc.pid, "client": os.getpid()}
        with profiled(args, f"{kind}-push", pids):
            c0, t0 = cpu_seconds(pids, pg), time.perf_counter()
            push.push(branch, tr, report.SyncReport(), _noop, "GD0101")
            dt_push = time.perf_counter() - t0
            out["push_cpu"] = _cpu_line(c0, cpu_seconds(pids, pg))
        out["push_changes"] = n
        out["push_s"] = dt_push
        out["push_per_s"] = n / dt_push
        if pg is not None:
            out["floor_copy_s"], out["floor_read_s"] = floor(pg, outbox_rows(branch))

        if "pull" not in args.parts:
            return out
        # The first pull needs --changes records a new PC receives (audit entries are never sent back).
        while True:
            with branch.reading() as s:
                pullable = s.execute(text("SELECT count(*) FROM sync_outbox WHERE table_name <> 'audit_log'")).scalar()
            if pullable >= args.changes:
                break
            with branch.transaction() as s:
                demo.bulk_cases(s, n=500, seed=random.randrange(10**6))
        push.push(branch, tr, report.SyncReport(), _noop, "GD0101")
        pc = new_pc(tmp / "b" / "branch.db", "GD0101")
        enrolment.enrol(pc, server_url=srv.url, code=enrolment_code(db_url, "GD0101"))
        tr2 = Transport(srv.url, _token(pc))
        rep = report.SyncReport()
        with profiled(args, f"{kind}-pull", pids):
            c0, t0 = cpu_seconds(pids, pg), time.perf_counter()
            pull.pull(pc, tr2, rep, _noop, "GD0101")
            dt_pull = time.perf_counter() - t0
            out["pull_cpu"] = _cpu_line(c0, cpu_seconds(pids, pg))
        out["pull_records"] = rep.pulled
        out["pull_s"] = dt_pull
        out["pull_per_s"] = rep.pulled / dt_pull
        if "pull" in args.parts:
            _check_copy(branch, pc)
        if not {"poll", "incremental", "pages"} & set(args.parts):
            return out

        cursor = state.read_status(pc).cursor
        polls = []
        for _ in range(200):
            t0 = time.perf_counter()
            tr2.pull(cursor, 5000)
            polls.append(time.perf_counter() - t0)
        out["empty_poll_ms"] = statistics.median(polls) * 1000
        if not {"incremental", "pages"} & set(args.parts):
            return out

        # Incremental: 10 changes made at the branch, pushed and pulled, small vs big head office.
        for label, rows in (("small", args.small), ("big", args.big)):
            fill_server(db_url, rows if label == "small" else rows - args.small)
            _settle(db_url)
            engine.sync_once(branch)
            engine.sync_once(pc)
            times = []
            for _ in range(5):
                with branch.transaction() as s:
                    demo.bulk_cases(s, n=1, seed=random.randrange(10**6), states=[demo.State.RECEIVED])
                    # bulk_cases writes proposal, product, event, audit: add rows up to 10 changes
                    demo.bulk_cases(s, n=1, seed=random.randrange(10**6), states=[demo.State.SCANNED])
                    demo.bulk_cases(s, n=1, seed=random.randrange(10**6), states=[demo.State.RECEIVED])
                t0 = time.perf_counter()
                engine.sync_once(branch)
                engine.sync_once(pc)
                times.append(time.perf_counter() - t0)
            out[f"incremental_{label}_ms"] = statistics.median(times) * 1000

        # Pages: upload 20, then forget locally that they were sent and sync again.
        with branch.transaction() as s:
            for i in range(20):
                add_page_file(s, branch, data=random.Random(i).randbytes(200_000), branch_code="GD0101")
        engine.sync_once(branch)
        with branch.transaction() as s:
            s.execute(text("DELETE FROM sync_blob_uploads"))
        tr3 = Transport(srv.url, _token(branch))
        engine.sync_once(branch, transport=tr3)
        out["resync_page_bytes"] = tr3.file_bytes_sent
    finally:
        srv.stop()
    return out


def _check_copy(branch, pc) -> None:
    """The new PC holds exactly the branch's proposals, events and products (a fast pull must be a full one)."""
    for table in ("proposals", "proposal_products", "case_events"):
        q = text(f"SELECT * FROM {table} ORDER BY id")
        with branch.reading() as s:
            want = s.execute(q).all()
        with pc.reading() as s:
            got = s.execute(q).all()
        if want != got:
            raise AssertionError(f"{table}: the new PC holds {len(got)} rows, the branch {len(want)}; they differ")


def _settle(db_url: str) -> None:
    """After a bulk fill: fold SQLite's WAL back / refresh PostgreSQL statistics, as a live server would be."""
    eng = server_db.make_engine(db_url)
    with eng.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    if eng.dialect.name == "sqlite":
        raw = sqlite3.connect(eng.url.database)
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.close()
    eng.dispose()


def _token(store) -> str:
    with store.reading() as s:
        return s.execute(text("SELECT device_token FROM sync_state")).scalar()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=100_000)
    ap.add_argument("--big", type=int, default=1_000_000)
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--only", choices=["sqlite", "postgresql"])
    ap.add_argument("--parts", default="push,pull,poll,incremental,pages",
                    type=lambda v: [x for x in v.split(",") if x])
    ap.add_argument("--profile", metavar="DIR", help="py-spy speedscope profiles of push and pull into DIR")
    args = ap.parse_args()
    kinds = [args.only] if args.only else ["sqlite", "postgresql"]
    pg = PgCluster()  # the floor is measured on PostgreSQL for both kinds
    try:
        for kind in kinds:
            r = run(kind, args, pg)
            print(f"== {kind} ==")
            print(f"push   {r['push_changes']:>8,.0f} changes in {r['push_s']:6.2f} s  = {r['push_per_s']:>9,.0f} changes/s"
                  f"   (cpu s: {r['push_cpu']})")
            if "floor_copy_s" in r:
                print(f"floor  the same rows COPY'd into PostgreSQL in {r['floor_copy_s']:6.2f} s, read back in "
                      f"{r['floor_read_s']:6.2f} s;  push = {r['push_s'] / r['floor_copy_s']:.1f} x floor")
            if "pull_s" not in r:
                continue
            print(f"pull   {r['pull_records']:>8,.0f} records in {r['pull_s']:6.2f} s  = {r['pull_per_s']:>9,.0f} records/s"
                  f"   (cpu s: {r['pull_cpu']})")
            if "floor_read_s" in r:
                print(f"       pull = {r['pull_s'] / r['floor_read_s']:.1f} x floor (read back)")
            if "empty_poll_ms" not in r:
                continue
            print(f"empty poll (median of 200)          {r['empty_poll_ms']:8.2f} ms")
            if "incremental_small_ms" not in r:
                continue
            print(f"incremental 10 changes, {args.small:>9,} rows  {r['incremental_small_ms']:8.1f} ms")
            print(f"incremental 10 changes, {args.big:>9,} rows  {r['incremental_big_ms']:8.1f} ms"
                  f"  (ratio {r['incremental_big_ms'] / r['incremental_small_ms']:.2f})")
            print(f"page bytes sent re-syncing 20 pages  {r['resync_page_bytes']:>8,} bytes")
            sys.stdout.flush()
    finally:
        if pg:
            pg.stop()


if __name__ == "__main__":
    main()
