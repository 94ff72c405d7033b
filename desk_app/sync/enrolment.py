"""Enrolling this PC with head office: a one-time code exchanged for the device token."""

from __future__ import annotations

import platform

from desk_app.store.db import Store
from desk_app.store.models import SyncState
from desk_app.sync.transport import SyncError, Transport
from sync_server import protocol as p


def enrol(store: Store, *, server_url: str, code: str, device_name: str | None = None) -> p.EnrolResponse:
    """Exchange a one-time code for this PC's device token and keep it in the (encrypted) store."""
    transport = Transport(server_url)
    try:
        resp = transport.enrol(code, device_name or platform.node() or "branch-pc")
    finally:
        transport.close()
    with store.transaction() as s:
        st = s.get(SyncState, 1)
        assert st is not None, "migration 0002 creates the sync_state row"
        if st.org_code and st.org_code != resp.org_code:
            raise SyncError(f"本机已注册到机构 {st.org_code}，不能改注册到 {resp.org_code}。", error="enrolled")
        st.server_url, st.device_id, st.device_token = server_url.rstrip("/"), resp.device_id, resp.token
        st.org_code = resp.org_code
    return resp
