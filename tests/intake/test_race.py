"""Two processes take in the same pre-printed number at the same moment: exactly one wins."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from desk_app.store.migrate import open_store
from desk_app.store.models import Proposal, StationeryNumber
from tests.intake.helpers import NUMBER

REPO = Path(__file__).resolve().parents[2]


def test_two_processes_same_number_exactly_one_wins(demo_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"}
    procs = [subprocess.Popen([sys.executable, "-m", "tests.intake.race_worker", str(demo_path), name],
                              cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, encoding="utf-8")
             for name in ("甲单位有限公司", "乙单位有限公司")]
    for proc in procs:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
    for proc in procs:  # released together
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outs = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "database is locked" not in err
        outs.append(out.strip())
    won = [o for o in outs if o.startswith("won ")]
    refused = [o for o in outs if o.startswith("refused ")]
    assert len(won) == 1 and len(refused) == 1, outs
    case_no = won[0].split()[1]
    assert f"投保单号“{NUMBER}”已被使用（案件号 {case_no}）" in refused[0]
    store = open_store(demo_path)
    try:
        with store.reading() as s:
            assert s.scalar(select(func.count()).select_from(Proposal).where(Proposal.proposal_no == NUMBER)) == 1
            pid = s.scalar(select(StationeryNumber.proposal_id).where(StationeryNumber.number == NUMBER))
            assert s.scalar(select(Proposal.case_no).where(Proposal.id == pid)) == case_no
    finally:
        store.close()
