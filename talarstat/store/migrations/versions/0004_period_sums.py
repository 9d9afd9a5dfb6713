"""each meeting's turns summed per attendance period, kept current by triggers, for the report

Revision ID: 0004_period_sums
Revises: 0003_turn_covering_index
Create Date: 2026-11-22

The table `period_sum` and the triggers that empty a meeting's rows whenever its turns or attendance
change (store/period_sums.py tells why and how). The rows of every meeting without an open turn are
made here, in the same transaction; on a database of a million turns that takes a few seconds. Nothing
stored before changes.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from talarstat.store import period_sums

revision = '0004_period_sums'
down_revision = '0003_turn_covering_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('period_sum',
    sa.Column('meeting_id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.BigInteger(), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('turns', sa.BigInteger(), nullable=False),
    sa.Column('milliseconds', sa.BigInteger(), nullable=False),
    sa.Column('chair_turns', sa.BigInteger(), nullable=False),
    sa.Column('chair_milliseconds', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'at', 'category')
    )
    dialect = op.get_bind().dialect.name
    for statement in period_sums.TRIGGERS[dialect]:
        op.execute(statement)
    if dialect == "postgresql":
        # No turn written by another connection between the sums and the commit (a writer waits).
        op.execute("LOCK TABLE turn, attendance IN SHARE MODE")
    op.execute(period_sums.refresh_sql("true" if dialect == "postgresql" else "1", "false" if dialect == "postgresql" else "0"))
    if dialect == "postgresql":
        op.execute("ANALYZE period_sum")  # the report's plans need its size now, not at autovacuum's next round


def downgrade() -> None:
    for statement in period_sums.DROP_TRIGGERS[op.get_bind().dialect.name]:
        op.execute(statement)
    op.drop_table('period_sum')
