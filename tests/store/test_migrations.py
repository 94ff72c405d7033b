"""The branch store's schema, migrations, SQLite settings and column types, on real files.

Alembic and desk-app are run as the operator would run them: as command-line subprocesses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError

from desk_app.core import audit
from desk_app.store import (
    keys,
    models,  # noqa: F401  (registers every table on Base.metadata)
)
from desk_app.store.base import Base
from desk_app.store.db import Store
from desk_app.store.migrate import (
    HERE,
    KEEP_BACKUPS,
    StoreTooNewError,
    alembic_config,
    backup,
    current_revision,
    head_revision,
    is_plaintext,
    open_store,
)
from desk_app.store.models import AuditEntry, Proposal, ProposalProduct
from desk_app.store.models.sync import CAPTURED_TABLES
from tests.store.storecheck import connect

REPO = Path(__file__).resolve().parents[2]
ALEMBIC_INI = HERE / "alembic.ini"
# Local bookkeeping, never replicated as rows: the branch's identity, versions, sync's own state.
NOT_SYNCED = {"alembic_version", "branch_info", "refdata_versions", "sync_outbox", "sync_acks", "sync_state",
              "sync_row_versions", "sync_conflicts", "sync_blob_uploads",
              "insured_column_mappings"}  # a counter's own convenience (the last column mapping of a list file)
SYNC_COLUMNS = ("id", "branch_code", "created_at", "updated_at", "deleted")
FUTURE = "9999_future"


def run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=120, **kw)  # type: ignore[call-overload]


def alembic(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "alembic", "-c", str(ALEMBIC_INI), "-x", f"db={db}", *args])


def desk_app(*args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("desk-app" + (".exe" if os.name == "nt" else ""))
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "desk_app.cli"]
    return run([*cmd, *args])


def assert_no_drift(db: Path) -> None:
    res = alembic(db, "check")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "No new upgrade operations detected" in res.stdout + res.stderr


def revision(db: Path, key_dir: Path | None = None) -> str | None:
    return current_revision(db, keys.load_secret(key_dir or db.parent))


def schema(db: Path) -> dict[tuple[str, str], str]:
    conn = connect(db)
    try:
        return {(t, n): sql for t, n, sql in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
    finally:
        conn.close()


def query(db: Path, sql: str, key_dir: Path | None = None) -> list[tuple]:
    conn = connect(db, key_dir)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def snapshot(path: Path) -> tuple[str, int, list[str]]:
    """The file's content hash, its mtime and everything in its folder."""
    return (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns,
            sorted(p.name for p in path.parent.iterdir()))


def stamp_future(path: Path) -> None:
    conn = connect(path)
    conn.execute("UPDATE alembic_version SET version_num = ?", (FUTURE,))
    conn.commit()
    conn.close()
    # The last connection to close folds the WAL back: no -wal or -shm beside the file any more.
    assert not [p.name for p in path.parent.iterdir() if p.name.endswith(("-wal", "-shm"))]


# --- migrations ------------------------------------------------------------------------------


def test_alembic_cli_upgrades_an_empty_file_with_no_drift(tmp_path: Path) -> None:
    db = tmp_path / "branch.db"
    db.touch()
    res = alembic(db, "upgrade", "head")
    assert res.returncode == 0, res.stderr
    assert not is_plaintext(db), "the alembic CLI wrote branch data unencrypted"
    assert revision(db) == head_revision()
    tables = {n for t, n in schema(db) if t == "table"}
    assert set(Base.metadata.tables) <= tables
    assert_no_drift(db)


def test_open_store_creates_the_same_schema_as_the_cli_with_no_drift(tmp_path: Path) -> None:
    by_app = tmp_path / "app" / "branch.db"
    by_cli = tmp_path / "cli.db"
    open_store(by_app).close()
    assert revision(by_app) == head_revision()
    assert not (by_app.parent / "backups").exists(), "a new store has nothing to back up"
    assert alembic(by_cli, "upgrade", "head").returncode == 0
    assert not is_plaintext(by_app) and not is_plaintext(by_cli)
    assert schema(by_app) == schema(by_cli)
    assert_no_drift(by_app)


