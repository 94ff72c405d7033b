"""Alembic environment of the branch store (SQLite, batch mode for ALTERs)."""

from pathlib import Path

from alembic import context

from desk_app.store import keys, models  # noqa: F401  (models registers every table)
from desk_app.store.base import Base
from desk_app.store.db import make_engine

config = context.config
target_metadata = Base.metadata


def _db_path() -> Path:
    x = context.get_x_argument(as_dictionary=True)
    if "db" in x:
        return Path(x["db"])
    return Path(config.get_main_option("sqlalchemy.url").removeprefix("sqlite:///"))


def run_migrations() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    path = _db_path()
    secret = keys.load_secret(path.parent)
    if secret is None and (not path.exists() or path.stat().st_size == 0):  # as open_store: empty = new
        secret = keys.create_secret(path.parent)
    engine = make_engine(path, secret=secret)
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported for the branch store")
run_migrations()
