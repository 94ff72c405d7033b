"""Alembic environment of the head-office database (PostgreSQL or SQLite)."""

from alembic import context

from sync_server import models
from sync_server.db import make_engine

config = context.config
target_metadata = models.Base.metadata


def _url() -> str:
    x = context.get_x_argument(as_dictionary=True)
    return x.get("db") or config.get_main_option("sqlalchemy.url")


def run_migrations() -> None:
    engine = make_engine(_url())
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=engine.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported for the head-office database")
run_migrations()
