"""BranchDesk head office: the sync server (FastAPI + SQLAlchemy; PostgreSQL or SQLite)."""
