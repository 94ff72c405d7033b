"""enrolment limits and blob references: failed enrolments per address / organisation, and which
pushed row names which page file

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 12:00:00

"""
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('enrol_limits',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_attempt', sa.DateTime(timezone=True), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_enrol_limits'))
    )
    op.create_table('blob_refs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('sha256', 'table_name', 'row_id', name=op.f('pk_blob_refs'))
    )
    # Page rows pushed before this revision: their hash columns, read once from the payloads.
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT table_name, row_id, payload FROM rows "
                                "WHERE table_name IN ('page_blobs', 'pages')")).all()
    refs = set()
    for table, row_id, payload in rows:
        try:
            data = json.loads(payload)
        except ValueError:
            continue
        for k, v in data.items():
            if (k == 'sha256' or k.endswith('_sha256')) and isinstance(v, str) and len(v) == 64:
                refs.add((v, table, row_id))
    if refs:
        conn.execute(sa.text("INSERT INTO blob_refs (sha256, table_name, row_id) VALUES (:s, :t, :r)"),
                     [{"s": s, "t": t, "r": r} for s, t, r in sorted(refs)])


def downgrade() -> None:
    op.drop_table('blob_refs')
    op.drop_table('enrol_limits')
