"""The head-office database: engine set-up for PostgreSQL and SQLite, and migrations.

SQLite (the embedded default) gets the same treatment as the branch store: WAL, a busy
timeout and BEGIN IMMEDIATE so two server processes never deadlock on a lock upgrade.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

HERE = Path(__file__).resolve().parent
ENV_DB = "BRANCHDESK_SERVER_DB"
ENV_DATA = "BRANCHDESK_SERVER_DATA"


def data_dir() -> Path:
    env = os.environ.get(ENV_DATA)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("BranchDeskServer", "BranchDesk"))


def resolve_url(url: str | None) -> str:
    """`--db`, else BRANCHDESK_SERVER_DB, else a SQLite file in the server's data directory."""
    url = url or os.environ.get(ENV_DB)
    if not url:
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{folder / 'server.db'}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str, *, write: bool = True, **kw: Any) -> Engine:
    """An engine; on SQLite `write=False` begins deferred (read) transactions."""
    url = resolve_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kw)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA busy_timeout = 30000")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = FULL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    kw.setdefault("pool_size", 10)
    kw.setdefault("max_overflow", 10)
    kw.setdefault("pool_pre_ping", True)
    return create_engine(url, **kw)


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def alembic_config(url: str) -> Config:
    cfg = Config(str(HERE / "alembic.ini"))
    cfg.set_main_option("script_location", str(HERE / "migrations"))
    cfg.set_main_option("sqlalchemy.url", resolve_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str) -> None:
    """Create or migrate the head-office database to the newest revision."""
    command.upgrade(alembic_config(url), "head")
