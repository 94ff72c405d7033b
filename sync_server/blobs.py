"""Page images, addressed by sha256, in a directory (the embedded default).

An upload appends to `tmp/<sha>.<device>.part` at the offset the client says it has reached,
so an interrupted upload resumes; a wrong offset is refused with the real one. Only when the
whole file is there and its hash checks out is it renamed into place (atomic, fsynced) and
its database row written: a blob is never marked present without its whole file.
An S3-compatible store would implement the same four methods (docs/deploy.md).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

SHA_RE = re.compile(r"^[0-9a-f]{64}$")


class BlobError(Exception):
    """A refused upload: wrong offset, wrong hash, bad name."""

    def __init__(self, error: str, reason: str, received: int = 0) -> None:
        super().__init__(reason)
        self.error, self.reason, self.received = error, reason, received


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class DirectoryBlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        (self.root / "tmp").mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def part(self, sha256: str, device_id: str) -> Path:
        return self.root / "tmp" / f"{sha256}.{device_id}.part"

    def received(self, sha256: str, device_id: str) -> int:
        part = self.part(sha256, device_id)
        return part.stat().st_size if part.exists() else 0

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def open_part(self, sha256: str, device_id: str, offset: int) -> BinaryIO:
        """The part file opened for appending at `offset` (which must be what it holds)."""
        if not SHA_RE.match(sha256):
            raise BlobError("bad_hash", "影像文件标识不是有效的 sha256。")
        part = self.part(sha256, device_id)
        have = part.stat().st_size if part.exists() else 0
        if offset != have:
            raise BlobError("offset_mismatch", f"续传位置不符：服务器已收到 {have} 字节。", have)
        return open(part, "ab")

    def append(self, sha256: str, device_id: str, offset: int, chunks: Iterator[bytes], total: int) -> int:
        """Write `chunks` at `offset`; returns the bytes now held. Completes when it reaches `total`."""
        if not SHA_RE.match(sha256):
            raise BlobError("bad_hash", "影像文件标识不是有效的 sha256。")
        part = self.part(sha256, device_id)
        have = part.stat().st_size if part.exists() else 0
        if offset != have:
            raise BlobError("offset_mismatch", f"续传位置不符：服务器已收到 {have} 字节。", have)
        with open(part, "ab") as fh:
            for chunk in chunks:
                if have + len(chunk) > total:
                    fh.truncate(0)
                    raise BlobError("too_long", "上传的数据超过声明的文件大小。")
                fh.write(chunk)
                have += len(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        return have

    def complete(self, sha256: str, device_id: str) -> None:
        """Verify the finished part and move it into place; a wrong hash discards it."""
        part = self.part(sha256, device_id)
        digest = hashlib.sha256()
        with open(part, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != sha256:
            part.unlink(missing_ok=True)
            raise BlobError("hash_mismatch", "影像文件校验失败（sha256 不符），请重新上传。")
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, target)
        _fsync_dir(target.parent)

    def open(self, sha256: str) -> Path:
        return self.path(sha256)
