"""The store's secret: kept in the operating system's credential store, never in the data folder.

One random 32-byte secret per store; the database key, the page-file key and the audit HMAC
key are derived from it (HKDF), so one recovery key restores all three. The data folder holds
only a public store id (`store.json`) that names the secret in the credential store.
"""

from __future__ import annotations

import base64
import copy
import json
import os
import secrets
import uuid
from pathlib import Path

import keyring
import keyring.backends.fail
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from keyring.backend import KeyringBackend

from desk_app.errors import Refusal

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

SERVICE = "BranchDesk"
ID_FILE = "store.json"
# Allows a plain-file credential store where the OS has none (demo machines, CI): never for branches.
INSECURE_FILE_KEYRING = "BRANCHDESK_INSECURE_FILE_KEYRING"


class KeyStoreError(Refusal):
    """The store's secret cannot be had; the message tells the clerk what to do (Chinese)."""


def _backend() -> KeyringBackend:
    kr = keyring.get_keyring()
    usable = not isinstance(kr, keyring.backends.fail.Keyring) and getattr(kr, "priority", 1) > 0
    if usable:
        return kr
    if os.environ.get(INSECURE_FILE_KEYRING) == "1":
        from keyrings.alt.file import PlaintextKeyring

        return PlaintextKeyring()
    raise KeyStoreError(
        "本机没有可用的系统凭据存储（Windows 凭据管理器或 Secret Service），无法保管数据库密钥。"
        "请联系系统管理员。"
    )


def _set_password(name: str, value: str) -> None:
    """Write one credential without ever leaving a half-written credential file.

    keyrings.alt's file keyrings (demo machines, CI) rewrite their whole file in place,
    truncate then write; a crash or power cut in between (the audit anchor is saved after
    every commit) leaves it empty, the store's secret with it. For them, write a copy and
    rename it over the file, under a lock so concurrent processes keep each other's entries.
    """
    kr = _backend()
    path = getattr(kr, "file_path", None)
    if not isinstance(path, str):
        kr.set_password(SERVICE, name, value)
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".lock", "a+b") as lock:
        if fcntl is not None:  # Windows has its credential manager: no file keyring there
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            if os.path.exists(path):
                with open(path, "rb") as old:
                    f.write(old.read())
        writer = copy.copy(kr)
        writer.file_path = tmp
        writer.set_password(SERVICE, name, value)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)


def _read_id_file(data_dir: Path) -> dict[str, str]:
    path = Path(data_dir) / ID_FILE
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def _write_id_file(data_dir: Path, doc: dict[str, str]) -> None:
    path = Path(data_dir) / ID_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    # A temporary name of this process's own: two processes opening the same store at once (a second
    # window, the command line beside the app) each replace the file whole instead of racing for one name.
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(json.dumps(doc))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def store_id(data_dir: Path, *, create: bool = False) -> str | None:
    doc = _read_id_file(data_dir)
    if "store_id" in doc:
        return doc["store_id"]
    if not create:
        return None
    sid = str(uuid.uuid4())
    _write_id_file(data_dir, {"store_id": sid})
    return sid


def key_check(secret: bytes) -> str:
    """A value derived from the secret that reveals nothing of it: kept in store.json so that a
    store that will not open can be told apart — a wrong key, or a damaged file with the right key."""
    return derive(secret, "key-check").hex()[:32]


def remember_key_check(data_dir: Path, secret: bytes) -> None:
    doc = _read_id_file(data_dir)
    if doc and doc.get("key_check") != key_check(secret):
        _write_id_file(data_dir, {**doc, "key_check": key_check(secret)})


def key_matches(data_dir: Path, secret: bytes) -> bool | None:
    """Whether `secret` is the store's key by its recorded check; None for a store without one."""
    recorded = _read_id_file(data_dir).get("key_check")
    return None if recorded is None else recorded == key_check(secret)


def load_secret(data_dir: Path) -> bytes | None:
    sid = store_id(data_dir)
    if sid is None:
        return None
    value = _backend().get_password(SERVICE, sid)
    return base64.b64decode(value) if value else None


def create_secret(data_dir: Path) -> bytes:
    """A new secret for a new store, saved in the credential store before any file is written."""
    sid = store_id(data_dir, create=True)
    assert sid is not None
    secret = secrets.token_bytes(32)
    _set_password(sid, base64.b64encode(secret).decode())
    return secret


def save_secret(data_dir: Path, secret: bytes) -> None:
    sid = store_id(data_dir, create=True)
    assert sid is not None
    _set_password(sid, base64.b64encode(secret).decode())


def derive(secret: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=f"branchdesk/{purpose}".encode()).derive(secret)


def db_passphrase(secret: bytes) -> str:
    """SQLCipher raw-key syntax: skips PBKDF2 (the secret is already random), so connecting stays fast."""
    return f"x'{derive(secret, 'database').hex()}'"


# A recovery key is the secret written for people: base32 in groups of four, with a check group.
def recovery_key(secret: bytes) -> str:
    body = base64.b32encode(secret).decode().rstrip("=")
    check = base64.b32encode(derive(secret, "recovery-check")[:5]).decode()[:4]
    text = body + check
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def secret_from_recovery_key(text: str) -> bytes:
    clean = "".join(ch for ch in text.upper() if ch.isalnum())
    body, check = clean[:-4], clean[-4:]
    try:
        secret = base64.b32decode(body + "=" * (-len(body) % 8))
    except ValueError as exc:
        raise KeyStoreError("恢复密钥格式不正确，请逐字核对。") from exc
    if len(secret) != 32 or base64.b32encode(derive(secret, "recovery-check")[:5]).decode()[:4] != check:
        raise KeyStoreError("恢复密钥格式不正确，请逐字核对。")
    return secret


def load_anchor(data_dir: Path) -> tuple[int, str] | None:
    """The audit chain head last recorded outside the database (see core.audit)."""
    sid = store_id(data_dir)
    value = sid and _backend().get_password(SERVICE, f"{sid}:audit-head")
    if not value:
        return None
    seq, mac = value.split(":", 1)
    return int(seq), mac


def save_anchor(data_dir: Path, seq: int, mac: str) -> None:
    """Move the anchor forward only: a slower process never rewinds it."""
    sid = store_id(data_dir)
    if sid is None:
        return
    current = load_anchor(data_dir)
    if current is None or seq > current[0]:
        _set_password(f"{sid}:audit-head", f"{seq}:{mac}")
