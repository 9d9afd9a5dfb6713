"""each meeting's turns summed per attendance period, kept current by triggers, for the report

Revision ID: 0004_period_sums
Revises: 0003_turn_covering_index
Create Date: 2026-11-22

The table `meeting_sums` and the triggers that delete a meeting's row whenever its turns or
attendance change (store/period_sums.py tells why and how). The row of every meeting without an open
turn is made here, in the same transaction; on a database of a million turns that takes a few
seconds. Nothing stored before changes.
"""

import sqlalchemy as sa
from alembic import op

from talarstat.store import period_sums

revision = '0004_period_sums'
down_revision = '0003_turn_covering_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meeting_sums',
    sa.Column('meeting_id', sa.Uuid(), nullable=False),
    sa.Column('held', sa.Boolean(), nullable=False),
    sa.Column('members', sa.Text(), nullable=False),
    sa.Column('everyone', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id')
    )
    dialect = op.get_bind().dialect.name
    for statement in period_sums.TRIGGERS[dialect]:
        op.execute(statement)
    if dialect == "postgresql":
        # No turn written by another connection between the sums and the commit (a writer waits).
        op.execute("LOCK TABLE turn, attendance IN SHARE MODE")
    op.execute(period_sums.refresh_sql("true" if dialect == "postgresql" else "1", dialect))
    if dialect == "postgresql":
        op.execute("ANALYZE meeting_sums")  # the report's plans need its size now, not at autovacuum's next round


def downgrade() -> None:
    for statement in period_sums.DROP_TRIGGERS[op.get_bind().dialect.name]:
        op.execute(statement)
    op.drop_table('meeting_sums')
