"""Page files of a store, by content hash: the store's encrypted file folder, or plain files.

A plaintext store (no secret; only while an old store is converted) keeps them unencrypted
in the same layout. Both write atomically (temp file, fsync, rename), so a file that exists
at its address is whole.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Protocol

from desk_app.store.db import Store


class PageFiles(Protocol):
    def exists(self, digest: str) -> bool: ...
    def put(self, data: bytes) -> str: ...
    def get(self, digest: str) -> bytes: ...


class PlainFiles:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, digest: str) -> Path:
        return self.root / digest[:2] / digest[2:4] / digest

    def exists(self, digest: str) -> bool:
        return self.path_for(digest).exists()

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
        return digest

    def get(self, digest: str) -> bytes:
        return self.path_for(digest).read_bytes()


def page_files(store: Store) -> PageFiles:
    files = getattr(store, "files", None)
    return files if files is not None else PlainFiles(store.path.parent / "files")
