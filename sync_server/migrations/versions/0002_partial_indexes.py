"""partial indexes: feed without the keep lane, rows with a case / a clash key

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 17:40:00

A push writes one feed entry, one row state and one receipt per change; the entries that no query
looks for (audit entries: lane `keep`, no case, no clash key) no longer go into these indexes.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_feed_org_lane_seq", "feed", ["org_code", "lane", "seq"], False, "lane <> 'keep'"),
    ("ix_rows_case", "rows", ["case_id"], False, "case_id IS NOT NULL"),
    ("uq_rows_clash", "rows", ["table_name", "clash_key"], True, "clash_key IS NOT NULL"),
)


def upgrade() -> None:
    for name, table, columns, unique, where in INDEXES:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns, unique=unique, postgresql_where=sa.text(where),
                        sqlite_where=sa.text(where))


def downgrade() -> None:
    for name, table, columns, unique, _where in INDEXES:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns, unique=unique)
