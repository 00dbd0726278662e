"""personal data erased for good: which meetings were redacted, and a record of each erasure

Revision ID: 0007_privacy_record
Revises: 0006_meeting_live
Create Date: 2026-12-02

Issue 13: a text redacted (or a card or a person erased for good) leaves the board, its
meetings' frozen snapshots included. ``meeting.redacted_at`` says when a meeting's snapshot
was last redacted, so its minutes, re-made, say so. ``privacy_record`` is what the data
protection officer asks for: when, by which computer user, on which board, what was done,
how many places changed and of which kinds - never the text itself. Meetings held so far
get NULL: nothing was redacted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_privacy_record'
down_revision = '0006_meeting_live'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('redacted_at', sa.DateTime(), nullable=True))
    op.create_table(
        'privacy_record',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('board_id', sa.Integer(), nullable=False),
        sa.Column('made_at', sa.DateTime(), nullable=False),
        sa.Column('made_by', sa.String(length=120), nullable=False),
        sa.Column('action', sa.String(length=20), nullable=False),
        sa.Column('places', sa.Integer(), nullable=False),
        sa.Column('kinds', sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ['board_id'], ['board.id'],
            name=op.f('fk_privacy_record_board_id_board'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_record')),
    )
    with op.batch_alter_table('privacy_record', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_privacy_record_board_id'), ['board_id'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('privacy_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privacy_record_board_id'))
    op.drop_table('privacy_record')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('redacted_at')
