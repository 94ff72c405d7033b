"""Which page files a device may fetch."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from sync_server.models import Blob, BlobOwner, BlobRef, RowState, SharedCase
from sync_server.orgs import DeviceView, org_paths


def blob_visible(conn: Connection, device: DeviceView, sha256: str) -> bool:
    """A device may fetch a page file its organisation uploaded, or one that a row of a case shared
    up to it names in a hash column: page row -> its case (shared) -> the case's organisation,
    which must lie below the device's and must itself have uploaded the file."""
    if conn.scalar(select(func.count()).select_from(BlobOwner).where(
            BlobOwner.sha256 == sha256, BlobOwner.org_code == device.org.code)):
        return True
    paths = org_paths(conn)
    below = [c for c, p in paths.items() if c != device.org.code and p.startswith(device.org.path)]
    if not below:
        return False
    q = (select(func.count()).select_from(BlobRef)
         .join(RowState, (RowState.table_name == BlobRef.table_name) & (RowState.row_id == BlobRef.row_id))
         .join(SharedCase, SharedCase.case_id == RowState.case_id)
         .join(BlobOwner, (BlobOwner.sha256 == BlobRef.sha256) & (BlobOwner.org_code == RowState.org_code))
         .where(BlobRef.sha256 == sha256, RowState.org_code.in_(below)))
    return bool(conn.scalar(q)) and bool(conn.scalar(select(func.count()).select_from(Blob)
                                                    .where(Blob.sha256 == sha256)))
