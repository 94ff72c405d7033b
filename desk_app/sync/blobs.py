"""Page files to and from head office: uploads (resumed where a cut left off) before the push,
downloads of pulled pages' files after the pull."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from desk_app.store.db import Store
from desk_app.store.models import PageBlob, SyncBlobUpload
from desk_app.store.types import utcnow
from desk_app.sync.pages import page_files
from desk_app.sync.report import Progress, SyncReport
from desk_app.sync.transport import SyncError, Transport
from sync_server import protocol as p


def upload_blobs(store: Store, transport: Transport, report: SyncReport, progress: Progress) -> None:
    """Send every page file head office does not hold yet; resumes where an upload was cut."""
    with store.reading() as s:
        todo = s.execute(select(PageBlob.sha256, PageBlob.size).where(
            PageBlob.sha256.not_in(select(SyncBlobUpload.sha256))).distinct()).all()
    if not todo:
        return
    files = page_files(store)
    missing = set()
    for i in range(0, len(todo), p.MAX_PUSH_ITEMS):
        missing.update(transport.missing_blobs([t.sha256 for t in todo[i:i + p.MAX_PUSH_ITEMS]]))
    done: list[str] = []
    for n, (sha, _size) in enumerate(todo):
        if sha in missing:
            progress("files", n, len(todo))
            data = files.get(sha)
            state = transport.blob_state(sha)
            offset = state.received
            if not state.present:
                while True:
                    chunk = data[offset:offset + p.BLOB_CHUNK]
                    try:
                        state = transport.put_blob(sha, offset, len(data), chunk)
                    except SyncError as exc:
                        if exc.error == "offset_mismatch":
                            offset = int(exc.body.get("received", 0))
                            continue
                        raise
                    offset = state.received
                    if state.present or offset >= len(data):
                        break
            report.blobs_uploaded += 1
        done.append(sha)
    with store.transaction() as s:
        now = utcnow()
        for sha in done:
            s.merge(SyncBlobUpload(sha256=sha, uploaded_at=now))


def fetch_pages(store: Store, transport: Transport, report: SyncReport, progress: Progress) -> None:
    """Download page files of pulled pages this PC does not hold (checked, then stored atomically)."""
    with store.reading() as s:
        rows = s.execute(select(PageBlob.sha256).where(PageBlob.deleted.is_(False)).distinct()).scalars().all()
    files = page_files(store)
    need = [h for h in rows if not files.exists(h)]
    for n, sha in enumerate(need):
        progress("files", n, len(need))
        data = transport.get_blob(sha)
        if hashlib.sha256(data).hexdigest() != sha:
            raise SyncError(f"从总公司下载的影像文件 {sha[:12]}… 校验失败，稍后重试。", error="hash_mismatch")
        files.put(data)
        report.blobs_fetched += 1
