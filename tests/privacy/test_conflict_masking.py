"""The conflict inbox is a screen too: a losing row shown raw has its personal numbers masked."""

from __future__ import annotations

import json

from desk_app import clock
from desk_app.store.models import SyncConflict
from desk_app.sync import conflicts

PHONE = "13812345678"
ID_NO = "11010519491231002X"


def test_raw_rows_in_the_inbox_are_masked(demo_store) -> None:
    losing = json.dumps({"contact_phone": PHONE, "insured_id_no": ID_NO})
    with demo_store.transaction() as s:
        s.add(SyncConflict(id="c1", branch_code="GD0101", table_name="insured_people", row_id="r1", case_id=None,
                           losing_org="GD0101", losing_payload=losing, winning_org="GD01",
                           winning_payload="not json " + PHONE, rule="head office wins", created_at=clock.now().isoformat(timespec="seconds")))
    (line,) = conflicts.list_conflicts(demo_store)
    shown = line.losing + line.winning
    assert PHONE not in shown and ID_NO not in shown
    assert "138****5678" in line.losing and "138****5678" in line.winning
