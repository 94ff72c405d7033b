"""The branch's local store: SQLAlchemy models, SQLite set-up, alembic migrations."""
