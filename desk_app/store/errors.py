"""The disk under the store failing: full, read-only, an I/O error, a damaged file.

SQLite reports these as OperationalError/DatabaseError texts, the file store as OSError errnos;
each becomes one Chinese sentence that says nothing was saved and what to do. The transaction
has rolled back by then (store.db), and files it wrote are gone.
"""

from __future__ import annotations

import errno

import sqlcipher3 as sqlcipher
from sqlalchemy.exc import DBAPIError

from desk_app.errors import Refusal

FULL = "磁盘空间已满，本次操作没有保存。请清理磁盘（或请管理员处理）后再试。"
READ_ONLY = "数据目录不可写（磁盘只读或没有权限），本次操作没有保存。请检查磁盘或文件权限后再试。"
IO_ERROR = "读写磁盘出错，本次操作没有保存。请检查磁盘后再试；若反复出现，请联系管理员。"
DAMAGED = ("数据库文件已损坏，本次操作没有保存。请停止在本机办理业务，由业务主管用最近的备份恢复"
           "（desk-app store check 可检查数据库）。")


class StorageFailure(Refusal):
    """The disk or the file failed under an action; nothing of the action was kept."""


def storage_failure(exc: BaseException) -> StorageFailure | None:
    """The sentence for a disk-level failure, or None when `exc` is something else."""
    if isinstance(exc, StorageFailure):
        return exc
    if isinstance(exc, OSError) and exc.errno is not None:
        by_errno = {errno.ENOSPC: FULL, errno.EDQUOT: FULL, errno.EROFS: READ_ONLY, errno.EACCES: READ_ONLY,
                    errno.EPERM: READ_ONLY, errno.EIO: IO_ERROR}
        return StorageFailure(by_errno[exc.errno]) if exc.errno in by_errno else None
    if not isinstance(exc, DBAPIError | sqlcipher.Error):
        return None  # only the database's own reports are read for their words
    text = str(getattr(exc, "orig", None) or exc).lower()
    for needle, message in (("database or disk is full", FULL), ("disk is full", FULL),
                            ("readonly database", READ_ONLY), ("read-only", READ_ONLY),
                            ("disk i/o error", IO_ERROR), ("malformed", DAMAGED),
                            ("file is not a database", DAMAGED), ("database corrupt", DAMAGED)):
        if needle in text:
            return StorageFailure(message)
    return None
