"""HTTP to head office (requests): the protocol headers on every call, errors as SyncError.

A refusal from the server arrives as `{error, reason}`; its Chinese reason becomes the
message of the SyncError, which the status bar shows as the reason of the last failure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import requests

from desk_app import clock
from sync_server import protocol as p

CONNECT_TIMEOUT_S = 5
READ_TIMEOUT_S = 120


class SyncError(Exception):
    """Sync could not complete; `reason` is for the branch screen (Chinese)."""

    def __init__(self, reason: str, *, error: str = "sync", status: int | None = None,
                 body: dict[str, Any] | None = None) -> None:
        super().__init__(reason)
        self.reason, self.error, self.status, self.body = reason, error, status, body or {}


class PreparedChanges(list):
    """A push batch whose request body is already encoded (while the batch before was on its way)."""

    def __init__(self, changes: list[p.Change]) -> None:
        super().__init__(changes)
        self.body = p.encode_push_request(changes)


class Transport:
    def __init__(self, base_url: str, token: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.http = requests.Session()
        self.bytes_sent = 0
        # Bytes of page files sent (the goal when re-syncing pages head office has: 0).
        self.file_bytes_sent = 0

    def _headers(self) -> dict[str, str]:
        h = {p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION),
             p.HEADER_CLIENT_TIME: clock.now().isoformat()}
        if self.token:
            h[p.HEADER_AUTH] = f"Bearer {self.token}"
        return h

    def request(self, method: str, path: str, *, data: bytes | Iterable[bytes] | None = None,
                params: dict[str, Any] | None = None, ok: tuple[int, ...] = (200,)) -> requests.Response:
        headers = self._headers()
        if isinstance(data, bytes):
            headers["Content-Type"] = "application/json" if data[:1] in (b"{", b"[") else "application/octet-stream"
            self.bytes_sent += len(data)
        try:
            resp = self.http.request(method, self.base_url + path, data=data, params=params, headers=headers,
                                     timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S))
        except requests.RequestException as exc:
            raise SyncError(f"无法连接总公司服务器（{type(exc).__name__}），稍后自动重试。", error="network") from exc
        if resp.status_code not in ok:
            try:
                body = resp.json()
            except ValueError:
                body = {}
            reason = p.error_reason(body, f"总公司服务器返回错误 {resp.status_code}。")
            raise SyncError(reason, error=str(body.get("error", "http")), status=resp.status_code, body=body)
        return resp

    def close(self) -> None:
        self.http.close()

    # -- the endpoints -----------------------------------------------------------------------

    def enrol(self, code: str, device_name: str) -> p.EnrolResponse:
        body = p.EnrolRequest(code=code, device_name=device_name).model_dump_json().encode()
        return p.EnrolResponse.model_validate_json(self.request("POST", "/v1/enrol", data=body).content)

    def status(self) -> p.StatusResponse:
        return p.StatusResponse.model_validate_json(self.request("GET", "/v1/status").content)

    def push(self, changes: list[p.Change]) -> p.PushResponse:
        body = changes.body if isinstance(changes, PreparedChanges) else p.encode_push_request(changes)
        return self._decode(p.decode_push_response, self.request("POST", "/v1/push", data=body))

    def pull(self, cursor: int, limit: int, *, audit_head: tuple[int, str] | None = None) -> p.PullResponse:
        params: dict[str, int | str] = {"cursor": cursor, "limit": limit, p.PULL_EMBEDDED: 1}
        if audit_head is not None:
            params.update(audit_seq=audit_head[0], audit_mac=audit_head[1])
        resp = self.request("GET", "/v1/pull", params=params)
        return self._decode(p.decode_pull_response, resp)

    @staticmethod
    def _decode(decode: Callable[[bytes], Any], resp: requests.Response) -> Any:
        try:
            return decode(resp.content)
        except p.WireError as exc:
            raise SyncError(f"总公司服务器的应答格式不正确（{exc}），稍后自动重试。", error="bad_answer") from None

    def missing_blobs(self, hashes: list[str]) -> list[str]:
        body = p.BlobQuery(hashes=hashes).model_dump_json().encode()
        return p.BlobMissing.model_validate_json(self.request("POST", "/v1/blobs/missing", data=body).content).missing

    def blob_state(self, sha256: str) -> p.BlobUploadState:
        return p.BlobUploadState.model_validate_json(self.request("GET", f"/v1/blobs/{sha256}/upload").content)

    def put_blob(self, sha256: str, offset: int, total: int, chunk: bytes) -> p.BlobUploadState:
        self.file_bytes_sent += len(chunk)
        resp = self.request("PUT", f"/v1/blobs/{sha256}", data=chunk, params={"offset": offset, "total": total})
        return p.BlobUploadState.model_validate_json(resp.content)

    def get_blob(self, sha256: str) -> bytes:
        return self.request("GET", f"/v1/blobs/{sha256}").content
