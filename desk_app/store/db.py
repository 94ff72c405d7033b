"""SQLite set up in one place: every connection of the branch store is configured here.

The file is encrypted with SQLCipher (raw 256-bit key derived from the store secret, see
store.keys); `secret=None` opens a plaintext file, used only to convert an old store.

WAL so readers never wait for the writer, synchronous=FULL because counter PCs lose power,
foreign keys on, a busy timeout so a second process (sync, CLI) waits instead of failing.
pysqlite's own transaction handling is switched off and BEGIN is emitted by us, so
SAVEPOINTs work and writes start with BEGIN IMMEDIATE (no lock-upgrade deadlocks between
two processes that both read then write).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import sqlcipher3 as sqlcipher
from sqlalchemy import URL, Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from desk_app.store.errors import READ_ONLY, storage_failure
from desk_app.store.filestore import NEW_FILES, EncryptedFileStore
from desk_app.store.keys import db_passphrase, derive, load_anchor, save_anchor

# session.info keys shared with core.audit (the store cannot import core: layers point down).
AUDIT_KEY = "audit_key"
AUDIT_HEAD = "audit_head"

BUSY_TIMEOUT_MS = 10_000

# SQLCipher's page MAC. HMAC-SHA256 runs on the CPU's SHA extensions and costs about half of
# SQLCipher 4's default HMAC-SHA512 per page written (bench/privacy.py: the encrypted step went
# from ~+13 % to ~+8 % over plaintext). Stores made before used SHA512; open_store converts them.
PAGE_HMAC = "HMAC_SHA256"
LEGACY_PAGE_HMAC = "HMAC_SHA512"


_cipher_log_quiet = False


def quiet_cipher_log() -> None:
    """Silence SQLCipher's own log (process-wide, once). It writes "ERROR CORE … hmac check failed"
    to stderr for a wrong key, a damaged page and every successful conversion of an older store;
    the person gets the Chinese refusal instead, and the details are in the exception."""
    global _cipher_log_quiet
    if not _cipher_log_quiet:
        conn = sqlcipher.connect(":memory:")
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")
        finally:
            conn.close()
        _cipher_log_quiet = True


def apply_cipher(conn: Any, *, schema: str = "", hmac: str = PAGE_HMAC) -> None:
    """Cipher settings of a keyed connection (or attached schema): before its first page is read."""
    prefix = f"{schema}." if schema else ""
    conn.execute(f"PRAGMA {prefix}cipher_hmac_algorithm = {hmac}")


def attach_encrypted(conn: Any, path: Path, schema: str, secret: bytes) -> None:
    """ATTACH a (new) encrypted store file under `schema` with the store's key and settings."""
    conn.execute(f'ATTACH DATABASE ? AS {schema} KEY "{db_passphrase(secret)}"', (str(path),))
    apply_cipher(conn, schema=schema)

# The audit anchor is rewritten at most this often (seconds). A counter action every few seconds
# anchors each head; a burst (a batch of scans, a pull) anchors its newest head once per interval
# instead of once per commit, so the keyring write never competes with the counter's own work.
ANCHOR_INTERVAL_S = 1.0


# Drafts (a field saved as it is keyed) commit with synchronous=NORMAL: in WAL mode that survives
# the app crashing, and a power cut can lose only the last drafts, never corrupt the file; an
# fsync per field would keep the operator waiting (4–20 ms on a branch PC's disk, against 0.05 ms).
# The pass's submit is an ordinary transaction and its fsync carries the drafts before it too.
_RELAXED: ContextVar[bool] = ContextVar("branchdesk_relaxed_commit", default=False)
RELAXED_KEY = "branchdesk_relaxed"


