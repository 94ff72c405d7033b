"""A synced row as head office holds it, and as it may go down to a branch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from sync_server.protocol import NO_PASSWORD, REMOTE_USER_FIELDS


@dataclass(slots=True)
class Row:
    table: str
    row_id: str
    org: str
    case_id: str | None
    clash_key: str | None
    payload: str
    version: int
    writer_device: str | None
    writer_org: str

    def values(self) -> tuple[Any, ...]:
        """In the order of ROW_COLUMNS."""
        return (self.table, self.row_id, self.org, self.case_id, self.clash_key, self.payload, self.version,
                self.writer_device, self.writer_org)


def row_of(r: Any) -> Row:
    """A record of the `rows` table as a Row."""
    return Row(r.table_name, r.row_id, r.org_code, r.case_id, r.clash_key, r.payload, r.version,
               r.writer_device, r.writer_org)


def user_for_own(payload: str) -> str:
    """A user row as its own organisation's other PCs receive it: everything but the password hash
    (head office keeps the row as pushed; no credential ever goes down)."""
    data = orjson.loads(payload)
    if "password_hash" not in data:
        return payload
    data["password_hash"] = NO_PASSWORD
    return orjson.dumps(data).decode()


def user_for_others(payload: str) -> str:
    """A user row as another organisation receives it (the actor of a shared case's event): a
    display name under a name that is only its id, no roles, no authority, never able to log in."""
    data = orjson.loads(payload)
    row = {k: data[k] for k in REMOTE_USER_FIELDS if k in data}
    row.update(username=str(data.get("id", "")), password_hash=NO_PASSWORD, authority_level=0, active=0,
               failed_logins=0, locked_until=None, must_change_password=0)
    return orjson.dumps(row).decode()


def as_sent(row: Row) -> str:
    """A stored row as it may go down (a user row without its password hash)."""
    return user_for_own(row.payload) if row.table == "users" else row.payload

