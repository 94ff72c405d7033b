"""Limits at the edge: the size of a request body, and enrolment attempts per address and org.

The body limit is an ASGI middleware: a `Content-Length` over the limit is answered 413 before a
byte is read, and a body without one (chunked) is counted as it arrives and refused the moment it
passes the limit, so the server never holds more than the limit of any request, whatever it is.

Enrolment codes are 16 characters of a 32-letter alphabet (80 bits): guessing one is hopeless
even at full speed, and the limiter keeps it so when a code leaks in part or old codes are
replayed. Failures are counted per client address, and per organisation where the code tried is
one of its (used or expired) codes; a guess names no organisation, so it counts for its address
only. After SLOW_AFTER failures in the window an address may try once per SLOW_INTERVAL; after
LOCK_AFTER it is locked for LOCK_FOR (429 with the time, and an audit alert for
`sync-server audit alerts`). The counts live in the database, so every server process behind a
load balancer shares them. A success clears its address.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update

from sync_server.bulk_sql import dialect_insert
from sync_server.models import AuditAlert, EnrolLimit
from sync_server.orgs import utcnow

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

WINDOW = dt.timedelta(minutes=15)
SLOW_AFTER = 5
SLOW_INTERVAL = dt.timedelta(seconds=2)
LOCK_AFTER = 20
# Per organisation (replayed codes of one org from many addresses): a little more room.
ORG_SLOW_AFTER = 10
ORG_LOCK_AFTER = 50
ENV_LOCK_S = "BRANCHDESK_ENROL_LOCK_S"


def lock_for() -> dt.timedelta:
    """15 minutes; BRANCHDESK_ENROL_LOCK_S sets it (the tests wait out a lock of a few seconds)."""
    return dt.timedelta(seconds=float(os.environ.get(ENV_LOCK_S, "900")))


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"请求内容超过 {limit // (1 << 20)} MB，已拒绝。")
        self.limit = limit


def _too_large_body(limit: int) -> bytes:
    import json

    return json.dumps({"error": "too_large", "reason": str(BodyTooLarge(limit))}, ensure_ascii=False).encode()


class BodyLimit:
    """413 for a request body over `limit` bytes, decided while reading, before any parsing.
    `exempt(method, path)` names the routes that stream their body to disk under their own bound."""

    def __init__(self, app: ASGIApp, limit: int, exempt: Callable[[str, str], bool]) -> None:
        self.app, self.limit, self.exempt = app, limit, exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.exempt(scope["method"], scope["path"]):
            await self.app(scope, receive, send)
            return
        limit = self.limit
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > limit:
                    await self._refuse(send, 400 if declared < 0 else 413)
                    return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if not started:
                await self._refuse(send, 413)

    async def _refuse(self, send: Send, status: int) -> None:
        body = _too_large_body(self.limit) if status == 413 else \
            '{"error": "invalid", "reason": "Content-Length 不正确。"}'.encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class Limited(Exception):
    """An enrolment attempt refused without looking at its code (HTTP 429)."""

    def __init__(self, reason: str, retry_after: int) -> None:
        super().__init__(reason)
        self.reason, self.retry_after = reason, retry_after


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Rule:
    slow_after: int
    lock_after: int


ADDRESS = Rule(SLOW_AFTER, LOCK_AFTER)
ORG = Rule(ORG_SLOW_AFTER, ORG_LOCK_AFTER)


def _row(conn: Connection, key: str) -> Any:
    stmt = select(EnrolLimit).where(EnrolLimit.key == key)
    if conn.dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    return conn.execute(stmt).first()


def admit(conn: Connection, key: str, rule: Rule, now: dt.datetime | None = None) -> None:
    """Raise Limited if `key` is locked or must wait; otherwise note the attempt's time."""
    now = now or utcnow()
    row = _row(conn, key)
    if row is None:
        return
    locked = _aware(row.locked_until)
    if locked is not None and locked > now:
        local = locked.astimezone().strftime("%H:%M")
        raise Limited(f"注册码尝试失败次数过多，已暂停注册至 {local}，请核对注册码后再试。",
                      int((locked - now).total_seconds()) + 1)
    fresh = _aware(row.window_start) + WINDOW > now
    last = _aware(row.last_attempt)
    if fresh and row.failures >= rule.slow_after and last + SLOW_INTERVAL > now:
        raise Limited("注册码尝试过于频繁，请稍后再试。", int((last + SLOW_INTERVAL - now).total_seconds()) + 1)
    conn.execute(update(EnrolLimit).where(EnrolLimit.key == key).values(last_attempt=now))


def failed(conn: Connection, key: str, rule: Rule, *, org_code: str = "", now: dt.datetime | None = None) -> bool:
    """Count a failure of `key`; True when it is now locked (an audit alert is written)."""
    now = now or utcnow()
    row = _row(conn, key)
    if row is None:
        conn.execute(dialect_insert(conn)(EnrolLimit.__table__).values(
            key=key, failures=1, window_start=now, last_attempt=now).on_conflict_do_nothing())
        return False
    if _aware(row.window_start) + WINDOW <= now:
        conn.execute(update(EnrolLimit).where(EnrolLimit.key == key).values(
            failures=1, window_start=now, last_attempt=now, locked_until=None))
        return False
    failures = row.failures + 1
    values: dict[str, Any] = {"failures": failures, "last_attempt": now}
    locked = failures >= rule.lock_after
    if locked:
        until = now + lock_for()
        # The next failure after the lock starts a new window: one more lock per LOCK_AFTER failures.
        values.update(locked_until=until, failures=0, window_start=now)
        conn.execute(AuditAlert.__table__.insert().values(
            device_id="", org_code=org_code, kind="enrol_locked", branch_seq=failures,
            head_seq=int(lock_for().total_seconds()), detected_at=now,
            reason=f"注册码尝试失败过多：{key} 在 {int(WINDOW.total_seconds() // 60)} 分钟内失败 {failures} 次，"
                   f"锁定至 {until.isoformat(timespec='seconds')}。"))
    conn.execute(update(EnrolLimit).where(EnrolLimit.key == key).values(**values))
    return locked


def cleared(conn: Connection, key: str) -> None:
    conn.execute(EnrolLimit.__table__.delete().where(EnrolLimit.key == key))
