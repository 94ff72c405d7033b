"""Scanning tests: the finish_scan precondition is on for these tests only.

`desk_app.core.scanning.service` registers "every required document type has pages" on
finish_scan when it is imported. Other test modules move demo cases through finish_scan without
pages, and pytest imports every test module before running any, so the registration is taken
out here at import and put back, per test, for the scanning tests.
"""

from __future__ import annotations

import pytest

from desk_app.core import workflow
from desk_app.core.scanning import service

_checks = workflow._PRECONDITIONS.get("finish_scan", [])
if service.scanning_complete in _checks:
    _checks.remove(service.scanning_complete)


@pytest.fixture(autouse=True)
def _scanning_precondition(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(workflow._PRECONDITIONS, "finish_scan",
                        [*workflow._PRECONDITIONS.get("finish_scan", []), service.scanning_complete])
