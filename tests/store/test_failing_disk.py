"""A full disk, a damaged file, a wrong key: one Chinese sentence, nothing half-written, no SQLCipher noise."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import event

from desk_app.services import setup
from desk_app.services.intake import take_in
from desk_app.store import keys, migrate
from desk_app.store.db import raw_connect
from desk_app.store.errors import FULL, StorageFailure
from tests.intake.helpers import request, snapshot

REPO = Path(__file__).resolve().parents[2]


def store_files(store) -> list[Path]:
    return sorted(p for p in (store.path.parent / "files").rglob("*") if p.is_file())


def test_a_full_disk_refuses_the_intake_and_leaves_no_receipt_file(demo_store, actors):
    """SQLite's own limit on the file's pages stands in for a full disk (SQLITE_FULL, the same
    error a full file system gives): the intake is refused with the sentence, its receipt PDF,
    written before the commit, is removed again, and the rows are as before."""
    with demo_store.reading() as s:
        pages = s.connection().exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(demo_store.engine, "connect")
    def _cap(dbapi_conn, _record):
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    demo_store.engine.dispose()  # fresh connections take the cap
    before, files_before = snapshot(demo_store), store_files(demo_store)
    with pytest.raises(StorageFailure) as info:
        take_in(demo_store, actor=actors["clerk"], request=request(demo_store))
    assert info.value.message == FULL
    event.remove(demo_store.engine, "connect", _cap)
    demo_store.engine.dispose()
    assert snapshot(demo_store) == before
    assert store_files(demo_store) == files_before
    taken = take_in(demo_store, actor=actors["clerk"], request=request(demo_store)).value  # room again
    assert taken.result.outcome == "accepted" and len(store_files(demo_store)) == len(files_before) + 1


def damage(path: Path) -> None:
    """Overwrite a run of pages in the middle of the file (the first page, with its salt, stays)."""
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(size // 2 // 4096 * 4096)
        f.write(os.urandom(4096 * 3))


def test_a_damaged_store_is_refused_where_it_is_opened_and_told_from_a_wrong_key(demo_path):
    folder = demo_path.parent
    migrate.open_store(demo_path).close()  # a start records the key's check in store.json
    conn = raw_connect(demo_path, keys.load_secret(folder))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    intact = folder.parent / "intact.db"
    shutil.copyfile(demo_path, intact)
    damage(demo_path)
    before = demo_path.read_bytes()
    with pytest.raises(migrate.StoreDamagedError) as info:
        migrate.open_store(demo_path)
    assert "已损坏" in info.value.message and "备份" in info.value.message
    assert demo_path.read_bytes() == before
    assert setup.check_store(folder)  # the full check lists the problems

    shutil.copyfile(intact, demo_path)
    assert setup.check_store(folder) == []
    keys.save_secret(folder, os.urandom(32))  # the wrong key for this file
    with pytest.raises(migrate.StoreKeyWrongError):
        migrate.open_store(demo_path)


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "desk_app.cli", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_the_command_line_says_one_sentence_and_sqlcipher_says_nothing(demo_path):
    folder = demo_path.parent
    r = run(folder, "status")
    assert r.returncode == 0, r.stderr
    damage(demo_path)
    for args in (("status",), ("audit", "verify")):
        r = run(folder, *args)
        assert r.returncode == 2 and r.stderr.startswith("错误：") and "已损坏" in r.stderr, r.stderr
        assert r.stderr.count("\n") == 1 and "ERROR CORE" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    r = run(folder, "store", "check")
    assert r.returncode == 1 and "已损坏" in r.stdout and "ERROR CORE" not in r.stderr, r.stdout + r.stderr
    keys.save_secret(folder, os.urandom(32))
    r = run(folder, "status")
    assert r.returncode == 2 and "密钥" in r.stderr and "ERROR CORE" not in r.stderr, r.stderr
