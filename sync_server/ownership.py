"""Who may write a row: the per-row ownership and reference checks of a push.

The rule is written once in protocol, beside ROW_OWNERS; this applies it to the rows a batch
holds. A refused row is answered as a conflict (Batch.refuse), never applied.
"""

from __future__ import annotations

from typing import Any

from sync_server.batch import Batch
from sync_server.protocol import OWNED_BY_CASE, OWNED_BY_ITSELF, ROW_OWNERS, ROW_REFERENCES, case_id_of

# Tables whose rows name other rows (their case, parent or references): looked up before deciding.
ROW_REFERENCED = frozenset(t for t, owner in ROW_OWNERS.items() if owner != OWNED_BY_ITSELF) | set(ROW_REFERENCES)
_NAMES = {"users": "用户", "proposals": "案件", "scan_batches": "扫描批次", "stationery_batches": "单证批次"}


def reference_keys(table: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    """The rows head office must hold to decide who owns this row and what it points at."""
    keys = []
    owner = ROW_OWNERS.get(table)
    if owner == OWNED_BY_CASE and table != "proposals":
        case_id = case_id_of(table, data)
        if case_id:
            keys.append(("proposals", case_id))
    elif isinstance(owner, tuple) and data.get(owner[0]):
        keys.append((owner[1], str(data[owner[0]])))
    for column, parent in ROW_REFERENCES.get(table, ()):
        if data.get(column):
            keys.append((parent, str(data[column])))
    return keys

def refusal(batch: Batch, table: str, row_id: str, data: dict[str, Any], org: str, case_id: str | None) -> str | None:
    """Why the writer may not write this row, or None. `org` is the row's branch_code (already
    within the writer's subtree)."""
    state = batch.state
    cur = state.get((table, row_id))
    if cur is not None and cur.org != org:
        return "该行属于其他机构，不能修改或转移到本机构。"
    owner = ROW_OWNERS.get(table)
    if owner == OWNED_BY_CASE and case_id is not None:
        case = cur if table == "proposals" else state.get(("proposals", case_id))
        if case is None and table != "proposals":
            return "所属案件不在总公司（或属于其他机构），本行不能提交。"
        if case is not None and case.org != org:
            return "所属案件属于其他机构，不能提交该案件的数据。"
    elif isinstance(owner, tuple):
        column, parent = owner
        held = state.get((parent, str(data.get(column)))) if data.get(column) else None
        if held is None or held.org != org:
            return f"所属的{_NAMES.get(parent, parent)}不在总公司或属于其他机构，本行不能提交。"
    elif owner != OWNED_BY_ITSELF and owner != OWNED_BY_CASE:
        return "总公司未定义该表数据的归属，不能提交。"
    writer = batch.writer_org
    if writer != org and not (owner == OWNED_BY_CASE and case_id in batch.shared):
        return "上级机构只能处理已上报的案件，不能修改分支机构的其他数据。"
    for column, parent in ROW_REFERENCES.get(table, ()):
        ref = data.get(column)
        if not ref:
            continue
        held = state.get((parent, str(ref)))
        if held is not None and held.org != org and held.org != writer:
            return f"本行引用了其他机构的{_NAMES.get(parent, parent)}，不能提交。"
    return None

