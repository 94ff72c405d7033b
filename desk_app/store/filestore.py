"""Encrypted, content-addressed files in the data folder (scanned pages, generated PDFs).

A file is addressed by the SHA-256 of its *plaintext*, so dedupe and sync work as if it were
stored in clear; on disk it is AES-256-GCM under a key derived from the store secret, with the
address bound in as associated data (a file renamed to another address fails to open).
Writes are atomic: ciphertext to a temp file in the same folder, fsync, rename, fsync the
folder. Plaintext never touches the disk.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
from contextvars import ContextVar
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desk_app.store.keys import derive

MAGIC = b"BDF1"
NONCE = 12


class FileStoreError(Exception):
    """A stored file is missing, damaged or not ours; the message is for the clerk (Chinese)."""


# Files made by the write transaction running in this thread (store.db sets the list): removed
# again when the transaction fails, so a refused or failed action leaves no orphan file behind.
NEW_FILES: ContextVar[list[Path] | None] = ContextVar("branchdesk_new_files", default=None)


class EncryptedFileStore:
    def __init__(self, root: Path, secret: bytes) -> None:
        self.root = Path(root)
        self._aead = AESGCM(derive(secret, "files"))

    def path_for(self, digest: str) -> Path:
        return self.root / digest[:2] / digest[2:4] / f"{digest}.bdf"

    def exists(self, digest: str) -> bool:
        return self.path_for(digest).exists()

    def put(self, data: bytes) -> str:
        """Store bytes; returns the plaintext SHA-256 (hex). Storing the same bytes twice is free."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        nonce = secrets.token_bytes(NONCE)
        blob = MAGIC + nonce + self._aead.encrypt(nonce, data, digest.encode())
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        made = NEW_FILES.get()
        if made is not None:
            made.append(target)
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        return digest

    def get(self, digest: str) -> bytes:
        path = self.path_for(digest)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            raise FileStoreError(f"文件 {digest[:12]}… 不存在，请重新扫描或从总公司恢复。") from None
        if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + NONCE + 16:
            raise FileStoreError(f"文件 {digest[:12]}… 已损坏。")
        nonce = blob[len(MAGIC):len(MAGIC) + NONCE]
        try:
            data = self._aead.decrypt(nonce, blob[len(MAGIC) + NONCE:], digest.encode())
        except InvalidTag:
            raise FileStoreError(f"文件 {digest[:12]}… 无法解密（已损坏或不属于本机数据库）。") from None
        if hashlib.sha256(data).hexdigest() != digest:
            raise FileStoreError(f"文件 {digest[:12]}… 内容与地址不符。")
        return data
