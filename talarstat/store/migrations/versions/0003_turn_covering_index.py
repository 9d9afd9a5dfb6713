"""the turn index the figures scan also holds what they read of each turn

Revision ID: 0003_turn_covering_index
Revises: 0002_speaker_list
Create Date: 2026-11-22

`ix_turn_meeting_start` (meeting, start) becomes (meeting, start, category, kind, role, end,
deleted): the figures' range scans per attendance period then read the index alone, never the
turn's row (issue 11). The prefix is the same, so every query that used the old index uses this
one. Nothing else changes; on a database of a million turns the upgrade takes a few seconds.
"""

from alembic import op

revision = '0003_turn_covering_index'
down_revision = '0002_speaker_list'
branch_labels = None
depends_on = None

COLUMNS = ['meeting_id', 'start', 'category', 'kind', 'role', 'end', 'deleted']


def upgrade() -> None:
    op.drop_index('ix_turn_meeting_start', table_name='turn')
    op.create_index('ix_turn_meeting_start', 'turn', COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index('ix_turn_meeting_start', table_name='turn')
    op.create_index('ix_turn_meeting_start', 'turn', ['meeting_id', 'start'], unique=False)