def test_open_store_on_a_zero_byte_file_migrates_it(tmp_path: Path) -> None:
    db = tmp_path / "branch.db"
    db.touch()
    open_store(db).close()
    assert revision(db) == head_revision()
    assert_no_drift(db)


def test_downgrade_to_base_and_upgrade_again(tmp_path: Path) -> None:
    db = tmp_path / "branch.db"
    assert alembic(db, "upgrade", "head").returncode == 0
    full = schema(db)
    res = alembic(db, "downgrade", "base")
    assert res.returncode == 0, res.stderr
    assert set(schema(db)) == {("table", "alembic_version")}, "downgrade left objects behind"
    assert revision(db) is None
    res = alembic(db, "upgrade", "head")
    assert res.returncode == 0, res.stderr
    assert schema(db) == full
    assert_no_drift(db)


def test_every_revision_step_downgrades_and_upgrades(tmp_path: Path) -> None:
    """Walk the chain one revision at a time (a single revision today; more later)."""
    from alembic.script import ScriptDirectory

    revs = [s.revision for s in ScriptDirectory.from_config(alembic_config(tmp_path / "x.db")).walk_revisions()]
    db = tmp_path / "branch.db"
    for rev in reversed(revs):
        assert alembic(db, "upgrade", rev).returncode == 0
        assert revision(db) == rev
    for rev in revs[1:]:
        assert alembic(db, "downgrade", rev).returncode == 0
        assert revision(db) == rev
    assert alembic(db, "downgrade", "base").returncode == 0
    assert revision(db) is None


