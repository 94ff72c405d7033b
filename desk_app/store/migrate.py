"""Opening the store at start-up: key, refuse a newer database, back up, migrate to head.

Order matters: the key is checked and the revision is read through a read-only connection
before anything else, so a store that is too new, or whose key is missing or wrong, is
refused without a byte of it changing (not even a switch to WAL). An old plaintext store is
converted once: exported into a new encrypted file, verified, then swapped in.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.errors import Refusal
from desk_app.store import keys
from desk_app.store.db import LEGACY_PAGE_HMAC, PAGE_HMAC, Store, attach_encrypted, raw_connect

if TYPE_CHECKING:
    from alembic.config import Config

# alembic (and the migration scripts it loads) took ~0.3 s at every start of the window and of
# every command, only to learn the head revision: it is imported where a store is migrated or a
# revision looked up, and the head is read from the scripts' text (head_revision).

HERE = Path(__file__).resolve().parent
KEEP_BACKUPS = 5
SQLITE_HEADER = b"SQLite format 3\x00"


log = logging.getLogger(__name__)


class StoreOpenError(Refusal):
    """The store cannot be opened; the message says why and what to do (Chinese)."""


class StoreTooNewError(StoreOpenError):
    """The database was written by a newer BranchDesk than this one."""

    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"数据库 {path} 由更新版本的 BranchDesk 写入（版本标识 {revision}），"
            "本程序无法安全打开。请升级 BranchDesk 后再试；数据库未作任何修改。"
        )
        self.revision = revision


class StoreKeyMissingError(StoreOpenError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"本机找不到数据库 {path} 的密钥（数据库可能是从其他电脑复制来的）。"
            "请用恢复密钥运行 desk-app recover，或从总公司恢复本机构数据。数据库未作任何修改。"
        )


class StoreKeyWrongError(StoreOpenError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"数据库 {path} 无法用本机保存的密钥打开（密钥不匹配或文件已损坏）。"
            "请用恢复密钥运行 desk-app recover，或从备份恢复。数据库未作任何修改。"
        )


class StoreDamagedError(StoreOpenError):
    """The key is right (by its check in store.json) but the file does not read back whole."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"数据库 {path} 已损坏（密钥正确，但文件内容校验失败）。"
            f"请停止在本机办理业务，由业务主管用最近的备份恢复（备份在 {path.parent / 'backups'}）。数据库未作任何修改。"
        )


# At start-up the store is checked for damage for at most this long (PRAGMA quick_check reads every
# page; a large store is checked in full by `desk-app store check` instead).
QUICK_CHECK_SECONDS = 1.0


def check_pages(path: Path, secret: bytes | None, *, seconds: float | None = QUICK_CHECK_SECONDS,
                full: bool = False) -> list[str]:
    """Problems SQLite finds in the file (empty when none, or when the time ran out first)."""
    conn = _read_only(path, secret)
    deadline = None if seconds is None else time.monotonic() + seconds
    if deadline is not None:
        conn.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    try:
        rows = conn.execute("PRAGMA integrity_check(20)" if full else "PRAGMA quick_check(20)").fetchall()
    except Exception as exc:  # interrupted (time ran out), or the file failed under the check
        if "interrupt" in str(exc).lower():
            return []
        return [str(exc)]
    finally:
        conn.close()
    problems = [r[0] for r in rows]
    return [] if problems == ["ok"] else problems


def alembic_config(path: Path) -> Config:
    from alembic.config import Config

    cfg = Config(str(HERE / "alembic.ini"))
    cfg.set_main_option("script_location", str(HERE / "migrations"))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    return cfg


def head_revision() -> str:
    """The newest migration's revision (alembic's answer where the scripts' text is not plain)."""
    head = _head_from_script_text(HERE / "migrations" / "versions")
    if head is None:
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(alembic_config(Path("unused.db"))).get_current_head()
    assert head is not None
    return head


