"""audit heads and alerts: each branch PC's audit-chain head as head office holds it

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 19:40:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('audit_heads',
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('org_code', sa.String(length=16), nullable=False),
    sa.Column('seq', SEQ, nullable=False),
    sa.Column('mac', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('device_id', name=op.f('pk_audit_heads'))
    )
    op.create_table('audit_alerts',
    sa.Column('id', SEQ, autoincrement=True, nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('org_code', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('branch_seq', SEQ, nullable=False),
    sa.Column('head_seq', SEQ, nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('detected_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_alerts'))
    )
    with op.batch_alter_table('audit_alerts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_alerts_device_id'), ['device_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_alerts_org_code'), ['org_code'], unique=False)


def downgrade() -> None:
    op.drop_table('audit_alerts')
    op.drop_table('audit_heads')
