"""Shared fixtures: a migrated demo store built once per session and copied per test."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Time travel for the whole run: `BRANCHDESK_TEST_TODAY=<an ISO date> ./scripts/test ...` runs every
# test as if the branch's date were that day (10:00 Beijing time when the run starts, the clock
# ticking on). time-machine moves Python's own clock in this process, so code that bypasses
# desk_app.clock travels too; subprocesses (the command line, the sync server) get the same
# shift through BRANCHDESK_NOW. Set before anything of desk_app is imported.
TRAVEL_TO = os.environ.get("BRANCHDESK_TEST_TODAY", "").strip()
if TRAVEL_TO:
    from zoneinfo import ZoneInfo

    import time_machine

    _dest = dt.datetime.combine(dt.date.fromisoformat(TRAVEL_TO), dt.time(10, 0), ZoneInfo("Asia/Shanghai"))
    _shift = _dest - dt.datetime.now(dt.UTC)
    time_machine.travel(_dest, tick=True).start()
    # The app's clock in this process is read first (no BRANCHDESK_NOW yet: Python's clock already
    # travels, a shift on top would count twice); then the shift is left for subprocesses only.
    import desk_app.clock  # noqa: F401

    os.environ["BRANCHDESK_NOW"] = f"{_shift / dt.timedelta(days=1):+.9f}d"
# Store secrets go to a plain-file keyring in a throw-away folder (never the developer's own
# credential store); subprocesses inherit these, so they find the same keys.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="branchdesk-keyring-")

from desk_app.core import demo, users, workflow  # noqa: E402
from desk_app.core.roles import Actor  # noqa: E402
from desk_app.store import keys  # noqa: E402
from desk_app.store.db import Store, raw_connect  # noqa: E402
from desk_app.store.migrate import open_store  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SCANNING_TESTS = REPO / "tests" / "scanning"


@pytest.fixture(autouse=True)
def _finish_scan_without_pages(request: pytest.FixtureRequest) -> Iterator[None]:
    """The workflow refuses finish_scan until a case's required documents have pages (always
    registered, see desk_app.core.workflow). Most tests move demo cases along without scanning
    anything, so the check is waived for them; the scanning tests and tests marked
    `scan_precondition` run with it, as the application does."""
    if SCANNING_TESTS in Path(str(request.node.path)).parents or request.node.get_closest_marker("scan_precondition"):
        yield
        return
    with workflow.preconditions_waived("finish_scan"):
        yield


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store, migrated and filled once (Anki's getEmptyCol trick)."""
    path = tmp_path_factory.mktemp("template") / "branch.db"
    store = open_store(path)
    with store.transaction() as session:
        demo.create_demo(session, cases_per_state=3, force_password_change=False)
    store.close()
    # Fold the WAL into the main file so a plain copy is the whole database.
    conn = raw_connect(path, store.secret)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture
def demo_path(tmp_path: Path, template_db: Path) -> Path:
    target = tmp_path / "data" / "branch.db"
    target.parent.mkdir()
    shutil.copyfile(template_db, target)
    # Each copy gets its own store id and keyring entry holding the template's secret, so a
    # test that removes or replaces its key does not touch any other test's store.
    keys.save_secret(target.parent, keys.load_secret(template_db.parent))
    return target


@pytest.fixture
def demo_store(demo_path: Path) -> Iterator[Store]:
    store = open_store(demo_path)
    yield store
    store.close()


@pytest.fixture
def actors(demo_store: Store) -> dict[str, Actor]:
    """The demo users as Actors, by user name (clerk, scanner, entry1, entry2, problem, uw, ...)."""
    with demo_store.reading() as session:
        return {u.username: users.actor_for(session, u.username) for u in demo.DEMO_USERS}
