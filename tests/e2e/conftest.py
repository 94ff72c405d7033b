"""Fixtures of the end-to-end sync tests: a real server process and real branch stores."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.server.harness import PgCluster


@pytest.fixture(scope="session")
def pg() -> Iterator[PgCluster]:
    cluster = PgCluster()
    yield cluster
    cluster.stop()
