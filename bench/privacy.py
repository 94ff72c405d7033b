"""The cost of encryption at rest: the same work on a SQLCipher store and on a plaintext one.

Prints, for each store: building a 100,000-case store (Core bulk inserts), the first page and the
count of the supervisor's queue, one workflow step per transaction (the counter's unit of
work), and writing scanned-page-sized files encrypted (AES-GCM) against the same writes with the
cipher taken out. Three stores: plaintext on Python's sqlite3; plaintext on the SQLCipher build of
SQLite without a key (isolates the cipher from the library); encrypted with the audit anchor (what
the app runs). Every timed figure alternates the stores in a shuffled order. Goal: encrypted within
15 %. Run: .venv/bin/python bench/privacy.py [--cases N] [--interleaved N (steps only)]
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


def anchor_ms(folder: Path, n: int = 200) -> float:
    """The tamper-evidence part of each action: anchoring the audit chain head in the keyring."""
    from desk_app.store import keys

    keys.store_id(folder, create=True)
    return statistics.median(timed(lambda i=i: keys.save_anchor(folder, i + 1, "0" * 64))[0]
                             for i in range(n)) * 1000


def make_stores(base: Path) -> dict[str, Store]:
    return {"plaintext": plaintext_store(base / "plain" / "branch.db"),
            "same library": plaintext_same_library(base / "lib" / "branch.db"),
            "encrypted": open_store(base / "enc" / "branch.db")}


def alternate(stores: dict[str, Store], rounds: int, fn, rng) -> dict[str, list[float]]:  # noqa: ANN001
    """fn(name, store, round) timed on every store each round, in a shuffled order, so machine noise
    falls on all alike."""
    times: dict[str, list[float]] = {name: [] for name in stores}
    cpu = {name: 0.0 for name in stores}
    for i in range(rounds):
        order = list(stores)
        rng.shuffle(order)
        for name in order:
            c = time.thread_time()
            times[name] += timed(lambda name=name, i=i: fn(name, stores[name], i))
            cpu[name] += time.thread_time() - c
    LAST_CPU.clear()
    LAST_CPU.update({name: cpu[name] / rounds for name in stores})
    return times


# CPU seconds per round of the last alternate() call, per store (this thread only: what the
# action itself costs, without the waits for the disk that make wall-clock figures noisy).
LAST_CPU: dict[str, float] = {}


def steps_on(stores: dict[str, Store], steps: int, rng) -> dict[str, list[float]]:  # noqa: ANN001
    """One workflow step per transaction (finish_scan on a received case), the counter's unit of work."""
    work = {}
    for name, store in stores.items():
        with store.transaction() as s:  # fresh received cases to move (not timed)
            demo.bulk_cases(s, n=steps, states=[State.RECEIVED])
        with store.reading() as s:
            work[name] = (users.actor_for(s, "scanner"), list(s.scalars(
                select(Proposal.id).where(Proposal.state == State.RECEIVED.value)
                .order_by(Proposal.created_at.desc()).limit(steps))))
    assert all(len(ids) == steps for _a, ids in work.values()), "not enough received cases"

    def step(name: str, store: Store, i: int) -> None:
        actor, ids = work[name]
        with store.transaction() as s:
            workflow.perform(s, actor=actor, proposal_id=ids[i], action="finish_scan")
    return alternate(stores, steps, step, rng)


def main() -> None:
    import random

    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--interleaved", type=int, default=0, metavar="N",
                    help="only the per-action figure: N steps on each store, alternating")
    args = ap.parse_args()
    rng = random.Random(7)
    ms = {}  # measure -> store -> value
    with tempfile.TemporaryDirectory() as tmp:
        stores = make_stores(Path(tmp))
        cases = args.cases if not args.interleaved else 1000
        # Builds one after another, in a shuffled order, each after os.sync(): a 100,000-case store
        # is ~1.6 GB, and a build that starts while the previous one's pages are still being
        # written back waits for the disk, whichever store it is.
        for name in rng.sample(list(stores), len(stores)):
            store = stores[name]
            with store.transaction() as s:
                demo.create_demo(s, cases_per_state=0, force_password_change=False)
            os.sync()
            ms.setdefault("bulk build, s", {})[name] = timed(lambda store=store: _bulk(store, cases))[0]
        if not args.interleaved:
            def first_page(_n: str, store: Store, _i: int) -> None:
                with store.reading() as s:
                    queues.queue_page(s, Role.SUPERVISOR)

            def count(_n: str, store: Store, _i: int) -> None:
                with store.reading() as s:
                    queues.queue_count(s, Role.SUPERVISOR)
            ms["queue first page, ms"] = {k: statistics.median(v) * 1000
                                          for k, v in alternate(stores, 40, first_page, rng).items()}
            ms["queue count, ms"] = {k: statistics.median(v) * 1000 for k, v in alternate(stores, 40, count, rng).items()}
        steps = steps_on(stores, args.interleaved or 600, rng)
        ms["step median, ms"] = {k: statistics.median(v) * 1000 for k, v in steps.items()}
        ms["step p95, ms"] = {k: sorted(v)[int(len(v) * 0.95)] * 1000 for k, v in steps.items()}
        ms["step CPU, ms"] = {k: v * 1000 for k, v in LAST_CPU.items()}
        if not args.interleaved:
            folders = {"plaintext": NullCipherFileStore(Path(tmp) / "pf"), "encrypted": EncryptedFileStore(
                Path(tmp) / "ef", os.urandom(32))}
            pages = [os.urandom(100_000) for _ in range(200)]
            writes = alternate(folders, len(pages), lambda _n, fs, i: fs.put(pages[i]), rng)
            ms["100 KB page write, ms"] = {k: statistics.median(v) * 1000 for k, v in writes.items()}
            anchor = anchor_ms(Path(tmp) / "anchor")
        for store in stores.values():
            store.close()
    print(f"cases: {cases:,}; every figure alternates the stores in a shuffled order")
    print(f"{'measure':<24}{'plaintext':>11}{'same lib':>10}{'encrypted':>11}{'vs plain':>10}{'vs same lib':>13}")
    for key, row in ms.items():
        p, lib, e = row.get("plaintext"), row.get("same library"), row["encrypted"]
        vs_lib = f"{(e / lib - 1) * 100:>+12.1f}%" if lib else f"{'':>13}"
        lib_s = f"{lib:>10.2f}" if lib else f"{'—':>10}"
        print(f"{key:<24}{p:>11.2f}{lib_s}{e:>11.2f}{(e / p - 1) * 100:>+9.1f}%{vs_lib}")
    if not args.interleaved:
        print("plaintext = Python's sqlite3; same lib = the SQLCipher build of SQLite without a key (isolates "
              "the cipher); page writes: AES-GCM against the same writes with the cipher taken out")
        print(f"audit anchor write (background thread, at most once a second): median {anchor:.2f} ms")


if __name__ == "__main__":
    # The steps measured are finish_scan on cases with no scanned pages: the scanning precondition
    # (always registered by the workflow) is waived, as it was when nothing imported scanning.
    with workflow.preconditions_waived("finish_scan"):
        main()