def _configure(engine: Engine, begin: str, *, encrypted: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Runs after the dialect's own connect hook, which has applied the key.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if encrypted:
            apply_cipher(cur)
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        # 32 MB page cache: UUID keys land all over their indexes, and with SQLCipher every
        # page that falls out of the cache must be decrypted again.
        cur.execute("PRAGMA cache_size = -32000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # SQLite refuses to change the safety level inside a transaction, so it is set here, on
        # the transaction's own connection, just before BEGIN: relaxed for a draft, and put back
        # to FULL by the next ordinary transaction on that connection.
        relaxed = _RELAXED.get()
        if relaxed != conn.info.get(RELAXED_KEY, False):
            conn.exec_driver_sql(f"PRAGMA synchronous = {'NORMAL' if relaxed else 'FULL'}")
            conn.info[RELAXED_KEY] = relaxed
        conn.exec_driver_sql(begin)


def make_engine(path: Path, *, secret: bytes | None, write: bool = True) -> Engine:
    """An engine on the store file; `write=False` begins deferred (read) transactions."""
    quiet_cipher_log()
    if secret is None:
        url = URL.create("sqlite", database=str(path))
    else:
        url = URL.create("sqlite+pysqlcipher", password=db_passphrase(secret), database=str(path))
    # LIFO: the most recently used connection is handed out again, so its page cache (decrypted
    # pages, with SQLCipher) stays warm; FIFO would rotate through idle connections whose caches
    # the other connections' writes have made stale.
    engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=QueuePool, pool_use_lifo=True)
    _configure(engine, "BEGIN IMMEDIATE" if write else "BEGIN", encrypted=secret is not None)
    return engine


def raw_connect(path: Path, secret: bytes | None, *, uri_flags: str = "", hmac: str = PAGE_HMAC) -> Any:
    """A bare DB-API connection with the key applied (maintenance, checks, tests)."""
    quiet_cipher_log()
    target = f"file:{path}?{uri_flags}" if uri_flags else str(path)
    conn = sqlcipher.connect(target, uri=bool(uri_flags), check_same_thread=False)
    if secret is not None:
        conn.execute(f'PRAGMA key = "{db_passphrase(secret)}"')
        apply_cipher(conn, hmac=hmac)
    return conn


class Store:
    """The open branch store: one file, a writer and a reader session factory."""

    def __init__(self, path: Path, secret: bytes | None) -> None:
        self.path = Path(path)
        self.secret = secret
        # Set by open_store when it created the store's secret: shown once to the administrator.
        self.new_recovery_key: str | None = None
        self.files = EncryptedFileStore(self.path.parent / "files", secret) if secret else None
        self.engine = make_engine(self.path, secret=secret, write=True)
        self.read_engine = make_engine(self.path, secret=secret, write=False)
        info = {AUDIT_KEY: derive(secret, "audit") if secret else b""}
        self._writer = sessionmaker(self.engine, expire_on_commit=False, info=info)
        self._reader = sessionmaker(self.read_engine, expire_on_commit=False, info=info)
        self._anchor_lock = threading.Lock()
        self._anchor_latest: tuple[int, str] | None = None
        self._anchor_job: Future[None] | None = None
        self._anchor_wake = threading.Event()
        self._anchor_flushing = 0  # callers waiting in flush_audit_anchor: no rest while > 0
        # The rest between anchor writes; a test sets an hour to see the coalescing without a stopwatch.
        self.anchor_interval_s = ANCHOR_INTERVAL_S
        self._anchor_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="branchdesk-anchor")
        event.listen(self._writer, "after_commit", self._anchor_audit_head)

    def _anchor_audit_head(self, session: Session) -> None:
        # After commit only: an anchor ahead of the table would look like truncation. The keyring
        # write (milliseconds: a file rewrite with fsync, or a D-Bus call) runs on a background
        # thread so no counter action waits for it; writes coalesce to the newest head. A crash
        # can leave the anchor a few entries behind (at most ANCHOR_INTERVAL_S of work), which
        # weakens, never falsifies, detection.
        head = session.info.pop(AUDIT_HEAD, None)
        if head is None or self.secret is None:
            return
        with self._anchor_lock:
            if self._anchor_latest is None or head[0] > self._anchor_latest[0]:
                self._anchor_latest = head
            if self._anchor_job is None:
                self._anchor_job = self._anchor_pool.submit(self._write_anchor)

    def _write_anchor(self) -> None:
        written = None
        while True:
            with self._anchor_lock:
                head = self._anchor_latest
                if head == written or head is None:
                    self._anchor_job = None
                    return
            save_anchor(self.path.parent, *head)
            written = head
            # Rest before the next write; flush_audit_anchor cuts the rest short.
            with self._anchor_lock:
                rest = self._anchor_flushing == 0
                self._anchor_wake.clear()
            if rest:
                self._anchor_wake.wait(self.anchor_interval_s)

    def flush_audit_anchor(self) -> None:
        """Wait until the newest committed audit head is anchored (verification, shutdown)."""
        with self._anchor_lock:
            self._anchor_flushing += 1
            self._anchor_wake.set()
        try:
            while True:
                with self._anchor_lock:
                    job = self._anchor_job
                if job is None:
                    return
                job.result()
        finally:
            with self._anchor_lock:
                self._anchor_flushing -= 1

    def audit_anchor(self) -> tuple[int, str] | None:
        self.flush_audit_anchor()
        return load_anchor(self.path.parent)

    @contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[Session]:
        """One user action: commit on success, roll back on any error.

        `durable=False` is for drafts only (see _RELAXED): the commit survives the app crashing,
        not necessarily a power cut.

        On a failure, files the action wrote (a receipt, page images) are removed again, and a
        failing disk (full, read-only, I/O error, damaged file) is refused as StorageFailure
        with its Chinese sentence instead of SQLite's English."""
        made: list[Path] = []
        token = NEW_FILES.set(made)
        relaxed = _RELAXED.set(not durable)
        try:
            with self._writer.begin() as session:
                yield session
        except BaseException as exc:
            for path in made:
                path.unlink(missing_ok=True)
            failure = storage_failure(exc)
            if failure is not None and failure is not exc:
                raise failure from exc
            raise
        finally:
            _RELAXED.reset(relaxed)
            NEW_FILES.reset(token)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A consistent read snapshot (deferred transaction); writes are refused by SQLite's query_only."""
        try:
            with self._reader() as session, session.begin():
                session.execute(text("PRAGMA query_only = ON"))
                try:
                    yield session
                finally:
                    session.execute(text("PRAGMA query_only = OFF"))
        except Exception as exc:
            # A write attempted in a read is a bug (query_only), not a read-only disk: left as it is.
            failure = storage_failure(exc)
            if failure is not None and failure is not exc and failure.message != READ_ONLY:
                raise failure from exc
            raise

    def close(self) -> None:
        self.flush_audit_anchor()
        self._anchor_pool.shutdown(wait=True)
        self.engine.dispose()
        self.read_engine.dispose()
