"""All the rules on one group case with 5,000 insureds, as validation runs them.

A real store (SQLCipher, the file's real settings) with the demo data; one group case gets its
keyed form (settled EntryField rows) and an insured list of N persons with valid resident IDs
(Core inserts, as an import writes them). Measured separately, median of R runs each:
  load   case_facts: the keyed values, the reference tables (cached per store) and the insured list
  run    runner.run over the facts (the 19 rules; R011/R012 look at every person)
  check  services.validation.check_case end to end: a transaction, load, run, the run recorded
Goal: load + run under 200 ms. Run: .venv/bin/python bench/rules.py [--n 5000] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="bench-keyring-"))

from sqlalchemy import insert, select  # noqa: E402

from desk_app import clock  # noqa: E402
from desk_app.core import demo, users  # noqa: E402
from desk_app.core.entry.rounds import settled_values  # noqa: E402
from desk_app.core.rules import runner  # noqa: E402
from desk_app.core.rules.loading import case_facts  # noqa: E402
from desk_app.services import validation  # noqa: E402
from desk_app.store.base import new_id  # noqa: E402
from desk_app.store.migrate import open_store  # noqa: E402
from desk_app.store.models import EntryField, InsuredList, InsuredPerson, Proposal  # noqa: E402
from tests.problems.helpers import good_values, insured_rows  # noqa: E402


def prepare(store, n: int) -> tuple[str, object]:  # noqa: ANN001
    """Demo data, then one group case with its keyed form and n insureds; (case id, checker)."""
    now = clock.now()
    with store.transaction() as s:
        demo.create_demo(s, cases_per_state=2, force_password_change=False)
        pid, code = s.execute(select(Proposal.id, Proposal.branch_code).where(
            Proposal.state == "SCANNED", Proposal.business_type == "GROUP").limit(1)).one()
        clerk = users.actor_for(s, "clerk")
        problem = users.actor_for(s, "problem")
        base = {"branch_code": code, "created_at": now, "updated_at": now, "deleted": False}
        s.execute(insert(EntryField), [base | {"id": new_id(), "proposal_id": pid, "round": 1, "field_key": k,
                                               "first_value": v, "second_value": v, "value": v, "outcome": "match",
                                               "note": ""} for k, v in good_values(n).items()])
        list_id = new_id()
        s.execute(insert(InsuredList).values(base | {
            "id": list_id, "proposal_id": pid, "version": 1, "file_name": "bench.xlsx", "file_digest": "0" * 64,
            "sheet": "", "mapping": "{}", "row_count": n, "warnings": "[]", "imported_by": clerk.user_id,
            "imported_at": now}))
        s.execute(insert(InsuredPerson), insured_rows(pid, list_id, code, n))
    return pid, problem


def timed(fn) -> tuple[float, object]:  # noqa: ANN001
    t0 = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t0) * 1000, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "branch.db")
        try:
            pid, actor = prepare(store, args.n)
            loads, runs, checks = [], [], []
            findings = []
            for _ in range(args.runs):
                with store.reading() as s:
                    proposal = s.get(Proposal, pid)
                    ms, facts = timed(lambda: case_facts(s, proposal, settled_values(s, pid)))  # noqa: B023
                loads.append(ms)
                ms, findings = timed(lambda: runner.run(facts))  # noqa: B023
                runs.append(ms)
                ms, _ = timed(lambda: validation.check_case(store, actor=actor, proposal_id=pid))
                checks.append(ms)
        finally:
            store.close()
    med = statistics.median
    print(f"{args.n} insureds, {len(runner.rules())} rules, {len(findings)} findings, median of {args.runs} runs:")
    print(f"  load (keyed values, reference tables, insured list)  {med(loads):7.1f} ms")
    print(f"  run  (every rule)                                    {med(runs):7.1f} ms")
    print(f"  load + run                                           {med(loads) + med(runs):7.1f} ms  (goal < 200 ms)")
    print(f"  check_case (transaction, load, run, run recorded)    {med(checks):7.1f} ms")


if __name__ == "__main__":
    main()
