"""Fixtures of the entry tests: a group case at SCANNED and a third entry operator (C)."""

from __future__ import annotations

import pytest

from desk_app.core import users
from desk_app.core.demo import DEMO_PASSWORD
from desk_app.core.roles import Actor, Role
from tests.entry.helpers import scanned_cases


@pytest.fixture
def group_case(demo_store) -> tuple[str, str]:
    cases = scanned_cases(demo_store)
    assert cases, "the demo store has a group case at SCANNED"
    return cases[0]


@pytest.fixture
def entry3(demo_store) -> Actor:
    """A third entry operator (C), who keys neither pass and may reconcile."""
    with demo_store.transaction() as s:
        users.add_user(s, actor=None, username="entry3", display_name="录入员 钱多", password=DEMO_PASSWORD,
                       roles=(Role.ENTRY_OPERATOR,), must_change_password=False)
    with demo_store.reading() as s:
        return users.actor_for(s, "entry3")
