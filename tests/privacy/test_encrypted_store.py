"""The store at rest: encrypted, refused without its key, converted from plaintext once, recoverable."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from sqlalchemy import func, select, text

from desk_app.core import users
from desk_app.store import keys
from desk_app.store.db import Store, raw_connect
from desk_app.store.migrate import (
    SQLITE_HEADER,
    StoreKeyMissingError,
    StoreKeyWrongError,
    alembic_config,
    open_store,
)
from desk_app.store.models import Proposal


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_store_file_is_encrypted(demo_path):
    assert demo_path.read_bytes()[:16] != SQLITE_HEADER
    import sqlite3

    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(demo_path).execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_key_is_not_in_the_data_folder(demo_store):
    secret = demo_store.secret
    for path in demo_store.path.parent.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert secret not in data and keys.derive(secret, "database") not in data
            assert keys.derive(secret, "database").hex().encode() not in data


def test_missing_key_is_refused_and_nothing_changes(demo_path):
    folder = demo_path.parent
    keyring.delete_password(keys.SERVICE, keys.store_id(folder))
    before = fingerprint(folder)
    with pytest.raises(StoreKeyMissingError) as exc:
        open_store(demo_path)
    assert "找不到数据库" in str(exc.value) and "desk-app recover" in str(exc.value)
    assert fingerprint(folder) == before


def test_wrong_key_is_refused_and_nothing_changes(demo_path):
    folder = demo_path.parent
    keys.save_secret(folder, os.urandom(32))
    before = fingerprint(folder)
    with pytest.raises(StoreKeyWrongError) as exc:
        open_store(demo_path)
    assert "无法用本机保存的密钥打开" in str(exc.value)
    assert fingerprint(folder) == before


def test_recovery_key_restores_access(demo_path, template_db):
    folder = demo_path.parent
    secret = keys.load_secret(folder)
    code = keys.recovery_key(secret)
    keyring.delete_password(keys.SERVICE, keys.store_id(folder))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    cli = [sys.executable, "-m", "desk_app.cli", "--data-dir", str(folder)]
    bad = subprocess.run([*cli, "recover", "--recovery-key", keys.recovery_key(os.urandom(32))],
                         capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "无法用本机保存的密钥打开" in bad.stderr
    typo = subprocess.run([*cli, "recover", "--recovery-key", code[:-1] + ("A" if code[-1] != "A" else "B")],
                          capture_output=True, text=True, env=env)
    assert typo.returncode == 2 and "恢复密钥格式不正确" in typo.stderr
    ok = subprocess.run([*cli, "recover", "--recovery-key", code.lower()], capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr
    store = open_store(demo_path)
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(Proposal)) > 0
    store.close()


def test_plaintext_store_is_converted_once(tmp_path):
    from alembic import command

    path = tmp_path / "old" / "branch.db"
    path.parent.mkdir()
    plain = Store(path, None)
    with plain.engine.begin() as conn:
        cfg = alembic_config(path)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with plain.transaction() as s:
        users.init_branch(s, branch_code="FS01", branch_name="佛山", admin_username="boss",
                          admin_password="Secret123")
    plain.close()
    backups = path.parent / "backups"
    backups.mkdir()
    (backups / "branch-20260101-000000-000000.db").write_bytes(path.read_bytes())
    assert path.read_bytes()[:16] == SQLITE_HEADER

    store = open_store(path)
    assert store.new_recovery_key  # a new secret was made for it: the administrator must see its key
    with store.reading() as s:
        assert users.branch(s).branch_code == "FS01"
        assert [u.username for u in users.list_users(s)] == ["boss"]
    store.close()
    assert path.read_bytes()[:16] != SQLITE_HEADER
    assert not any(p.read_bytes()[:16] == SQLITE_HEADER for p in backups.iterdir())
    assert not path.with_name("branch.db.encrypting").exists()
    again = open_store(path)
    assert again.new_recovery_key is None
    again.close()


def test_backups_are_encrypted(demo_path):
    from desk_app.store.migrate import backup

    store = open_store(demo_path)
    copy = backup(demo_path, store.secret)
    store.close()
    assert copy.read_bytes()[:16] != SQLITE_HEADER
    conn = raw_connect(copy, keys.load_secret(demo_path.parent))
    assert conn.execute("SELECT count(*) FROM proposals").fetchone()[0] > 0
    conn.close()


def test_store_made_with_the_older_page_mac_is_converted_once(demo_path):
    """Stores written before the page MAC became HMAC-SHA256 (SQLCipher's default SHA512) open as
    before: converted once, every row kept; afterwards they open only with the new settings."""
    import sqlcipher3

    from desk_app.store.db import LEGACY_PAGE_HMAC, PAGE_HMAC
    from desk_app.store.keys import db_passphrase
    from desk_app.store.migrate import uses_legacy_cipher

    secret = keys.load_secret(demo_path.parent)
    legacy = demo_path.with_name("legacy.db")
    conn = raw_connect(demo_path, secret)
    conn.execute(f'ATTACH DATABASE ? AS old KEY "{db_passphrase(secret)}"', (str(legacy),))
    conn.execute(f"PRAGMA old.cipher_hmac_algorithm = {LEGACY_PAGE_HMAC}")
    conn.execute("SELECT sqlcipher_export('old')")
    conn.execute(f"PRAGMA old.user_version = {conn.execute('PRAGMA user_version').fetchone()[0]}")
    conn.execute("DETACH DATABASE old")
    cases = conn.execute("SELECT count(*) FROM proposals").fetchone()[0]
    conn.close()
    os.replace(legacy, demo_path)
    assert uses_legacy_cipher(demo_path, secret)

    store = open_store(demo_path)
    with store.reading() as s:
        assert s.scalar(text("SELECT count(*) FROM proposals")) == cases > 0
    store.close()
    assert not uses_legacy_cipher(demo_path, secret)
    with pytest.raises(sqlcipher3.DatabaseError):
        raw_connect(demo_path, secret, hmac=LEGACY_PAGE_HMAC).execute("SELECT count(*) FROM proposals")
    assert raw_connect(demo_path, secret, hmac=PAGE_HMAC).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not demo_path.with_name("branch.db.rekeying").exists()


def test_wrong_key_is_still_refused_when_neither_page_mac_fits(demo_path):
    before = demo_path.read_bytes()
    keys.save_secret(demo_path.parent, os.urandom(32))
    with pytest.raises(StoreKeyWrongError):
        open_store(demo_path)
    assert demo_path.read_bytes() == before
