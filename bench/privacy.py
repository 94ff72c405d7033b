"""The cost of encryption at rest: the same work on a SQLCipher store and on a plaintext one.

Prints, for each: building a 100,000-case store (Core bulk inserts), the first page and the
count of the supervisor's queue, one workflow step per transaction (the counter's unit of
work), and writing scanned-page-sized files encrypted (AES-GCM) against the same writes with the
cipher taken out. Three stores: plaintext; SQLCipher alone ("cipher only"); SQLCipher with the
audit-chain anchor written after each commit (what the app runs). Goal: encrypted within 15 %. Run: .venv/bin/python bench/privacy.py [--cases N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# bench/ holds queue.py, which would shadow the standard library queue module.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="bench-keyring-"))

from alembic import command  # noqa: E402
from sqlalchemy import select  # noqa: E402

from desk_app.core import demo, queues, users, workflow  # noqa: E402
from desk_app.core.roles import Role  # noqa: E402
from desk_app.core.workflow import State  # noqa: E402
from desk_app.store.db import Store  # noqa: E402
from desk_app.store.filestore import EncryptedFileStore  # noqa: E402
from desk_app.store.migrate import alembic_config, open_store  # noqa: E402
from desk_app.store.models import Proposal  # noqa: E402


def plaintext_store(path: Path) -> Store:
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(path, None)
    with store.engine.begin() as conn:
        cfg = alembic_config(path)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    store.engine.dispose()  # as open_store does after migrating
    return store


def plaintext_same_library(path: Path) -> Store:
    """A plaintext store opened through the SQLCipher build of SQLite (no key) instead of Python's
    own sqlite3: the two libraries differ in version and build, so this isolates the cipher."""
    import sqlcipher3
    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    from desk_app.store import db

    store = plaintext_store(path)
    store.engine.dispose()
    store.read_engine.dispose()
    for attr, begin, maker in (("engine", "BEGIN IMMEDIATE", store._writer), ("read_engine", "BEGIN", store._reader)):
        engine = create_engine(f"sqlite:///{path}", module=sqlcipher3.dbapi2,
                               connect_args={"check_same_thread": False}, poolclass=QueuePool)
        db._configure(engine, begin)
        setattr(store, attr, engine)
        maker.configure(bind=engine)
    return store


def timed(fn, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def measure(store: Store, cases: int) -> dict[str, float]:
    r: dict[str, float] = {}
    with store.transaction() as s:
        demo.create_demo(s, cases_per_state=0, force_password_change=False)
    r["build_s"] = timed(lambda: _bulk(store, cases))[0]
    page = []
    count = []
    for _ in range(30):
        with store.reading() as s:
            page += timed(lambda s=s: queues.queue_page(s, Role.SUPERVISOR))
            count += timed(lambda s=s: queues.queue_count(s, Role.SUPERVISOR))
    r["first_page_ms"] = statistics.median(page) * 1000
    r["count_ms"] = statistics.median(count) * 1000
    with store.reading() as s:
        scanner = users.actor_for(s, "scanner")
        ids = s.scalars(select(Proposal.id).where(Proposal.state == State.RECEIVED.value).limit(300)).all()
    steps = []
    for pid in ids:
        def step(pid: str = pid) -> None:
            with store.transaction() as s:
                workflow.perform(s, actor=scanner, proposal_id=pid, action="finish_scan")
        steps += timed(step)
    r["step_ms"] = statistics.median(steps) * 1000
    r["step_p95_ms"] = sorted(steps)[int(len(steps) * 0.95)] * 1000
    return r


def _bulk(store: Store, cases: int) -> None:
    with store.transaction() as s:
        demo.bulk_cases(s, n=cases)


class NullCipherFileStore(EncryptedFileStore):
    """The same store, layout and durability (fsync of file and folder) with the cipher taken out."""

    class _Identity:
        def encrypt(self, nonce: bytes, data: bytes, aad: bytes) -> bytes:
            return data

    def __init__(self, root: Path) -> None:
        super().__init__(root, os.urandom(32))
        self._aead = self._Identity()  # type: ignore[assignment]


def page_writes(folder: Path, encrypted: bool, n: int = 200) -> float:
    """Mean ms to store a 100 KB page, with and without AES-GCM (everything else the same)."""
    pages = [os.urandom(100_000) for _ in range(n)]
    fs = EncryptedFileStore(folder, os.urandom(32)) if encrypted else NullCipherFileStore(folder)
    return statistics.mean(timed(lambda p=p: fs.put(p))[0] for p in pages) * 1000


class StoreWithoutAnchor(Store):
    """SQLCipher store whose audit head is not anchored: isolates the cipher's cost from the anchor's."""

    def _anchor_audit_head(self, session) -> None:  # noqa: ANN001
        return None


def anchor_ms(folder: Path, n: int = 200) -> float:
    """The tamper-evidence part of each action: anchoring the audit chain head in the keyring."""
    from desk_app.store import keys

    keys.store_id(folder, create=True)
    return statistics.median(timed(lambda i=i: keys.save_anchor(folder, i + 1, "0" * 64))[0]
                             for i in range(n)) * 1000


def interleaved_steps(base: Path, steps: int) -> None:
    """One workflow step per transaction on each store in turn, in a shuffled order each round,
    so machine noise falls on all alike (the most trustworthy per-action figure here). Stores:
    plaintext on Python's sqlite3; plaintext on the SQLCipher library without a key; encrypted
    with the audit anchor (what the app runs)."""
    import random

    stores = {"plaintext": plaintext_store(base / "ip" / "branch.db"),
              "same library": plaintext_same_library(base / "il" / "branch.db"),
              "encrypted": open_store(base / "ie" / "branch.db")}
    work = {}
    for name, store in stores.items():
        with store.transaction() as s:
            demo.create_demo(s, cases_per_state=0, force_password_change=False)
            demo.bulk_cases(s, n=steps + 100, states=[State.RECEIVED])
        with store.reading() as s:
            work[name] = (users.actor_for(s, "scanner"), list(s.scalars(select(Proposal.id).limit(steps))))
    times: dict[str, list[float]] = {name: [] for name in stores}
    rng = random.Random(7)
    for i in range(steps):
        order = list(stores)
        rng.shuffle(order)
        for name in order:
            actor, ids = work[name]

            def step(store: Store = stores[name], pid: str = ids[i], who: object = actor) -> None:
                with store.transaction() as s:
                    workflow.perform(s, actor=who, proposal_id=pid, action="finish_scan")
            times[name] += timed(step)
    med = {k: statistics.median(v) * 1000 for k, v in times.items()}
    p95 = {k: sorted(v)[int(len(v) * 0.95)] * 1000 for k, v in times.items()}
    print(f"interleaved workflow steps, one per transaction ({steps} on each store):")
    for name in stores:
        print(f"  {name:<13} median {med[name]:6.2f} ms  p95 {p95[name]:6.2f} ms")
    for base_name in ("plaintext", "same library"):
        print(f"  encrypted vs {base_name}: median {(med['encrypted'] / med[base_name] - 1) * 100:+.1f}%, "
              f"p95 {(p95['encrypted'] / p95[base_name] - 1) * 100:+.1f}%")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--interleaved", type=int, default=0, metavar="N",
                    help="only the per-action figure: N steps on each store, alternating")
    args = ap.parse_args()
    if args.interleaved:
        with tempfile.TemporaryDirectory() as tmp:
            interleaved_steps(Path(tmp), args.interleaved)
        return
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        plain = plaintext_store(base / "plain" / "branch.db")
        enc = open_store(base / "enc" / "branch.db")
        res_plain = measure(plain, args.cases)
        res_enc = measure(enc, args.cases)
        enc.close()
        bare_path = base / "enc-bare" / "branch.db"
        open_store(bare_path).close()  # created, migrated and keyed the normal way
        from desk_app.store import keys

        res_bare = measure(StoreWithoutAnchor(bare_path, keys.load_secret(bare_path.parent)), args.cases)
        res_plain["page_write_ms"] = page_writes(base / "plain-files", encrypted=False)
        res_enc["page_write_ms"] = page_writes(base / "enc-files", encrypted=True)
        anchor = anchor_ms(base / "anchor")
    res_bare["page_write_ms"] = res_enc["page_write_ms"]
    print(f"cases: {args.cases:,}")
    print(f"{'measure':<18}{'plaintext':>11}{'cipher only':>13}{'overhead':>10}{'+ anchor':>11}{'overhead':>10}")
    for key in res_plain:
        a, b, c = res_plain[key], res_bare[key], res_enc[key]
        print(f"{key:<18}{a:>11.2f}{b:>13.2f}{(b / a - 1) * 100:>9.1f}%{c:>11.2f}{(c / a - 1) * 100:>9.1f}%")
    # The encrypted store also anchors its audit chain head after each commit, on a background
    # thread (a keyring write): it is not in step_ms, but it is work the PC does per action.
    print(f"audit anchor write (background, per committed action): median {anchor:.2f} ms")


if __name__ == "__main__":
    # The steps measured are finish_scan on cases with no scanned pages: the scanning precondition
    # (always registered by the workflow) is waived, as it was when nothing imported scanning.
    with workflow.preconditions_waived("finish_scan"):
        main()
