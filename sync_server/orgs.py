"""Organisations (head office -> province -> branch -> outlet), enrolment codes and device tokens.

A device token is 32 random bytes; the server keeps only its sha256 (a high-entropy secret
needs no slow hash), so a stolen database does not yield working tokens.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, select, update

from desk_app import clock
from sync_server.models import Device, EnrolmentCode, Org

ENROL_CODE_TTL = dt.timedelta(days=7)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class OrgError(Exception):
    """A refused administrative or enrolment request; the message says why (Chinese)."""


def utcnow() -> dt.datetime:
    # The same settable clock as the desk app (BRANCHDESK_NOW), so a test run moved to another
    # day moves head office with it and the clock-skew check compares like with like.
    return clock.now()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class OrgView:
    code: str
    name: str
    parent_code: str | None
    path: str

    @property
    def ancestors(self) -> list[str]:
        """Codes above this organisation, nearest last (path 'HO/GD/GD0101/' -> ['HO', 'GD'])."""
        return self.path.rstrip("/").split("/")[:-1]


@dataclass(frozen=True)
class DeviceView:
    device_id: str
    org: OrgView
    name: str
    revoked: bool


def _view(org: Org) -> OrgView:
    return OrgView(org.code, org.name, org.parent_code, org.path)


def get_org(conn: Connection, code: str) -> OrgView | None:
    row = conn.execute(select(Org).where(Org.code == code)).first()
    return OrgView(row.code, row.name, row.parent_code, row.path) if row else None


def add_org(conn: Connection, *, code: str, name: str, parent: str | None) -> OrgView:
    code = code.strip().upper()
    if not code or not code.isalnum() or len(code) > 16:
        raise OrgError("机构代码应为 1–16 位字母或数字。")
    if get_org(conn, code) is not None:
        raise OrgError(f"机构 {code} 已存在。")
    if parent is None:
        path = f"{code}/"
    else:
        up = get_org(conn, parent.upper())
        if up is None:
            raise OrgError(f"上级机构 {parent} 不存在。")
        path = f"{up.path}{code}/"
    conn.execute(Org.__table__.insert().values(code=code, name=name, parent_code=parent and parent.upper(),
                                               path=path, created_at=utcnow()))
    return OrgView(code, name, parent and parent.upper(), path)


def list_orgs(conn: Connection) -> list[OrgView]:
    return [OrgView(r.code, r.name, r.parent_code, r.path)
            for r in conn.execute(select(Org).order_by(Org.path))]


def org_paths(conn: Connection) -> dict[str, str]:
    """Every organisation's path ('HO/GD/GD0101/'): ancestry is a prefix test, no query per row."""
    return {code: path for code, path in conn.execute(select(Org.code, Org.path))}


def new_enrolment_code(conn: Connection, org_code: str, *, ttl: dt.timedelta = ENROL_CODE_TTL) -> str:
    if get_org(conn, org_code) is None:
        raise OrgError(f"机构 {org_code} 不存在。")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
    code = "-".join(raw[i:i + 4] for i in range(0, 16, 4))
    now = utcnow()
    conn.execute(EnrolmentCode.__table__.insert().values(
        code_hash=sha256_text(normalise_code(code)), org_code=org_code, created_at=now, expires_at=now + ttl))
    return code


def normalise_code(code: str) -> str:
    return code.replace("-", "").replace(" ", "").upper()


def enrol(conn: Connection, *, code: str, device_name: str) -> tuple[str, DeviceView]:
    """Exchange a one-time code for a device token (returned once, stored hashed)."""
    now = utcnow()
    code_hash = sha256_text(normalise_code(code))
    row = conn.execute(select(EnrolmentCode).where(EnrolmentCode.code_hash == code_hash)).first()
    if row is None or row.used_at is not None or _aware(row.expires_at) < now:
        raise OrgError("注册码无效、已使用或已过期，请向总公司申请新的注册码。")
    # The conditional update makes the code single-use even under two concurrent enrolments.
    done = conn.execute(update(EnrolmentCode).where(EnrolmentCode.code_hash == code_hash,
                                                    EnrolmentCode.used_at.is_(None)).values(used_at=now))
    if done.rowcount != 1:
        raise OrgError("注册码已被使用。")
    token = secrets.token_urlsafe(32)
    device_id = str(uuid.uuid4())
    conn.execute(Device.__table__.insert().values(id=device_id, org_code=row.org_code, name=device_name[:100],
                                                  token_hash=sha256_text(token), created_at=now))
    org = get_org(conn, row.org_code)
    assert org is not None
    return token, DeviceView(device_id, org, device_name, False)


def code_org(conn: Connection, code: str) -> str | None:
    """The organisation of an enrolment code head office issued (used, expired or not)."""
    return conn.scalar(select(EnrolmentCode.org_code).where(
        EnrolmentCode.code_hash == sha256_text(normalise_code(code))))


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def device_for_token(conn: Connection, token: str) -> DeviceView | None:
    row = conn.execute(
        select(Device.id, Device.name, Device.revoked_at, Org.code, Org.name.label("org_name"), Org.parent_code,
               Org.path).join(Org, Org.code == Device.org_code).where(Device.token_hash == sha256_text(token))
    ).first()
    if row is None or row.revoked_at is not None:
        return None
    return DeviceView(row.id, OrgView(row.code, row.org_name, row.parent_code, row.path), row.name, False)


def list_devices(conn: Connection) -> list[dict[str, object]]:
    rows = conn.execute(select(Device).order_by(Device.org_code, Device.created_at)).all()
    return [{"device_id": r.id, "org": r.org_code, "name": r.name, "created_at": r.created_at.isoformat(),
             "revoked": r.revoked_at is not None} for r in rows]


def revoke_device(conn: Connection, device_id: str) -> None:
    done = conn.execute(update(Device).where(Device.id == device_id, Device.revoked_at.is_(None))
                        .values(revoked_at=utcnow()))
    if done.rowcount != 1:
        raise OrgError(f"设备 {device_id} 不存在或已注销。")
