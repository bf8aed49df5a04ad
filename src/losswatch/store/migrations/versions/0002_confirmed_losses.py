"""confirmed losses: Oryx totals by status, WarSpotting item versions (issue 17)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('confirmed_totals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('equipment', sa.String(length=120), nullable=False),
    sa.Column('raw_name', sa.Text(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('destroyed', sa.BigInteger(), nullable=False),
    sa.Column('damaged', sa.BigInteger(), nullable=False),
    sa.Column('abandoned', sa.BigInteger(), nullable=False),
    sa.Column('captured', sa.BigInteger(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('quarantined', sa.Boolean(), nullable=False),
    sa.Column('quarantine_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['snapshot_id'], ['snapshots.id'], name=op.f('fk_confirmed_totals_snapshot_id_snapshots')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_confirmed_totals')),
    sa.UniqueConstraint('source', 'as_of', 'equipment', name='uq_confirmed_totals_cell')
    )
    with op.batch_alter_table('confirmed_totals', schema=None) as batch_op:
        batch_op.create_index('ix_confirmed_totals_equipment', ['equipment', 'as_of'], unique=False)
        batch_op.create_index(batch_op.f('ix_confirmed_totals_snapshot_id'), ['snapshot_id'], unique=False)

    op.create_table('warspotting_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.BigInteger(), nullable=False),
    sa.Column('loss_date', sa.Date(), nullable=False),
    sa.Column('type', sa.String(length=120), nullable=False),
    sa.Column('model', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('nearest_location', sa.Text(), nullable=True),
    sa.Column('unit', sa.Text(), nullable=True),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('first_snapshot_id', sa.Integer(), nullable=False),
    sa.Column('last_snapshot_id', sa.Integer(), nullable=False),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['first_snapshot_id'], ['snapshots.id'], name=op.f('fk_warspotting_items_first_snapshot_id_snapshots')),
    sa.ForeignKeyConstraint(['last_snapshot_id'], ['snapshots.id'], name=op.f('fk_warspotting_items_last_snapshot_id_snapshots')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warspotting_items')),
    sa.UniqueConstraint('item_id', 'digest', name='uq_warspotting_items_version')
    )
    with op.batch_alter_table('warspotting_items', schema=None) as batch_op:
        batch_op.create_index('ix_warspotting_items_date', ['loss_date'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('warspotting_items', schema=None) as batch_op:
        batch_op.drop_index('ix_warspotting_items_date')
    op.drop_table('warspotting_items')
    with op.batch_alter_table('confirmed_totals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_confirmed_totals_snapshot_id'))
        batch_op.drop_index('ix_confirmed_totals_equipment')
    op.drop_table('confirmed_totals')
