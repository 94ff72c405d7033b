"""sync ack ranges: acknowledgements as ranges of outbox seqs; row versions without rowid

Pushing 100,000 changes used to update `acked_at`/`status` of every outbox row: each update
grew its row and rewrote (and re-encrypted) nearly every outbox page and the pending index.
Head office's answers are now kept as ranges of outbox seqs in `sync_acks` (one row per run of
consecutive changes with one answer). Rows acknowledged before this revision become ranges.

`sync_row_versions` is rebuilt WITHOUT ROWID: one b-tree keyed by (table, row) instead of a
rowid table plus the index of its primary key, so every saved version writes half the pages.
The capture triggers read it, so they are dropped and re-created around the rebuild (from the
columns read from the file, as 0004 does).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 18:45:00.000000

"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa

import desk_app.store.types
from desk_app.store.models.sync import capture_trigger_sql, drop_capture_trigger_sql

# Frozen here: the captured tables at this revision (their triggers read sync_row_versions).
CAPTURED_TABLES = ("users", "user_roles", "proposals", "proposal_products", "case_events", "audit_log",
                   "page_blobs", "stationery_batches", "stationery_numbers", "intakes", "intake_checklist_items",
                   "deficiencies", "print_jobs", "scan_batches", "pages")


# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _rebuild_versions(with_rowid: bool) -> None:
    conn = op.get_bind()
    for table in CAPTURED_TABLES:
        for sql in drop_capture_trigger_sql(table):
            op.execute(sql)
    op.execute("CREATE TABLE sync_row_versions_new (table_name VARCHAR(40) NOT NULL, row_id VARCHAR(64) NOT NULL, "
               "version INTEGER NOT NULL, CONSTRAINT pk_sync_row_versions PRIMARY KEY (table_name, row_id))"
               + ("" if with_rowid else " WITHOUT ROWID"))
    op.execute("INSERT INTO sync_row_versions_new (table_name, row_id, version) "
               "SELECT table_name, row_id, version FROM sync_row_versions ORDER BY table_name, row_id")
    op.execute("DROP TABLE sync_row_versions")
    op.execute("ALTER TABLE sync_row_versions_new RENAME TO sync_row_versions")
    for table in CAPTURED_TABLES:
        columns = [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")]
        for sql in capture_trigger_sql(table, columns):
            op.execute(sql)


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('sync_acks',
    sa.Column('lo', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('hi', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('acked_at', desk_app.store.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('lo', name=op.f('pk_sync_acks'))
    )
    # Rows acknowledged the old way: one range each (at most a week of them is kept).
    op.execute("INSERT INTO sync_acks (lo, hi, status, acked_at) SELECT seq, seq, coalesce(status, 'applied'), "
               "acked_at FROM sync_outbox WHERE acked_at IS NOT NULL ORDER BY seq")
    _rebuild_versions(with_rowid=False)


def downgrade() -> None:
    """Downgrade schema."""
    _rebuild_versions(with_rowid=True)
    op.execute("UPDATE sync_outbox SET (acked_at, status) = (SELECT a.acked_at, a.status FROM sync_acks a "
               "WHERE a.lo <= sync_outbox.seq ORDER BY a.lo DESC LIMIT 1) "
               "WHERE acked_at IS NULL AND (SELECT a.hi FROM sync_acks a WHERE a.lo <= sync_outbox.seq "
               "ORDER BY a.lo DESC LIMIT 1) >= seq")
    op.drop_table('sync_acks')
