"""Setting up and opening a branch PC's store: first start, demo data, recovery, the branch label."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.core import users
from desk_app.core.errors import NotFound
from desk_app.paths import resources_dir, store_path
from desk_app.services.changes import Changes, Done
from desk_app.store import migrate

if TYPE_CHECKING:
    from desk_app.core.audit import VerifyResult
    from desk_app.store.db import Store

# Every command and the window's start open the store through this module, but only `init` and
# `demo` need the demo data and the reference data loader (which brings in pydantic and the
# wire protocol), and only `check` and `verify` the key store and the audit checker: those are
# imported inside the functions that use them.

EVERYTHING = Changes(cases=True, queues=True, stationery=True, pages=True, users=True, sync=True, conflicts=True)


@dataclass(frozen=True)
class BranchLabel:
    code: str
    name: str

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


def open_store(data_dir: Path) -> Store:
    """Open (creating if needed) and upgrade the store of a data folder.

    A store that cannot be opened (too new, key missing or wrong, damaged) is refused with its
    Chinese message (a Refusal), like any other refusal."""
    return migrate.open_store(store_path(data_dir))


def open_existing(data_dir: Path) -> tuple[Store | None, BranchLabel | None]:
    """The window's start: (None, None) when there is no store yet (the window never creates one:
    `desk-app demo` or `init` does, and prints the recovery key where it can be written down);
    the store and None when it has no branch yet."""
    path = store_path(data_dir)
    if not path.exists() or path.stat().st_size == 0:
        return None, None
    store = open_store(data_dir)
    try:
        return store, branch_label(store)
    except NotFound:
        return store, None


def branch_label(store: Store) -> BranchLabel:
    """The branch this store belongs to (NotFound when it has none yet)."""
    with store.reading() as session:
        info = users.branch(session)
        return BranchLabel(info.branch_code, info.branch_name)


def init_branch(store: Store, *, branch_code: str, branch_name: str, admin_username: str,
                admin_password: str) -> Done[None]:
    """First start of a branch PC: its branch, the first admin, and the reference data."""
    from desk_app.core import refdata

    with store.transaction() as session:
        users.init_branch(session, branch_code=branch_code, branch_name=branch_name,
                          admin_username=admin_username, admin_password=admin_password)
        refdata.load_dir(session, resources_dir() / "refdata")
    return Done(None, EVERYTHING)


def create_demo(store: Store, *, cases_per_state: int = 4, force_password_change: bool = True) -> Done[None]:
    """Reference data, a user for every role and cases in every workflow state."""
    from desk_app.core import demo
    from desk_app.sync.pages import SyncedPageFiles

    with store.transaction() as session:
        demo.create_demo(session, cases_per_state=cases_per_state, force_password_change=force_password_change,
                         page_files=SyncedPageFiles(store), contract_files=store.files)
    return Done(None, EVERYTHING)


def recover(data_dir: Path, recovery_key: str) -> None:
    """Put the store's key back into this PC's credential store from its recovery key."""
    migrate.recover(store_path(data_dir), recovery_key)


def check_store(data_dir: Path) -> list[str]:
    """The full page-by-page check of the store file (SQLite's integrity_check, no time limit):
    the problems found, empty when the file is whole. Reads only; the store need not be open."""
    from desk_app.store import keys

    path = store_path(data_dir)
    if not path.exists():
        raise NotFound(f"没有找到数据库 {path}。")
    secret = keys.load_secret(path.parent)
    if secret is None:
        raise migrate.StoreKeyMissingError(path)
    migrate.current_revision(path, secret)  # a wrong key is refused as such, not reported as damage
    return migrate.check_pages(path, secret, seconds=None, full=True)


def verify_audit(store: Store) -> VerifyResult:
    """Check the audit chain against the anchor kept outside the store."""
    from desk_app.core import audit

    with store.reading() as session:
        return audit.verify(session, anchor=store.audit_anchor())