def _head_from_script_text(versions: Path) -> str | None:
    """The one revision no script names as its down_revision, from the literal `revision` and
    `down_revision` assignments of the scripts; None when any is not a literal or there is not
    exactly one head (alembic then decides)."""
    import ast

    revisions: set[str] = set()
    parents: set[str] = set()
    for script in versions.glob("*.py"):
        if script.name == "__init__.py":
            continue
        found: dict[str, object] = {}
        for node in ast.parse(script.read_text(encoding="utf-8")).body:
            target = node.target if isinstance(node, ast.AnnAssign) else (
                node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") and node.value:
                try:
                    found[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    return None
        revision, down = found.get("revision"), found.get("down_revision")
        if not isinstance(revision, str):
            return None
        revisions.add(revision)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, (tuple, list)):
            parents.update(str(d) for d in down)
        elif down is not None:
            return None
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def is_plaintext(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(16) == SQLITE_HEADER


def _read_only(path: Path, secret: bytes | None, hmac: str = PAGE_HMAC):  # noqa: ANN202 - DB-API connection
    # mode=ro on a WAL database creates (and leaves) -wal and -shm files beside it. Without a
    # -wal file everything is in the main file, so read it as immutable: no side files at all.
    flags = "mode=ro" if Path(f"{path}-wal").exists() else "immutable=1"
    return raw_connect(path, secret, uri_flags=flags, hmac=hmac)


def current_revision(path: Path, secret: bytes | None, hmac: str = PAGE_HMAC) -> str | None:
    """The revision stamped in the file, read without writing anything."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    conn = _read_only(path, secret, hmac)
    try:
        try:
            row = conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
        except Exception as exc:  # sqlcipher3.DatabaseError: "file is not a database"
            raise StoreKeyWrongError(path) from exc
        if row is None:
            return None
        rev = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return rev[0] if rev else None
    finally:
        conn.close()


def _export(source: Path, source_secret: bytes | None, target: Path, target_secret: bytes, *,
            source_hmac: str = PAGE_HMAC) -> None:
    """Copy a whole database into a new encrypted file (this version's settings) with sqlcipher_export."""
    target.unlink(missing_ok=True)
    conn = raw_connect(source, source_secret, hmac=source_hmac)
    try:
        attach_encrypted(conn, target, "target", target_secret)
        conn.execute("SELECT sqlcipher_export('target')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA target.user_version = {int(version)}")
        conn.execute("DETACH DATABASE target")
    finally:
        conn.close()


def _table_counts(path: Path, secret: bytes | None, hmac: str = PAGE_HMAC) -> dict[str, int]:
    conn = raw_connect(path, secret, hmac=hmac)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise StoreOpenError(f"数据库 {path} 完整性检查未通过，请从备份恢复。")
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def backup(path: Path, secret: bytes) -> Path:
    """An encrypted, consistent copy in backups/ (same key as the store); keeps the newest few."""
    folder = path.parent / "backups"
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}.db"
    _export(path, secret, target, secret)
    old = sorted(folder.glob(f"{path.stem}-*.db"))
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink()
    return target


def encrypt_plaintext_store(path: Path, secret: bytes) -> None:
    """Convert an old plaintext store in place: export, verify row counts, swap, remove plaintext."""
    tmp = path.with_name(path.name + ".encrypting")
    _export(path, None, tmp, secret)
    if _table_counts(tmp, secret) != _table_counts(path, None):
        tmp.unlink()
        raise StoreOpenError("数据库加密转换校验失败，原数据库保持不变。请联系系统管理员。")
    _swap_in(tmp, path)
    # Older backups were plaintext too: they must not outlive the conversion.
    for old in (path.parent / "backups").glob(f"{path.stem}-*.db"):
        if is_plaintext(old):
            old.unlink()


def _swap_in(tmp: Path, path: Path) -> None:
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def uses_legacy_cipher(path: Path, secret: bytes) -> bool:
    """True when the store opens with the key only under the older page MAC (HMAC-SHA512)."""
    try:
        current_revision(path, secret)
        return False
    except StoreKeyWrongError:
        try:
            current_revision(path, secret, LEGACY_PAGE_HMAC)
        except StoreKeyWrongError:
            return False  # the key is wrong under both: let the caller refuse it as such
        return True


def convert_legacy_cipher(path: Path, secret: bytes) -> None:
    """Re-encrypt a store made with the older page MAC, once: export, verify row counts, swap.
    The old file's backups stay as they are (they are encrypted, and this converts them too
    when one is restored)."""
    if Path(f"{path}-wal").exists():  # fold a left-over WAL in first, under the old settings
        conn = raw_connect(path, secret, hmac=LEGACY_PAGE_HMAC)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    tmp = path.with_name(path.name + ".rekeying")
    _export(path, secret, tmp, secret, source_hmac=LEGACY_PAGE_HMAC)
    if _table_counts(tmp, secret) != _table_counts(path, secret, LEGACY_PAGE_HMAC):
        tmp.unlink()
        raise StoreOpenError("数据库加密格式升级校验失败，原数据库保持不变。请联系系统管理员。")
    _swap_in(tmp, path)


def open_store(path: Path) -> Store:
    """Open (creating if needed) and migrate the store; raises StoreOpenError subclasses."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    exists = path.exists() and path.stat().st_size > 0
    secret = keys.load_secret(path.parent)
    new_recovery = None
    if exists and is_plaintext(path):
        if secret is None:
            secret = keys.create_secret(path.parent)
            new_recovery = keys.recovery_key(secret)
        encrypt_plaintext_store(path, secret)
    elif exists and secret is None:
        raise StoreKeyMissingError(path)
    elif not exists:
        if secret is None:
            secret = keys.create_secret(path.parent)
            new_recovery = keys.recovery_key(secret)
    head = head_revision()
    try:
        rev = current_revision(path, secret)
    except StoreKeyWrongError:
        # Only a store that does not open is tried under the older page MAC: the usual start
        # opens the file once, as before.
        if not uses_legacy_cipher(path, secret):
            if keys.key_matches(path.parent, secret):
                raise StoreDamagedError(path) from None
            raise
        convert_legacy_cipher(path, secret)
        rev = current_revision(path, secret)
    if exists:
        problems = check_pages(path, secret)
        if problems:
            log.error("store %s failed its quick check: %s", path, "; ".join(problems))
            raise StoreDamagedError(path)
    keys.remember_key_check(path.parent, secret)
    if rev is not None and rev != head:
        from alembic.script import ScriptDirectory

        known = {s.revision for s in ScriptDirectory.from_config(alembic_config(path)).walk_revisions()}
        if rev not in known:
            raise StoreTooNewError(path, rev)
        backup(path, secret)
    store = Store(path, secret)
    store.new_recovery_key = new_recovery
    if rev != head:
        from alembic import command

        with store.engine.begin() as conn:
            cfg = alembic_config(path)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        # Start the day on fresh connections: on SQLCipher the connection that ran the
        # migrations stays ~10 % slower per action for as long as it lives (measured with
        # bench/privacy.py --interleaved; a store opened without migrating is not affected).
        store.engine.dispose()
    return store


def recover(path: Path, recovery_key: str) -> None:
    """Put a store's secret back into this PC's credential store from its recovery key."""
    secret = keys.secret_from_recovery_key(recovery_key)
    if path.exists():
        current_revision(path, secret)  # raises StoreKeyWrongError if the key does not open it
    keys.save_secret(path.parent, secret)