def test_older_store_is_backed_up_before_migration(demo_path: Path) -> None:
    """The demo store taken back one revision, then opened: backup first, then migrate."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(demo_path))
    head = script.get_revision(head_revision())
    assert head.down_revision, "the head revision has a predecessor to go back to"
    older = head.down_revision if isinstance(head.down_revision, str) else head.down_revision[0]
    res = alembic(demo_path, "downgrade", older)
    assert res.returncode == 0, res.stderr
    assert revision(demo_path) == older
    cases = query(demo_path, "SELECT id, state FROM proposals ORDER BY id")
    assert cases

    open_store(demo_path).close()
    copies = list((demo_path.parent / "backups").glob("branch-*.db"))
    assert len(copies) == 1, "no backup was taken before migrating"
    assert not is_plaintext(copies[0])
    assert revision(copies[0], key_dir=demo_path.parent) == older
    assert query(copies[0], "SELECT id, state FROM proposals ORDER BY id", key_dir=demo_path.parent) == cases
    assert revision(demo_path) == head_revision()
    assert query(demo_path, "SELECT id, state FROM proposals ORDER BY id") == cases
    assert_no_drift(demo_path)


# --- a store from a newer BranchDesk ---------------------------------------------------------


def test_newer_store_is_refused_and_left_untouched(demo_path: Path) -> None:
    stamp_future(demo_path)
    before = snapshot(demo_path)
    with pytest.raises(StoreTooNewError) as info:
        open_store(demo_path)
    message = str(info.value)
    assert "更新版本" in message and FUTURE in message
    assert re.search(r"[\u4e00-\u9fff]{4}", message), "the refusal must be in Chinese"
    assert info.value.revision == FUTURE
    assert snapshot(demo_path) == before, "refusing a newer store changed the file or left -wal/-shm/backups"


def test_cli_status_refuses_newer_store_with_exit_2(demo_path: Path) -> None:
    data_dir = demo_path.parent
    ok = desk_app("--data-dir", str(data_dir), "status", "--json")
    assert ok.returncode == 0, ok.stderr  # the same store opens while it is at head
    stamp_future(demo_path)
    before = snapshot(demo_path)
    res = desk_app("--data-dir", str(data_dir), "status")
    assert res.returncode == 2, res.stdout + res.stderr
    assert "更新版本" in res.stderr and FUTURE in res.stderr
    assert "Traceback" not in res.stderr
    assert res.stdout == ""
    assert snapshot(demo_path) == before


def test_store_at_head_opens_without_backup(demo_store: Store, demo_path: Path) -> None:
    assert revision(demo_path) == head_revision()
    assert not (demo_path.parent / "backups").exists()


# --- backups ---------------------------------------------------------------------------------


TABLES_TO_COMPARE = ("proposals", "proposal_products", "case_events", "audit_log", "users", "products")


def test_backup_is_a_complete_copy_including_the_wal(demo_store: Store, demo_path: Path,
                                                      tmp_path: Path) -> None:
    # Written through the open store and not checkpointed: it lives in the -wal file only.
    with demo_store.transaction() as session:
        audit.record(session, actor=None, action="test.in_wal", username="pytest", branch_code="GD0101")
    assert Path(f"{demo_path}-wal").stat().st_size > 0
    copy = backup(demo_path, demo_store.secret)
    assert copy.parent == demo_path.parent / "backups"
    assert not is_plaintext(copy), "backups must be encrypted like the store"
    key_dir = demo_path.parent
    assert query(copy, "PRAGMA integrity_check", key_dir) == [("ok",)]
    for table in TABLES_TO_COMPARE:
        rows = f"SELECT * FROM {table} ORDER BY 1, 2"
        assert query(copy, rows, key_dir) == query(demo_path, rows), table
    assert query(copy, "SELECT count(*) FROM audit_log WHERE action = 'test.in_wal'", key_dir) == [(1,)]
    assert revision(copy, key_dir) == head_revision()
    # Restoring: the copy put in a data folder that has the store's key opens in BranchDesk.
    restore_dir = tmp_path / "restored"
    restore_dir.mkdir()
    shutil.copyfile(copy, restore_dir / "branch.db")
    keys.save_secret(restore_dir, demo_store.secret)
    restored = open_store(restore_dir / "branch.db")
    with restored.reading() as session:
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "test.in_wal")) is not None
        assert audit.verify(session).ok
    restored.close()


def test_backup_keeps_only_the_newest(demo_path: Path) -> None:
    secret = keys.load_secret(demo_path.parent)
    made = [backup(demo_path, secret) for _ in range(KEEP_BACKUPS + 3)]
    kept = sorted((demo_path.parent / "backups").glob("branch-*.db"))
    assert kept == sorted(made[-KEEP_BACKUPS:])
    assert len(kept) == KEEP_BACKUPS


# --- SQLite settings -------------------------------------------------------------------------


EXPECTED_PRAGMAS = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 10000}


def pragmas(conn) -> dict[str, object]:
    return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in EXPECTED_PRAGMAS}


def test_store_connections_have_the_pragmas(demo_store: Store) -> None:
    with demo_store.engine.connect() as conn:
        assert pragmas(conn) == EXPECTED_PRAGMAS
    with demo_store.read_engine.connect() as conn:
        assert pragmas(conn) == EXPECTED_PRAGMAS
    with demo_store.transaction() as session:
        assert pragmas(session.connection()) == EXPECTED_PRAGMAS
    with demo_store.reading() as session:
        assert pragmas(session.connection()) == EXPECTED_PRAGMAS


def test_foreign_keys_are_enforced(demo_store: Store) -> None:
    with pytest.raises(IntegrityError), demo_store.transaction() as session:
        session.add(ProposalProduct(proposal_id="no-such-proposal", line_no=1, product_code="GTL01",
                                    benefit_level="A", sum_insured=Decimal("1"), premium=Decimal("1"),
                                    branch_code="GD0101"))


def test_reading_refuses_writes(demo_store: Store) -> None:
    with pytest.raises(Exception, match="readonly|read-only|query_only"), demo_store.reading() as session:
        session.execute(text("UPDATE proposals SET applicant_name = 'x'"))


# --- the audit log is append-only ------------------------------------------------------------


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET action = 'forged' WHERE seq = 1",
    "UPDATE audit_log SET deleted = 1",
    "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)",
    "DELETE FROM audit_log",
])
def test_audit_log_refuses_update_and_delete_through_raw_sql(demo_path: Path, statement: str) -> None:
    before = query(demo_path, "SELECT * FROM audit_log ORDER BY seq")
    assert before
    conn = connect(demo_path)  # a bare connection with the key: no application code involved
    try:
        with pytest.raises(Exception, match="append-only") as info:
            conn.execute(statement)
        assert type(info.value).__name__ == "IntegrityError"
        conn.commit()
    finally:
        conn.close()
    assert query(demo_path, "SELECT * FROM audit_log ORDER BY seq") == before


def test_audit_log_refuses_update_through_the_orm_but_accepts_appends(demo_store: Store) -> None:
    with pytest.raises(IntegrityError, match="append-only"), demo_store.transaction() as session:
        entry = session.scalar(select(AuditEntry).order_by(AuditEntry.seq).limit(1))
        entry.detail = "rewritten"
    with pytest.raises(IntegrityError, match="append-only"), demo_store.transaction() as session:
        session.delete(session.scalar(select(AuditEntry).order_by(AuditEntry.seq).limit(1)))
    with demo_store.transaction() as session:
        last = audit.record(session, actor=None, action="test.append", username="pytest", branch_code="GD0101")
    with demo_store.reading() as session:
        assert session.scalar(select(AuditEntry.detail).order_by(AuditEntry.seq).limit(1)) != "rewritten"
        assert session.scalar(select(AuditEntry.action).where(AuditEntry.seq == last.seq)) == "test.append"


# --- column types ----------------------------------------------------------------------------


def _a_proposal_id(store: Store) -> str:
    with store.reading() as session:
        return session.scalar(select(Proposal.id).limit(1))


@pytest.mark.parametrize("amount", ["0.01", "0.10", "12345678901234.56", "-0.01", "0"])
def test_money_round_trips_exact_fen(demo_store: Store, amount: str) -> None:
    pid = _a_proposal_id(demo_store)
    with demo_store.transaction() as session:
        line = ProposalProduct(proposal_id=pid, line_no=99, product_code="GTL01", benefit_level="A",
                               sum_insured=Decimal(amount), premium=Decimal(amount), branch_code="GD0101")
        session.add(line)
    with demo_store.reading() as session:
        got = session.scalar(select(ProposalProduct.premium).where(ProposalProduct.id == line.id))
        raw = session.execute(text("SELECT premium, typeof(premium) FROM proposal_products WHERE id = :i"),
                              {"i": line.id}).one()
    assert got == Decimal(amount) and got.as_tuple().exponent == -2
    assert tuple(raw) == (int(Decimal(amount) * 100), "integer"), "money must be stored as integer fen"


@pytest.mark.parametrize("amount", [Decimal("0.005"), Decimal("1.001"), Decimal("0.0100001"), 0.1])
def test_money_refuses_fractions_of_a_fen(demo_store: Store, amount: object) -> None:
    pid = _a_proposal_id(demo_store)
    with pytest.raises(StatementError, match="fractions of a fen") as info, demo_store.transaction() as session:
        session.add(ProposalProduct(proposal_id=pid, line_no=98, product_code="GTL01", benefit_level="A",
                                    sum_insured=Decimal("1"), premium=amount, branch_code="GD0101"))
    assert isinstance(info.value.orig, ValueError)
    with demo_store.reading() as session:
        assert session.scalar(select(ProposalProduct.id).where(ProposalProduct.line_no == 98)) is None


def test_utc_datetime_refuses_naive_datetimes(demo_store: Store) -> None:
    with pytest.raises(StatementError, match="naive datetime") as info, demo_store.transaction() as session:
        audit.record(session, actor=None, action="test.naive", username="pytest", branch_code="GD0101",
                     now=dt.datetime(2026, 1, 1, 12, 0))
    assert isinstance(info.value.orig, ValueError)
    with demo_store.reading() as session:
        assert session.scalar(select(AuditEntry.id).where(AuditEntry.action == "test.naive")) is None


def test_utc_datetime_stores_utc_and_returns_aware(demo_store: Store) -> None:
    beijing = dt.timezone(dt.timedelta(hours=8))
    at = dt.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=beijing)
    with demo_store.transaction() as session:
        entry = audit.record(session, actor=None, action="test.aware", username="pytest", branch_code="GD0101",
                             now=at)
    with demo_store.reading() as session:
        got = session.scalar(select(AuditEntry.at).where(AuditEntry.id == entry.id))
        raw = session.execute(text("SELECT at FROM audit_log WHERE id = :i"), {"i": entry.id}).scalar()
    assert got == at and got.tzinfo == dt.UTC
    assert raw.startswith("2026-03-01 01:30:15"), raw


# --- every syncable table carries the sync columns -------------------------------------------


def syncable_tables() -> list[str]:
    return sorted(set(Base.metadata.tables) - NOT_SYNCED)


def test_syncable_tables_have_sync_columns_in_the_models() -> None:
    tables = syncable_tables()
    assert len(tables) >= 12, tables
    for name in tables:
        cols = Base.metadata.tables[name].c
        missing = [c for c in SYNC_COLUMNS if c not in cols]
        assert not missing, f"{name} lacks {missing}"
        assert [c.name for c in Base.metadata.tables[name].primary_key] == ["id"], name
        for c in SYNC_COLUMNS:
            assert not cols[c].nullable, f"{name}.{c} is nullable"
        assert cols["deleted"].server_default is not None, f"{name}.deleted has no server default"


def test_captured_tables_are_syncable_and_their_triggers_carry_every_column(tmp_path: Path) -> None:
    """The outbox triggers list columns as they were when made: a column added later must be in them."""
    assert set(CAPTURED_TABLES) <= set(syncable_tables())
    db = tmp_path / "branch.db"
    open_store(db).close()
    triggers = dict(query(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    for table in CAPTURED_TABLES:
        columns = [row[1] for row in query(db, f"PRAGMA table_info({table})")]
        for suffix in ("ins", "upd"):
            sql = triggers.get(f"sync_capture_{table}_{suffix}")
            assert sql, f"no {suffix} capture trigger on {table}"
            missing = [c for c in columns if f'NEW."{c}"' not in sql]
            assert not missing, f"sync_capture_{table}_{suffix} does not send {missing}"


def test_syncable_tables_have_sync_columns_in_the_migrated_file(tmp_path: Path) -> None:
    db = tmp_path / "branch.db"
    open_store(db).close()
    for name in syncable_tables():
        info = {row[1]: row for row in query(db, f"PRAGMA table_info({name})")}
        assert info, f"{name} missing from the migrated store"
        for c in SYNC_COLUMNS:
            assert c in info, f"{name}.{c} missing from the migrated store"
            assert info[c][3] == 1, f"{name}.{c} is nullable in the store"
        assert info["id"][5] == 1, f"{name}: id is not the primary key"
        assert info["deleted"][4] is not None, f"{name}.deleted has no default in the store"



def test_the_head_read_from_the_scripts_text_is_alembics():
    """open_store learns the head without importing alembic; it must be the head alembic knows."""
    from alembic.script import ScriptDirectory

    from desk_app.store import migrate

    alembic_head = ScriptDirectory.from_config(migrate.alembic_config(Path("unused.db"))).get_current_head()
    assert migrate._head_from_script_text(migrate.HERE / "migrations" / "versions") == alembic_head
    assert migrate.head_revision() == alembic_head


def test_opening_a_current_store_does_not_load_alembic(tmp_path):
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
               XDG_DATA_HOME=str(tmp_path / "keyring"))
    path = tmp_path / "s" / "branch.db"
    opening = "import sys; from pathlib import Path; from desk_app.store import migrate; " \
              "migrate.open_store(Path(sys.argv[1])).close(); "
    # A new store is created and migrated (alembic loaded); a second start opens it at its head.
    for check, expected in (("", 0), ("sys.exit('alembic' in sys.modules)", 0)):
        proc = subprocess.run([sys.executable, "-c", opening + check, str(path)], env=env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == expected, proc.stderr
