"""One counter intake through the service, as the screen and `desk-app intake` do it.

Each intake is one write transaction: draft rules, stationery number check, checklist, duplicate
search, the case and its 受理 event, the number marked used, checklist rows, audit entries; "with
PDF" adds the receipt (reportlab, embedded font subset, QR and Code128), stored encrypted, and
its print job, in the same transaction. Prints median and p95 of each over N intakes on a demo
store (SQLCipher, the real file settings). Goal: < 50 ms without the PDF, < 150 ms with it.
Run: .venv/bin/python bench/intake.py [--n 200] [--cases-per-state 200] [--compare (encrypted vs plaintext)]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

# bench/ holds queue.py, which would shadow the standard library queue module.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="bench-keyring-"))

from sqlalchemy import func, select  # noqa: E402

from desk_app.core import checklist, demo, intake, stationery, users  # noqa: E402
from desk_app.services.intake import take_in  # noqa: E402
from desk_app.store.migrate import open_store  # noqa: E402
from desk_app.store.models import Proposal  # noqa: E402
from tests.factories import good_draft  # noqa: E402


def prepare(store, n: int, cases_per_state: int):  # noqa: ANN001, ANN201
    """Demo data and stationery in `store`; returns (case count, one intake -> ms)."""
    with store.transaction() as s:
        demo.create_demo(s, cases_per_state=cases_per_state, force_password_change=False)
        boss = users.actor_for(s, "super")
        stationery.receive_batch(s, actor=boss, batch_no="BENCH", first="T480000001", last=f"T48{2 * n:07d}")
        stationery.issue_range(s, actor=boss, first="T480000001", last=f"T48{2 * n:07d}", holder="AG1001")
        clerk = users.actor_for(s, "clerk")
        cases = s.scalar(select(func.count()).select_from(Proposal))
    rng = random.Random(3)
    serial = 0

    def one(with_pdf: bool) -> float:
        nonlocal serial
        serial += 1
        d = good_draft(proposal_no=f"T48{serial:07d}", agent_code="AG1001",
                       applicant_credit_code=demo.demo_credit_code(rng))
        with store.reading() as s:
            items = checklist.checklist_for(s, d)
        req = intake.IntakeRequest(d, tuple(intake.Tick(i.code, True) for i in items))
        t0 = time.perf_counter()
        take_in(store, actor=clerk, request=req, paper=with_pdf)
        return (time.perf_counter() - t0) * 1000

    return cases, one


def compare(n: int, cases_per_state: int) -> None:
    """The same intakes on a plaintext store (the SQLCipher library without a key, page files with
    the cipher taken out) and on the encrypted store, alternating in a shuffled order."""
    from bench.privacy import NullCipherFileStore, plaintext_same_library

    base = Path(tempfile.mkdtemp(prefix="bench-intake-"))
    plain = plaintext_same_library(base / "plain" / "branch.db")
    plain.files = NullCipherFileStore(base / "plain" / "files")
    stores = {"plaintext": plain, "encrypted": open_store(base / "enc" / "branch.db")}
    ones = {name: prepare(store, n, cases_per_state)[1] for name, store in stores.items()}
    rng = random.Random(5)
    print(f"intakes on a plaintext and an encrypted store, alternating ({n} each per variant):")
    for label, with_pdf in (("without PDF", False), ("with PDF", True)):
        for one in ones.values():
            one(with_pdf)  # warm-up
        times: dict[str, list[float]] = {k: [] for k in stores}
        cpu = {k: 0.0 for k in stores}
        for _ in range(n - 1):
            order = list(stores)
            rng.shuffle(order)
            for name in order:
                c = time.thread_time()
                times[name].append(ones[name](with_pdf))
                cpu[name] += time.thread_time() - c
        med = {k: statistics.median(v) for k, v in times.items()}
        c_ms = {k: v / (n - 1) * 1000 for k, v in cpu.items()}
        print(f"  {label:<12} median plaintext {med['plaintext']:6.1f} ms, encrypted {med['encrypted']:6.1f} ms "
              f"({(med['encrypted'] / med['plaintext'] - 1) * 100:+.1f}%); CPU {c_ms['plaintext']:.1f} → "
              f"{c_ms['encrypted']:.1f} ms ({(c_ms['encrypted'] / c_ms['plaintext'] - 1) * 100:+.1f}%)   (goal within 15 %)")
    for store in stores.values():
        store.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200, help="intakes per variant")
    ap.add_argument("--cases-per-state", type=int, default=200, help="demo cases per workflow state")
    ap.add_argument("--compare", action="store_true", help="encrypted against plaintext, alternating")
    args = ap.parse_args()
    if args.compare:
        compare(args.n, args.cases_per_state)
        return 0
    store = open_store(Path(tempfile.mkdtemp(prefix="bench-intake-")) / "branch.db")
    cases, one = prepare(store, args.n, args.cases_per_state)
    one(True)  # warm-up: font parsing, statement caches
    print(f"store: {cases:,} cases, SQLCipher, {args.n} intakes each")
    for label, with_pdf, goal in (("without PDF", False, 50), ("with PDF", True, 150)):
        times = sorted(one(with_pdf) for _ in range(args.n - (1 if with_pdf else 0)))
        med = statistics.median(times)
        p95 = times[int(len(times) * 0.95) - 1]
        verdict = "met" if p95 < goal else "NOT met"
        print(f"  {label:<12} median {med:6.1f} ms   p95 {p95:6.1f} ms   goal < {goal} ms: {verdict}")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
