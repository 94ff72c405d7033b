"""Power-cut safety: SIGKILL a real writer at random moments; every action is all there or not at all.

The worker (crash_worker.py) registers cases and moves them through scanning and entry with
the core services, one `store.transaction()` per action, against a copy of the demo store.
After each kill the file must pass SQLite's integrity check and the case records must agree
with each other: events, audit entries and their HMAC chain, the state projection, the
sequence numbers and the sync outbox (see storecheck.check_store).
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from tests.store.storecheck import check_store, start_worker, wait_lines, wait_ready

ROUNDS = int(os.environ.get("BRANCHDESK_CRASH_ROUNDS", "50"))


def test_sigkill_at_random_moments_leaves_whole_actions_only(demo_path: Path) -> None:
    # A fixed seed (another with BRANCHDESK_CRASH_SEED), and kills counted in committed actions, not
    # in seconds: each round lets the worker commit 1-5 actions, then kills it a random moment into
    # the next one, so the work every round does is the same on a fast and a slow machine.
    seed = int(os.environ.get("BRANCHDESK_CRASH_SEED", "1"))
    rng = random.Random(seed)
    print(f"crash test seed {seed}, {ROUNDS} rounds")
    before = check_store(demo_path)
    counts = [before]
    for round_no in range(ROUNDS):
        proc = start_worker("loop", str(demo_path), str(seed * 1000 + round_no))
        wait_ready(proc)
        wait_lines(proc, "did", rng.randrange(1, 6))
        time.sleep(rng.uniform(0, 0.03))
        proc.kill()
        _, err = proc.communicate()
        if hasattr(signal, "SIGKILL"):
            # Anything else means the worker stopped by itself, i.e. an action failed.
            assert proc.returncode == -signal.SIGKILL, f"worker died on its own (rc={proc.returncode}):\n{err}"
        try:
            counts.append(check_store(demo_path))
        except Exception as exc:
            raise AssertionError(f"round {round_no} (seed {seed}): {exc!r}") from exc

    grew = sum(1 for a, b in zip(counts, counts[1:], strict=False) if b["events"] > a["events"])
    print(f"cases {before['cases']} -> {counts[-1]['cases']}, events {before['events']} -> "
          f"{counts[-1]['events']}; work done in {grew}/{ROUNDS} rounds")
    # Without work between the kills the invariants above would hold trivially.
    assert counts[-1]["cases"] > before["cases"]
    assert counts[-1]["events"] - before["events"] >= ROUNDS
    assert grew == ROUNDS, f"the worker did something in only {grew} of {ROUNDS} rounds"
