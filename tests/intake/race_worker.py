"""One process of the race test: wait for "go" on stdin, then take in the demo number T440100001."""

from __future__ import annotations

import sys
from pathlib import Path

from desk_app.core import intake, users
from desk_app.core.errors import DomainError
from desk_app.store.migrate import open_store
from tests.intake.helpers import draft, request


def main() -> int:
    store = open_store(Path(sys.argv[1]))
    with store.reading() as s:
        clerk = users.actor_for(s, "clerk")
    req = request(store, draft(applicant_name=sys.argv[2]))
    print("ready", flush=True)
    sys.stdin.readline()
    try:
        with store.transaction() as s:
            result = intake.accept_proposal(s, actor=clerk, request=req)
    except DomainError as exc:
        print("refused " + exc.message.replace("\n", " "), flush=True)
        return 0
    finally:
        store.close()
    print("won " + result.case_no, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
