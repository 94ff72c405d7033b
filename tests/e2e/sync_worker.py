"""A branch process for the fault tests: takes intakes and syncs in a loop until killed.

Usage: sync_worker.py STORE_PATH ROUNDS. Prints "ready" once the store is open.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desk_app.store.migrate import open_store
from desk_app.sync import engine
from desk_app.sync.transport import SyncError
from tests.e2e.world import Site


def main() -> None:
    path, rounds = Path(sys.argv[1]), int(sys.argv[2])
    store = open_store(path)
    with store.reading() as s:
        from desk_app.core.users import branch

        code = branch(s).branch_code
    site = Site(code, store)
    print("ready", flush=True)
    base = 10_000 + (hash(path) % 1000) * 100
    for n in range(rounds):
        site.new_case(base + n)
        try:
            engine.sync_once(store)
        except SyncError:
            pass


if __name__ == "__main__":
    main()
