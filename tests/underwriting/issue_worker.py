"""A real underwriter's desk for the policy-number crash test, run as a subprocess:

    issue_worker.py DB USER K     accept K cases at 核保 through the services (a line "issued PID NO"
                                  after each commit), then start one more in its own transaction and
                                  print "pending PID NO" once its number is taken, and wait to be killed
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sqlalchemy import select

from desk_app import clock
from desk_app.core import users
from desk_app.core.underwriting import decisions
from desk_app.services import underwriting
from desk_app.store.migrate import open_store
from desk_app.store.models import PolicyNumber, Proposal


def main(db: Path, username: str, k: int) -> None:
    store = open_store(db)
    with store.reading() as s:
        actor = users.actor_for(s, username)
        ids = list(s.scalars(select(Proposal.id).where(Proposal.state == "UNDERWRITING").order_by(Proposal.case_no)))
    print("ready", flush=True)
    for pid in ids[:k]:
        out = underwriting.decide(store, actor=actor, proposal_id=pid, decision="standard").value
        print(f"issued {pid} {out.policy_no}", flush=True)
    pid = ids[k]
    with store.transaction() as s:
        decisions.decide(s, actor=actor, proposal_id=pid, decision="standard", now=clock.now())
        s.flush()
        number = s.scalar(select(PolicyNumber.policy_no).where(PolicyNumber.proposal_id == pid))
        print(f"pending {pid} {number}", flush=True)
        time.sleep(120)  # killed here, before the commit


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
