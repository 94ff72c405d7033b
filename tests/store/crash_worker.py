"""A real BranchDesk writer for the crash-safety and concurrency tests, run as a subprocess.

    crash_worker.py loop DB SEED            register cases and advance them, forever, until killed;
                                            "did" after each committed action
    crash_worker.py register DB SEED N      wait for "go" on stdin, then N x (register + finish_scan),
                                            proposal numbers R<SEED>N<i>

Every user action goes through the core services in its own `store.transaction()`, exactly
as the UI does it. The worker prints "ready" once it is set up; any error (a refused step, a
"database is locked") ends it with a traceback and a non-zero status, which the tests check.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from desk_app import clock
from desk_app.core import proposals, users, workflow
from desk_app.core.demo import UNIT_NAMES, demo_credit_code
from desk_app.core.proposals import CaseDraft, ProductLine
from desk_app.core.roles import Actor
from desk_app.paths import resources_dir
from desk_app.store.db import Store
from desk_app.store.migrate import open_store
from desk_app.store.models import Proposal

# Which step a case in each state can take next, and which demo user takes it.
NEXT_STEP = {
    "RECEIVED": ("finish_scan", "scanner"),
    "SCANNED": ("first_entry", "entry1"),
    "FIRST_ENTERED": ("second_entry", "entry2"),
    "SECOND_ENTERED": ("compare_match", "entry2"),
    "COMPARED": ("validate", "entry1"),
}
WORKERS = ("clerk", "scanner", "entry1", "entry2")


def group_lines() -> list[tuple[str, str, Decimal, Decimal]]:
    """(product, level, sum insured per person, premium per person) of every group product."""
    doc = json.loads((resources_dir() / "refdata" / "products.json").read_text(encoding="utf-8"))
    return [
        (p["code"], lv["level"], Decimal(lv["sum_insured"]), Decimal(lv["premium_per_person"]))
        for p in doc["rows"]
        if p["business_type"] == "GROUP" and p["max_term_months"] >= 12
        for lv in p["levels"]
    ]


def industry_codes() -> list[str]:
    doc = json.loads((resources_dir() / "refdata" / "occupation_classes.json").read_text(encoding="utf-8"))
    return [r["industry_code"] for r in doc["rows"]]


def make_draft(rng: random.Random, lines: list[tuple[str, str, Decimal, Decimal]], industries: list[str],
               proposal_no: str | None = None) -> CaseDraft:
    insured = rng.randrange(3, 120)
    chosen: dict[str, tuple[str, str, Decimal, Decimal]] = {}
    for line in rng.sample(lines, rng.randrange(1, 3)):
        chosen.setdefault(line[0], line)  # at most one level per product
    products = tuple(ProductLine(code, level, si * insured, prem * insured) for code, level, si, prem in chosen.values())
    effective = clock.today() + dt.timedelta(days=rng.randrange(1, 30))
    return CaseDraft(
        proposal_no=proposal_no or "C" + uuid.UUID(int=rng.getrandbits(128)).hex[:15].upper(),
        business_type="GROUP",
        applicant_name=rng.choice(UNIT_NAMES),
        business_source="direct",
        effective_date=effective,
        proposal_date=effective - dt.timedelta(days=1),
        products=products,
        premium_total=sum((p.premium for p in products), Decimal("0")),
        applicant_credit_code=demo_credit_code(rng),
        industry_code=rng.choice(industries),
        insured_count=insured,
    )


def register(store: Store, actor: Actor, draft: CaseDraft) -> str:
    with store.transaction() as session:
        return proposals.register_case(session, actor=actor, draft=draft).proposal_id


def advance_one(store: Store, rng: random.Random, actors: dict[str, Actor]) -> bool:
    """Take the next step on a random case that has one; False when no case can move."""
    with store.transaction() as session:
        row = session.execute(
            select(Proposal.id, Proposal.state)
            .where(Proposal.state.in_(list(NEXT_STEP)), Proposal.deleted.is_(False))
            .order_by(func.random())
            .limit(1)
        ).first()
        if row is None:
            return False
        action, who = NEXT_STEP[row.state]
        workflow.perform(session, actor=actors[who], proposal_id=row.id, action=action)
        return True


def setup(db: Path) -> tuple[Store, dict[str, Actor]]:
    store = open_store(db)
    with store.reading() as session:
        actors = {name: users.actor_for(session, name) for name in WORKERS}
    return store, actors


def loop(db: Path, seed: int) -> None:
    rng = random.Random(seed)
    lines, industries = group_lines(), industry_codes()
    store, actors = setup(db)
    print("ready", flush=True)
    while True:
        if rng.random() < 0.5 or not advance_one(store, rng, actors):
            register(store, actors["clerk"], make_draft(rng, lines, industries))
        print("did", flush=True)


def register_many(db: Path, seed: int, n: int) -> None:
    rng = random.Random(seed)
    lines, industries = group_lines(), industry_codes()
    store, actors = setup(db)
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        raise SystemExit("expected 'go' on stdin")
    for i in range(n):
        # The proposal number says which process registered the case (R<seed>N<i>).
        pid = register(store, actors["clerk"], make_draft(rng, lines, industries, f"R{seed}N{i:04d}"))
        with store.transaction() as session:
            workflow.perform(session, actor=actors["scanner"], proposal_id=pid, action="finish_scan")
        # A moment between actions, as a person would take: SQLite's busy wait polls with
        # back-off, so without it the process holding the lock could keep winning it.
        time.sleep(rng.uniform(0, 0.004))
    store.close()
    print(f"done {n}", flush=True)


def main(argv: list[str]) -> None:
    mode, db, seed = argv[0], Path(argv[1]), int(argv[2])
    if mode == "loop":
        loop(db, seed)
    elif mode == "register":
        register_many(db, seed, int(argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    # These processes move cases through finish_scan without scanning pages (the subject is the
    # store under concurrent writers and kills), so the scanning precondition is waived.
    with workflow.preconditions_waived("finish_scan"):
        main(sys.argv[1:])
