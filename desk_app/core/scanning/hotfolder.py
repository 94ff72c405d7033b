"""The hot folder a scanner writes into: take each file once, whole, then move it aside.

A file is taken only when it is complete: its size and modification time have not changed for
`settle` seconds (a scanner writing in pieces keeps changing them; an empty file, ten times
that), and names a scanner uses while writing (`.tmp`, `.part`, `~`, leading dot) are skipped
until renamed. After the import commits the file moves to `done/`; a file the station cannot
take (empty, unreadable, damaged or cut short, not an image) moves to `failed/` with a
`<name>.reason.txt` beside it, and is reported once (one that cannot even be moved is left
alone until it changes). Never twice: the handler is given the file's sha256, and the
import records it, so a crash between the commit and the move does not import the file again.

`done/` is not kept for ever: each imported file's original is already in the page store
(encrypted), so the plaintext copies in `done/` are deleted after `keep_days` (default 7) —
long enough to re-feed a batch, short enough that the scanner's folder does not become a
second, unencrypted archive of the branch's forms.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desk_app.core.errors import DomainError

SKIP_SUFFIXES = (".tmp", ".part", ".crdownload", "~")
KEEP_DONE_DAYS = 7.0


# An empty file is taken only after this many times `settle` unchanged: a scanner may create its
# file well before it writes the first page; one that has not written a byte by then has failed.
EMPTY_SETTLE_FACTOR = 10


@dataclass
class FolderState:
    seen: dict[str, tuple[int, int, float]] = field(default_factory=dict)  # name -> size, mtime_ns, since
    # Files that could not be moved to failed/ (a read-only folder, say): name -> (size, mtime_ns)
    # as they were refused, so they are reported once and left alone until they change.
    stuck: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Taken:
    name: str
    outcome: str  # done / failed / already
    reason: str = ""


# handler(name, data, sha256) imports one file in its own transaction; returns False when the
# file (by its sha256) was imported before; raises DomainError when the file cannot be read.
Handler = Callable[[str, bytes, str], bool]


def _move(src: Path, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    target = folder / src.name
    if target.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{src.stem}.{stamp}{src.suffix}"
    os.replace(src, target)
    return target


def ready_files(root: Path, state: FolderState, *, settle: float, now: float | None = None) -> list[Path]:
    """Files of `root` whose size and mtime have been stable for `settle` seconds."""
    now = time.monotonic() if now is None else now
    ready, present = [], set()
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if not entry.is_file() or entry.name.startswith(".") or entry.name.endswith(SKIP_SUFFIXES):
            continue
        try:
            st = entry.stat()
        except FileNotFoundError:  # gone between the listing and the look
            continue
        present.add(entry.name)
        key = (st.st_size, st.st_mtime_ns)
        if state.stuck.get(entry.name) == key:
            continue
        old = state.seen.get(entry.name)
        if old is None or old[:2] != key:
            state.seen[entry.name] = (*key, now)
        elif now - old[2] >= (settle if st.st_size > 0 else settle * EMPTY_SETTLE_FACTOR):
            ready.append(Path(entry.path))
    for gone in set(state.seen) - present:
        del state.seen[gone]
    for gone in set(state.stuck) - present:
        del state.stuck[gone]
    return ready


_READ_ERRORS = {errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限", errno.EIO: "磁盘或网络读写出错",
                errno.EISDIR: "这是一个文件夹", errno.ENXIO: "这不是普通文件"}


def _unreadable(name: str, exc: OSError) -> str:
    why = _READ_ERRORS.get(exc.errno or 0, f"系统错误 {exc.errno}")
    return f"无法读取文件“{name}”（{why}），未导入。"


def _fail(root: Path, path: Path, state: FolderState, reason: str, key: tuple[int, int]) -> None:
    """Move a refused file to failed/ with its reason beside it; when even that is not possible,
    remember it so that it is reported once, not on every pass."""
    try:
        moved = _move(path, root / "failed")
    except OSError:
        state.stuck[path.name] = key
        return
    try:
        moved.with_name(moved.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")
    except OSError:
        pass  # the file is out of the way; its reason is still reported


def poll_once(root: Path, state: FolderState, handler: Handler, *, settle: float = 2.0,
              now: float | None = None) -> list[Taken]:
    """Take every complete file once; returns what happened to each (`now`: a monotonic reading)."""
    root = Path(root)
    out = []
    for path in ready_files(root, state, settle=settle, now=now):
        seen = state.seen.get(path.name, (0, 0, 0.0))
        key = (seen[0], seen[1])
        try:
            data = path.read_bytes()
            # Look again after the read: a writer that resumed in between makes us wait one more round.
            st = path.stat()
        except FileNotFoundError:  # taken away meanwhile
            state.seen.pop(path.name, None)
            continue
        except OSError as exc:
            reason = _unreadable(path.name, exc)
            _fail(root, path, state, reason, key)
            out.append(Taken(path.name, "failed", reason))
            state.seen.pop(path.name, None)
            continue
        if st.st_size != len(data) or st.st_mtime_ns != key[1]:
            state.seen.pop(path.name, None)
            continue
        digest = hashlib.sha256(data).hexdigest()
        try:
            fresh = handler(path.name, data, digest)
        except DomainError as exc:
            _fail(root, path, state, exc.message, key)
            out.append(Taken(path.name, "failed", exc.message))
        else:
            _move(path, root / "done")
            out.append(Taken(path.name, "done" if fresh else "already"))
        state.seen.pop(path.name, None)
    return out


def purge_done(root: Path, *, keep_days: float = KEEP_DONE_DAYS, now: float | None = None) -> list[str]:
    """Delete files in `done/` imported more than `keep_days` ago (by the time they were moved
    there); `failed/` is left for a person to look at. Returns the names deleted."""
    folder = Path(root) / "done"
    if not folder.is_dir():
        return []
    limit = (time.time() if now is None else now) - keep_days * 86400
    gone = []
    for entry in os.scandir(folder):
        # st_ctime: when the move into done/ happened (os.replace keeps the scanner's mtime).
        if entry.is_file() and entry.stat().st_ctime < limit:
            os.unlink(entry.path)
            gone.append(entry.name)
    return sorted(gone)


def watch(root: Path, handler: Handler, *, settle: float = 2.0, interval: float = 1.0,
          stop: Callable[[], bool] = lambda: False, report: Callable[[Taken], None] = lambda t: None,
          keep_days: float = KEEP_DONE_DAYS) -> None:
    """Poll `root` until `stop()` says so; clear out old `done/` files about once a minute."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    state = FolderState()
    purged_at = 0.0
    while not stop():
        for taken in poll_once(root, state, handler, settle=settle):
            report(taken)
        if time.monotonic() - purged_at > 60:
            purge_done(root, keep_days=keep_days)
            purged_at = time.monotonic()
        time.sleep(interval)
