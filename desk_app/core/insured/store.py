"""Writing an imported list: a new InsuredList version, the previous active one marked replaced
(both kept, the case's history), and its persons, with SQLAlchemy Core statements: 10,000 ORM
objects would cost seconds of unit-of-work bookkeeping for rows nothing reads back.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from desk_app.core.insured.checks import Issue
from desk_app.store.models import InsuredList, InsuredPerson

CHUNK = 2000  # rows per executemany: bounded memory for the bound parameters


def active_list(session: Session, proposal_id: str) -> InsuredList | None:
    return session.scalar(select(InsuredList).where(
        InsuredList.proposal_id == proposal_id, InsuredList.replaced_at.is_(None), InsuredList.deleted.is_(False)))


def save_list(session: Session, *, proposal_id: str, branch_code: str, actor_id: str, file_name: str,
              file_digest: str, sheet: str, mapping: dict[str, str], persons: Sequence[dict[str, Any]],
              sum_insured_total: Decimal, premium_total: Decimal, warnings: Sequence[Issue],
              now: dt.datetime) -> tuple[str, int]:
    """Store a new version of the case's list; returns (list id, version)."""
    lists = InsuredList.__table__
    version = (session.scalar(select(func.max(InsuredList.version)).where(InsuredList.proposal_id == proposal_id))
               or 0) + 1
    session.execute(update(lists).where(lists.c.proposal_id == proposal_id, lists.c.replaced_at.is_(None))
                    .values(replaced_at=now, updated_at=now))
    list_id = str(uuid.uuid4())
    session.execute(insert(lists).values(
        id=list_id, branch_code=branch_code, created_at=now, updated_at=now, deleted=False,
        proposal_id=proposal_id, version=version, file_name=file_name[:255], file_digest=file_digest,
        sheet=sheet[:100], mapping=json.dumps(mapping, ensure_ascii=False, sort_keys=True),
        row_count=len(persons), sum_insured_total=sum_insured_total, premium_total=premium_total,
        warnings=json.dumps([w.as_json() for w in warnings], ensure_ascii=False),
        imported_by=actor_id, imported_at=now, replaced_at=None))
    common = {"list_id": list_id, "proposal_id": proposal_id, "branch_code": branch_code, "created_at": now,
              "updated_at": now, "deleted": False}
    stmt = insert(InsuredPerson.__table__)
    uuid4 = uuid.uuid4
    for start in range(0, len(persons), CHUNK):
        session.execute(stmt, [{**p, **common, "id": str(uuid4())} for p in persons[start:start + CHUNK]])
    return list_id, version
