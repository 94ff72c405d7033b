"""Policy numbers: 100,000 given across four branch stores without a collision (the numbering
function itself, one by one and in bulk, over a year's turn), and none reused after a crash
(a real underwriter's process SIGKILLed with a number taken and not committed)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from desk_app import clock
from desk_app.core import users
from desk_app.core.roles import Role
from desk_app.core.underwriting import numbering
from desk_app.store.migrate import open_store
from desk_app.store.models import PolicyNumber, Proposal
from tests.store.storecheck import check_store, wait_ready, worker_env

BRANCHES = ("GD0101", "GD0102", "SZ0101", "FS0101")
# 100,000 in all with BRANCHDESK_FULL_SLOW=1 (about 50 s, most of it the proposals' inserts and their
# sync capture); 20,000 by default.
PER_STORE = 25_000 if os.environ.get("BRANCHDESK_FULL_SLOW") == "1" else 5_000
ONE_BY_ONE = 300  # through numbering.assign, as a decision does; the rest in bulk
WORKER = Path(__file__).resolve().parent / "issue_worker.py"


def _proposals(session, code: str, n: int, now: dt.datetime) -> list[str]:
    ids = [str(uuid.uuid4()) for _ in range(n)]
    session.execute(insert(Proposal), [
        {"id": pid, "branch_code": code, "created_at": now, "updated_at": now, "deleted": False,
         "case_no": f"{code}X{i:08d}", "proposal_no": f"P{code}{i:08d}", "business_type": "GROUP",
         "applicant_name": "测试单位", "business_source": "direct", "state": "ISSUED", "state_since": now}
        for i, pid in enumerate(ids)])
    return ids


@pytest.mark.slow
def test_a_hundred_thousand_numbers_across_four_branches_never_collide(tmp_path):
    now = clock.now()
    next_year = now + dt.timedelta(days=366)
    every: list[str] = []
    for code in BRANCHES:
        store = open_store(tmp_path / code / "branch.db")
        with store.transaction() as s:
            users.init_branch(s, branch_code=code, branch_name=f"{code} 分公司", admin_username="admin",
                              admin_password="Passw0rd9", must_change_password=False)
            admin = users.actor_for(s, "admin").user_id
            ids = _proposals(s, code, PER_STORE, now)
        with store.transaction() as s:
            for pid in ids[:ONE_BY_ONE]:
                numbering.assign(s, proposal_id=pid, org_code=code, actor_id=admin, now=now, branch_code=code)
        rest = ids[ONE_BY_ONE:]
        for start in range(0, len(rest), 6_000):
            # The later half is issued in the next year: a new prefix, numbered from 1 again.
            when = now if start < len(rest) // 2 else next_year
            with store.transaction() as s:
                rows = numbering.bulk_rows(s, [(pid, admin, when) for pid in rest[start:start + 6_000]],
                                           org_code=code, branch_code=code)
                s.execute(insert(PolicyNumber), rows)
        with store.reading() as s:
            numbers = list(s.scalars(select(PolicyNumber.policy_no)))
            for prefix, top, count in s.execute(select(PolicyNumber.prefix, func.max(PolicyNumber.serial),
                                                       func.count()).group_by(PolicyNumber.prefix)):
                assert top == count, f"{prefix}: serials not 1..{count}"
                assert prefix.startswith(code)
        store.close()
        assert len(numbers) == PER_STORE
        every += numbers
    assert len(every) == 4 * PER_STORE and len(set(every)) == 4 * PER_STORE
    assert {len(n) for n in every} == {len("GD0101") + 4 + 7}


def test_no_number_is_reused_after_a_crash(demo_path):
    from desk_app.services import underwriting

    store = open_store(demo_path)
    with store.transaction() as s:
        admin = users.actor_for(s, "admin")
        users.add_user(s, actor=admin, username="uwl4", display_name="核保员 四级", password="Passw0rd9",
                       roles=[Role.UNDERWRITER], authority_level=4)
    store.close()
    proc = subprocess.Popen([sys.executable, str(WORKER), str(demo_path), "uwl4", "2"], env=worker_env(), text=True,
                            encoding="utf-8", stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_ready(proc)
    lines = [proc.stdout.readline().split() for _ in range(3)]
    assert [w[0] for w in lines] == ["issued", "issued", "pending"], lines
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    committed = {w[2] for w in lines[:2]}
    pending_pid, pending_no = lines[2][1], lines[2][2]
    check_store(demo_path)
    store = open_store(demo_path)
    try:
        with store.reading() as s:
            kept = set(s.scalars(select(PolicyNumber.policy_no)))
            assert committed <= kept and pending_no not in kept
            assert s.get(Proposal, pending_pid).state == "UNDERWRITING"  # the issue rolled back with its number
            uw4 = users.actor_for(s, "uwl4")
            top = max(int(n[-7:]) for n in kept if n[:-7] == pending_no[:-7])
        again = underwriting.decide(store, actor=uw4, proposal_id=pending_pid, decision="standard").value
        assert again.policy_no not in committed and again.policy_no not in kept
        assert int(again.policy_no[-7:]) == top + 1
    finally:
        store.close()
