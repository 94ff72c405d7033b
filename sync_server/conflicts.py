"""Deciding a pushed change against the row it meets: which write wins, and each change's answer.

Two writes of one row (or of one clash key) from different devices: the rules below pick the
winner, the loser is kept as a conflict for a person to see, and the change is answered with
the winning row. A change id seen before is answered as it was the first time.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from sync_server.batch import Batch
from sync_server.models import Conflict
from sync_server.protocol import CLASH_KEYS, Change, ItemResult, case_id_of
from sync_server.rows import as_sent

RULE_ABOVE = "上报案件的决定属于上级机构：省公司/总公司的修改优先"
RULE_OWNER = "案件属于分公司：所属机构的修改优先"
RULE_FIRST = "同一机构的两台设备同时修改：先到达总公司的修改优先"
REFUSED = "refused"  # `received.status` of a row refused for its ownership (answered as a conflict)


def above(paths: dict[str, str], org: str, row_org: str) -> bool:
    """True when `org` is a strict ancestor of `row_org`."""
    mine, theirs = paths.get(org), paths.get(row_org)
    return bool(mine and theirs and org != row_org and theirs.startswith(mine))


def incoming_wins(paths: dict[str, str], incoming_org: str, opponent_org: str, row_org: str) -> tuple[bool, str]:
    """Whether the incoming write beats the one it meets on a row of `row_org`, and the rule that said so."""
    inc_up, opp_up = above(paths, incoming_org, row_org), above(paths, opponent_org, row_org)
    if inc_up != opp_up:
        return inc_up, RULE_ABOVE
    if (incoming_org == row_org) != (opponent_org == row_org):
        return incoming_org == row_org, RULE_OWNER
    return False, RULE_FIRST


def replay(conn: Connection, batch: Batch, ch: Change, before: Any, digest: str) -> ItemResult:
    """The same change id again: the same answer, or a refusal if its content differs."""
    if before.payload_hash != digest:
        return ItemResult(change_id=ch.change_id, status="conflict",
                          reason="同一变更编号的内容与已收到的不同，已拒绝（未应用）。")
    if before.status == REFUSED:
        rec = conn.execute(select(Conflict.rule).where(Conflict.id == before.conflict_id)).first()
        rule = rec.rule if rec else next((c["rule"] for c in batch.conflicts if c["id"] == before.conflict_id), "")
        return ItemResult(change_id=ch.change_id, status="conflict", reason=rule, conflict_id=before.conflict_id)
    if before.status != "conflict":
        return ItemResult(change_id=ch.change_id, status="already_had", version=before.version)
    rec = conn.execute(select(Conflict).where(Conflict.id == before.conflict_id)).first()
    if rec is None:  # written in this very batch
        rec = next((c for c in batch.conflicts if c["id"] == before.conflict_id), None)
        rule = rec["rule"] if rec else ""
    else:
        rule = rec.rule
    current = batch.state.get((ch.table, ch.row_id))
    if current is None and (ch.table, ch.row_id) not in batch.state:
        batch.load_rows([(ch.table, ch.row_id)])
        current = batch.state.get((ch.table, ch.row_id))
    same_row = current is not None and current.writer_device != batch.writer_device
    return ItemResult(change_id=ch.change_id, status="conflict", reason=rule, version=before.version,
                      winner=as_sent(current) if same_row else None, remove_local=not same_row,
                      conflict_id=before.conflict_id)


def apply_one(batch: Batch, ch: Change, data: dict[str, Any], org: str) -> ItemResult:
    cur = batch.state.get((ch.table, ch.row_id))
    case_id = case_id_of(ch.table, data)
    clash = None
    if ch.table in CLASH_KEYS:
        key = "|".join(str(data.get(k)) for k in CLASH_KEYS[ch.table])
        other = batch.clash.get((ch.table, key))
        if other is not None and other.row_id != ch.row_id:
            clash = other
    concurrent = (cur is not None and cur.writer_device != batch.writer_device
                  and (ch.base_version or 0) < cur.version)
    opponent = clash or (cur if concurrent else None)
    conflict_id = None
    if opponent is not None:
        wins, rule = incoming_wins(batch.paths, batch.writer_org, opponent.writer_org, org)
        if not wins:
            conflict_id = batch.conflict(row_org=org, table=ch.table, row_id=ch.row_id, case_id=case_id,
                                         losing_change=ch.change_id, losing_org=batch.writer_org,
                                         losing_payload=ch.payload, winning_org=opponent.writer_org,
                                         winning_payload=opponent.payload, rule=rule)
            return ItemResult(change_id=ch.change_id, status="conflict", reason=rule, version=opponent.version,
                              winner=None if clash else as_sent(opponent), remove_local=clash is not None,
                              conflict_id=conflict_id)
        conflict_id = batch.conflict(row_org=org, table=opponent.table, row_id=opponent.row_id, case_id=case_id,
                                     losing_change=None, losing_org=opponent.writer_org,
                                     losing_payload=opponent.payload, winning_org=batch.writer_org,
                                     winning_payload=ch.payload, rule=rule)
        if clash is not None:
            batch.delete_row(clash)
    row = batch.write_row(table=ch.table, row_id=ch.row_id, org=org, data=data, payload=ch.payload)
    return ItemResult(change_id=ch.change_id, status="applied", version=row.version, conflict_id=conflict_id)

