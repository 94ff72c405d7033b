"""The refusal of a scanner file the station cannot take, without the imaging libraries.

`sources` raises it while decoding; the store side and the services catch it and read their
files without importing numpy or OpenCV (re-exported as `sources.UnreadableFile`).
"""

from __future__ import annotations

import errno

from desk_app.core.errors import InvalidInput


class UnreadableFile(InvalidInput):
    """A file the station cannot take (damaged, encrypted, too large, not an image)."""


_OPEN_ERRORS = {errno.ENOENT: "文件不存在", errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限",
                errno.EISDIR: "这是一个文件夹", errno.EIO: "磁盘或网络读写出错"}


def open_error(name: str, exc: OSError) -> str:
    """The operator's sentence for a file that could not even be opened (not the OS's English)."""
    why = _OPEN_ERRORS.get(exc.errno or 0, f"系统错误 {exc.errno}")
    return f"无法打开文件“{name}”（{why}）。"
