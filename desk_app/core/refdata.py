"""Reference data from head office (files in resources/refdata), loaded into the local store.

Each file carries a `kind` and a `version`; a newer version replaces the older set in one
transaction (rows no longer listed become tombstones, so sync can carry the removal), an
equal or older version is skipped. Bulk paths use Core upserts, not ORM adds.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from desk_app.core.errors import InvalidInput
from desk_app.store.models import (
    Agent,
    AuthorityGrant,
    AuthorityLevel,
    BenefitLevel,
    Intermediary,
    OccupationClass,
    Policy,
    Product,
    RefDataVersion,
)
from desk_app.store.types import utcnow
from sync_server.protocol import DECIMAL_FIELDS, MONEY_FIELDS, REFDATA_KEYS, refdata_id, split_rows

HEAD_OFFICE = "HO"

# kind -> (table, natural key columns); the keys are the ones head office uses too.
_MODELS: dict[str, type] = {
    "products": Product,
    "benefit_levels": BenefitLevel,
    "occupation_classes": OccupationClass,
    "intermediaries": Intermediary,
    "agents": Agent,
    "authority_levels": AuthorityLevel,
    "authority_grants": AuthorityGrant,
    "policies": Policy,
}
KINDS: dict[str, tuple[type, tuple[str, ...]]] = {kind: (model, REFDATA_KEYS[kind]) for kind, model in _MODELS.items()}


@dataclass(frozen=True)
class LoadResult:
    kind: str
    version: int
    rows: int
    skipped: bool


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    # None stays None: a grant's max_amount of null means any amount.
    return {k: Decimal(str(v)) if k in MONEY_FIELDS | DECIMAL_FIELDS and v is not None else v for k, v in row.items()}


def _replace(session: Session, kind: str, rows: list[dict[str, Any]]) -> int:
    table_cls, key_cols = KINDS[kind]
    table = table_cls.__table__
    now = utcnow()
    prepared = []
    for row in rows:
        row = _typed(row)
        missing = [c for c in key_cols if c not in row]
        if missing:
            raise InvalidInput(f"参考数据“{kind}”有一行缺少 {', '.join(missing)}。")
        prepared.append({**row, "id": refdata_id(kind, tuple(row[c] for c in key_cols)),
                         "branch_code": HEAD_OFFICE, "created_at": now, "updated_at": now, "deleted": False})
    ids = [r["id"] for r in prepared]
    if len(set(ids)) != len(ids):
        raise InvalidInput(f"参考数据“{kind}”中有重复的代码。")
    if prepared:
        stmt = insert(table)
        cols = [c for c in prepared[0] if c not in ("id", "created_at")]
        stmt = stmt.on_conflict_do_update(index_elements=["id"], set_={c: stmt.excluded[c] for c in cols})
        session.execute(stmt, prepared)
    session.execute(
        update(table).where(table.c.id.not_in(ids), table.c.deleted.is_(False)).values(deleted=True, updated_at=now)
    )
    return len(prepared)


def load_file(session: Session, path: Path, *, force: bool = False) -> list[LoadResult]:
    """Load one reference file if its version is newer than what the store holds."""
    try:
        raw = path.read_bytes()
        doc = json.loads(raw)
        kind, version, raw_rows = doc["kind"], int(doc["version"]), doc["rows"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InvalidInput(f"参考数据文件 {path.name} 无法读取：{exc}") from exc
    if kind not in KINDS:
        raise InvalidInput(f"参考数据文件 {path.name} 的类型“{kind}”未知。")
    current = session.get(RefDataVersion, kind)
    if current is not None and current.version >= version and not force:
        return [LoadResult(kind, current.version, 0, True)]
    checksum = hashlib.sha256(raw).hexdigest()
    results = []
    for table_kind, rows in split_rows(kind, raw_rows).items():
        n = _replace(session, table_kind, rows)
        ver = session.get(RefDataVersion, table_kind)
        if ver is None:
            session.add(RefDataVersion(kind=table_kind, version=version, checksum=checksum, loaded_at=utcnow()))
        else:
            ver.version, ver.checksum, ver.loaded_at = version, checksum, utcnow()
        results.append(LoadResult(table_kind, version, n, False))
    session.flush()
    return results


def load_dir(session: Session, folder: Path) -> list[LoadResult]:
    out: list[LoadResult] = []
    for path in sorted(folder.glob("*.json")):
        out.extend(load_file(session, path))
    return out


def versions(session: Session) -> dict[str, int]:
    return {v.kind: v.version for v in session.scalars(select(RefDataVersion))}
