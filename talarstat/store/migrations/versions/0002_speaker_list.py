"""the speaker list: requests, queue settings and the stored next-turn tags

Revision ID: 0002_speaker_list
Revises: 0001_initial
Create Date: 2026-11-22

Meetings of the previous release get the defaults of QUEUE.md (arrival order, no limits, nothing
closed) and no requests; nothing of theirs changes.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = '0002_speaker_list'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('request',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('meeting_id', sa.Uuid(), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('speaker', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('agenda_item_id', sa.Uuid(), nullable=True),
    sa.Column('requested_at', sa.BigInteger(), nullable=False),
    sa.Column('reply_to', sa.Uuid(), nullable=True),
    sa.Column('front_at', sa.BigInteger(), nullable=True),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('closed_at', sa.BigInteger(), nullable=True),
    sa.Column('turn_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_request_meeting_id'), ['meeting_id'], unique=False)

    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('queue_order', sa.String(), server_default='arrival', nullable=False))
        batch_op.add_column(sa.Column('queue_priority', sa.Text(), server_default='["woman", "nonbinary"]', nullable=False))
        batch_op.add_column(sa.Column('queue_max_replies', sa.Integer(), server_default='2', nullable=False))
        batch_op.add_column(sa.Column('queue_limits', sa.Text(), server_default='{}', nullable=False))
        batch_op.add_column(sa.Column('queue_closed_items', sa.Text(), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('next_turn_kind', sa.String(), server_default='speech', nullable=False))
        batch_op.add_column(sa.Column('next_turn_role', sa.String(), server_default='member', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        for column in ('next_turn_role', 'next_turn_kind', 'queue_closed_items', 'queue_limits',
                       'queue_max_replies', 'queue_priority', 'queue_order'):
            batch_op.drop_column(column)
    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_request_meeting_id'))
    op.drop_table('request')
