"""Opening the store at start-up: refuse a newer database, back up, migrate to head.

The revision is read through a read-only sqlite3 connection first, so a database written by
a newer BranchDesk is never touched (not even switched to WAL) before it is refused.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from desk_app.store.db import Store

HERE = Path(__file__).resolve().parent
KEEP_BACKUPS = 5


class StoreTooNewError(Exception):
    """The database was written by a newer BranchDesk than this one."""

    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"数据库 {path} 由更新版本的 BranchDesk 写入（版本标识 {revision}），"
            "本程序无法安全打开。请升级 BranchDesk 后再试；数据库未作任何修改。"
        )
        self.revision = revision


def alembic_config(path: Path) -> Config:
    cfg = Config(str(HERE / "alembic.ini"))
    cfg.set_main_option("script_location", str(HERE / "migrations"))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config(Path("unused.db"))).get_current_head()
    assert head is not None
    return head


def current_revision(path: Path) -> str | None:
    """The revision stamped in the file, read without writing anything."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    # mode=ro on a WAL database creates (and leaves) -wal and -shm files beside it. Without a
    # -wal file everything is in the main file, so read it as immutable: no side files at all.
    flags = "mode=ro" if Path(f"{path}-wal").exists() else "immutable=1"
    conn = sqlite3.connect(f"file:{path}?{flags}", uri=True)
    try:
        row = conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if row is None:
            return None
        rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return rev[0] if rev else None
    finally:
        conn.close()


def backup(path: Path) -> Path:
    """A consistent copy through SQLite's backup API (safe while WAL holds recent pages)."""
    folder = path.parent / "backups"
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}.db"
    src = sqlite3.connect(path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    old = sorted(folder.glob(f"{path.stem}-*.db"))
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink()
    return target


def open_store(path: Path) -> Store:
    """Open (creating if needed) and migrate the store; raises StoreTooNewError."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    head = head_revision()
    rev = current_revision(path)
    if rev is not None and rev != head:
        known = {s.revision for s in ScriptDirectory.from_config(alembic_config(path)).walk_revisions()}
        if rev not in known:
            raise StoreTooNewError(path, rev)
        backup(path)
    store = Store(path)
    if rev != head:
        with store.engine.begin() as conn:
            cfg = alembic_config(path)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return store
