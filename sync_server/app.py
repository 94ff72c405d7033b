"""The HTTP API of the head-office sync server (FastAPI).

Stateless between requests: everything lives in the database and the blob store, so several
processes can serve behind a load balancer. Every route except health and enrolment needs a
device token, and the organisation a request acts for comes from that token only.
"""


import datetime as dt
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import ValidationError
from sqlalchemy import Connection, Engine, func, select
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from desk_app.bulk import collector_paused
from sync_server import audit_watch, limits
from sync_server import protocol as p
from sync_server.blob_access import blob_visible
from sync_server.blobs import BlobError, DirectoryBlobStore
from sync_server.bulk_sql import chunks, dialect_insert
from sync_server.db import make_engine
from sync_server.errors import BadRequest, Forbidden
from sync_server.feed_lock import head, lock
from sync_server.models import Blob, BlobOwner
from sync_server.orgs import DeviceView, OrgError, code_org, device_for_token, enrol, utcnow
from sync_server.pull import pull_page
from sync_server.push import push as apply_push

log = logging.getLogger(__name__)

# Routes a request may reach without a device token (the isolation test checks all others).
PUBLIC_ROUTES = {"/v1/health", "/v1/enrol"}

# Every parameter has a type, a range and a length: a bad one is a 422 with a reason, never a 500
# from the database (PostgreSQL refuses NUL and over-long values, SQLite integers past 64 bits).
Sha256 = Annotated[str, PathParam(pattern=p.SHA256_HEX)]
Seq64 = Annotated[int, Query(ge=0, le=p.INT64_MAX)]


def _streams_to_disk(method: str, path: str) -> bool:
    """Blob uploads are written as they arrive, bounded by their declared total (MAX_BLOB_BYTES)."""
    return method == "PUT" and path.startswith("/v1/blobs/")


def _reason(errors: list[Any]) -> str:
    """The first validation error, short: where and what, without echoing a long input back."""
    if not errors:
        return "请求格式不正确。"
    e = errors[0]
    where = ".".join(str(x) for x in e.get("loc", ()))
    return f"请求格式不正确：{where} {str(e.get('msg', ''))[:120]}"


class ApiError(Exception):
    def __init__(self, status: int, error: str, reason: str, **extra: Any) -> None:
        super().__init__(reason)
        self.status, self.error, self.reason, self.extra = status, error, reason, extra


@dataclass
class Settings:
    db_url: str
    blob_dir: Path


def _json(model: Any, status: int = 200) -> Response:
    return Response(model.model_dump_json(), status_code=status, media_type="application/json")


def _raw(body: bytes) -> Response:
    """A bulk answer already encoded by the protocol module (orjson)."""
    return Response(body, media_type="application/json")


