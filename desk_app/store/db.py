"""SQLite set up in one place: every connection of the branch store is configured here.

WAL so readers never wait for the writer, synchronous=FULL because counter PCs lose power,
foreign keys on, a busy timeout so a second process (sync, CLI) waits instead of failing.
pysqlite's own transaction handling is switched off and BEGIN is emitted by us, so
SAVEPOINTs work and writes start with BEGIN IMMEDIATE (no lock-upgrade deadlocks between
two processes that both read then write).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000


def _configure(engine: Engine, begin: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(begin)


def make_engine(path: Path, *, write: bool = True) -> Engine:
    """An engine on the store file; `write=False` begins deferred (read) transactions."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    _configure(engine, "BEGIN IMMEDIATE" if write else "BEGIN")
    return engine


class Store:
    """The open branch store: one file, a writer and a reader session factory."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.engine = make_engine(self.path, write=True)
        self.read_engine = make_engine(self.path, write=False)
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = sessionmaker(self.read_engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commit on success, roll back on any error."""
        with self._writer.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A consistent read snapshot (deferred transaction); writes are refused by SQLite's query_only."""
        with self._reader() as session, session.begin():
            session.execute(text("PRAGMA query_only = ON"))
            try:
                yield session
            finally:
                session.execute(text("PRAGMA query_only = OFF"))

    def close(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()