def create_app(db_url: str, blob_dir: Path, *, engine: Engine | None = None) -> FastAPI:
    engine = engine or make_engine(db_url)
    reader = engine if engine.dialect.name != "sqlite" else make_engine(db_url, write=False)
    blobs = DirectoryBlobStore(blob_dir)
    app = FastAPI(title="BranchDesk head office", version=str(p.PROTOCOL_VERSION), docs_url=None,
                  redoc_url=None, openapi_url=None)
    app.state.engine = engine
    app.state.blobs = blobs
    app.add_middleware(limits.BodyLimit, limit=p.MAX_BODY_BYTES, exempt=_streams_to_disk)

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"error": exc.error, "reason": exc.reason, **exc.extra}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": "invalid", "reason": _reason(list(exc.errors()))}, status_code=422)

    @app.exception_handler(limits.Limited)
    async def _limited(_request: Request, exc: limits.Limited) -> JSONResponse:
        return JSONResponse({"error": "too_many_attempts", "reason": exc.reason}, status_code=429,
                            headers={"Retry-After": str(exc.retry_after)})

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": "http", "reason": str(exc.detail)}, status_code=exc.status_code)

    def conn_dep() -> Iterator[Connection]:
        with reader.begin() as conn:
            yield conn

    def checked(
        protocol: Annotated[str | None, Header(alias=p.HEADER_PROTOCOL)] = None,
        client_time: Annotated[str | None, Header(alias=p.HEADER_CLIENT_TIME)] = None,
    ) -> None:
        """Say no early: an unknown protocol or a clock more than five minutes off."""
        if protocol != str(p.PROTOCOL_VERSION):
            raise ApiError(400, "protocol_version",
                           f"本机同步程序的协议版本（{protocol or '未知'}）与总公司服务器（{p.PROTOCOL_VERSION}）"
                           "不一致，请升级 BranchDesk。")
        try:
            when = dt.datetime.fromisoformat(client_time or "")
        except ValueError:
            raise ApiError(400, "clock_skew", "请求缺少本机时间。") from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        skew = (when - utcnow()).total_seconds()
        if abs(skew) > p.MAX_CLOCK_SKEW_S:
            minutes = round(abs(skew) / 60)
            raise ApiError(400, "clock_skew",
                           f"本机时钟与总公司服务器相差约 {minutes} 分钟（允许 5 分钟），请校准本机时间后再同步。")

    def device_dep(
        _check: Annotated[None, Depends(checked)],
        authorization: Annotated[str | None, Header()] = None,
    ) -> DeviceView:
        token = (authorization or "").removeprefix("Bearer ").strip()
        if not token:
            raise ApiError(401, "unauthorised", "本机尚未注册到总公司，请先注册。")
        with reader.connect() as conn:
            device = device_for_token(conn, token)
        if device is None:
            raise ApiError(401, "unauthorised", "本机的注册已失效或已被总公司注销，请重新注册。")
        return device

    Conn = Annotated[Connection, Depends(conn_dep)]
    Dev = Annotated[DeviceView, Depends(device_dep)]

    def guard(fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except Forbidden as exc:
            raise ApiError(403, "forbidden", str(exc)) from None
        except BadRequest as exc:
            raise ApiError(422, "invalid", str(exc)) from None
        except OrgError as exc:
            raise ApiError(400, "refused", str(exc)) from None
        except BlobError as exc:
            status = 409 if exc.error == "offset_mismatch" else 422
            raise ApiError(status, exc.error, exc.reason, received=exc.received) from None

    @app.get("/v1/health")
    def health() -> dict[str, Any]:
        return {"ok": True, "protocol": p.PROTOCOL_VERSION}

    @app.post("/v1/enrol")
    async def enrol_route(request: Request, _check: Annotated[None, Depends(checked)]) -> Response:
        try:
            body = p.EnrolRequest.model_validate_json(await request.body())
        except ValidationError as exc:
            raise ApiError(422, "invalid", _reason(list(exc.errors()))) from None
        address = "addr:" + (request.client.host if request.client else "unknown")

        def run() -> Response:
            # Counted before the code is looked at: a locked or hurried address learns nothing.
            with engine.begin() as conn:
                limits.admit(conn, address, limits.ADDRESS)
                org = code_org(conn, body.code)
                if org is not None:
                    limits.admit(conn, "org:" + org, limits.ORG)
            try:
                with engine.begin() as conn:
                    token, device = enrol(conn, code=body.code, device_name=body.device_name)
            except OrgError:
                with engine.begin() as conn:
                    if limits.failed(conn, address, limits.ADDRESS, org_code=org or ""):
                        log.warning("enrolment locked for %s", address)
                    if org is not None:
                        limits.failed(conn, "org:" + org, limits.ORG, org_code=org)
                raise
            with engine.begin() as conn:
                limits.cleared(conn, address)
            return _json(p.EnrolResponse(token=token, device_id=device.device_id, org_code=device.org.code,
                                         org_name=device.org.name, server_time=utcnow()))

        return await run_in_threadpool(guard, run)

    @app.get("/v1/status")
    def status(device: Dev, conn: Conn) -> Response:
        return _json(p.StatusResponse(device_id=device.device_id, org_code=device.org.code,
                                      org_name=device.org.name, server_time=utcnow(), head=head(conn),
                                      max_push_items=p.PUSH_ITEMS_ACCEPTED))

    @app.post("/v1/push")
    def push(device: Dev, body: bytes = Depends(_raw_body)) -> Response:
        if body.count(b",") + body.count(b":") > p.MAX_BODY_TOKENS:
            # Refused before parsing: the parser would build an object for each of them.
            raise ApiError(413, "too_large", f"一次最多提交 {p.PUSH_ITEMS_ACCEPTED} 条变更，请分批提交。")
        try:
            changes = p.decode_push_request(body, p.PUSH_ITEMS_ACCEPTED)
        except p.WireError as exc:
            raise ApiError(422, "invalid", f"请求格式不正确：{str(exc)[:200]}") from None

        def run() -> Response:
            with collector_paused(), engine.begin() as conn:
                # The push lock first (re-entrant; apply_push takes it again): the audit head read
                # here must be the one this batch moves, not one a concurrent push is moving.
                lock(conn)
                refused = audit_watch.screen_push(conn, device, changes)
                rest = [ch for ch in changes if ch.change_id not in refused] if refused else changes
                applied = iter(apply_push(conn, device, rest))
                results = [refused.get(ch.change_id) or next(applied) for ch in changes]
                audit_watch.advance(conn, device, rest, results)
            return _raw(p.encode_push_response(results, utcnow()))

        return guard(run)

    @app.get("/v1/pull")
    def pull(device: Dev, conn: Conn, cursor: Seq64 = 0,
             limit: Annotated[int, Query(ge=-p.INT64_MAX, le=p.INT64_MAX)] = 2000,
             rows: Annotated[int, Query(ge=0, le=1)] = 0, audit_seq: Seq64 | None = None,
             audit_mac: Annotated[str, Query(max_length=64, pattern=p.PLAIN_TEXT)] = "") -> Response:
        limit = max(1, min(limit, p.MAX_PULL_ITEMS))
        if audit_seq is not None:  # the PC's audit-chain head, against head office's copy
            found = audit_watch.compare_head(conn, device, audit_seq, audit_mac)
            if found is not None:
                with engine.begin() as wconn:
                    audit_watch.record_alert(wconn, device, audit_seq, found)
                log.warning("audit chain of device %s (%s) rewound: %s", device.device_id, device.org.code, found[2])
        # rows=1 (protocol PULL_EMBEDDED): the client reads rows embedded as JSON objects.
        return _raw(pull_page(conn, device, cursor, limit, embedded=rows == 1))

    @app.post("/v1/blobs/missing")
    def blobs_missing(device: Dev, conn: Conn, query: p.BlobQuery) -> Response:
        have: set[str] = set()
        for part in chunks(query.hashes):
            have.update(conn.scalars(select(BlobOwner.sha256).where(
                BlobOwner.sha256.in_(part), BlobOwner.org_code == device.org.code)))
        return _json(p.BlobMissing(missing=[h for h in query.hashes if h not in have]))

    @app.get("/v1/blobs/{sha256}/upload")
    def blob_upload_state(device: Dev, conn: Conn, sha256: Sha256) -> Response:
        present = bool(conn.scalar(select(func.count()).select_from(BlobOwner).where(
            BlobOwner.sha256 == sha256, BlobOwner.org_code == device.org.code)))
        return _json(p.BlobUploadState(sha256=sha256, present=present,
                                       received=0 if present else blobs.received(sha256, device.device_id)))

    @app.put("/v1/blobs/{sha256}")
    async def blob_put(request: Request, device: Dev, sha256: Sha256,
                       offset: Annotated[int, Query(ge=0, le=p.MAX_BLOB_BYTES)],
                       total: Annotated[int, Query(ge=0, le=p.INT64_MAX)]) -> Response:
        if total > p.MAX_BLOB_BYTES:
            raise ApiError(413, "too_long", "影像文件过大。")
        # Written as it arrives, so a connection cut mid-upload keeps what came and resumes there.
        fh = guard(lambda: blobs.open_part(sha256, device.device_id, offset))
        have = offset
        try:
            async for chunk in request.stream():
                if have + len(chunk) > total:
                    raise ApiError(422, "too_long", "上传的数据超过声明的文件大小。")
                fh.write(chunk)
                have += len(chunk)
        except ClientDisconnect:
            return Response(status_code=499)
        finally:
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        if have < total:
            return _json(p.BlobUploadState(sha256=sha256, present=False, received=have))
        await run_in_threadpool(lambda: guard(lambda: blobs.complete(sha256, device.device_id)))
        await run_in_threadpool(_mark_present, engine, sha256, total, device.org.code)
        return _json(p.BlobUploadState(sha256=sha256, present=True, received=total))

    @app.get("/v1/blobs/{sha256}")
    def blob_get(device: Dev, conn: Conn, sha256: Sha256) -> Response:
        if not blob_visible(conn, device, sha256) or not blobs.exists(sha256):
            raise ApiError(404, "not_found", "找不到该影像文件。")
        return FileResponse(blobs.open(sha256), media_type="application/octet-stream")

    return app


def _mark_present(engine: Engine, sha256: str, size: int, org_code: str) -> None:
    with engine.begin() as conn:
        ins = dialect_insert(conn)
        conn.execute(ins(Blob.__table__).values(sha256=sha256, size=size, created_at=utcnow()).on_conflict_do_nothing())
        conn.execute(ins(BlobOwner.__table__).values(sha256=sha256, org_code=org_code).on_conflict_do_nothing())


async def _raw_body(request: Request) -> bytes:
    return await request.body()
