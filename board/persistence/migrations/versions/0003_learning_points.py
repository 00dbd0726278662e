"""learning points kept with the board

Revision ID: 0003_learning_points
Revises: 0002_repair_drift
Create Date: 2026-12-01

A board's general learning points (læringspunkter): the text, the day it was noted, the
meeting and the person who noted it (both kept as empty when removed) and a sparring case's
neutral label. Listed by board and date, hence the index.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003_learning_points'
down_revision = '0002_repair_drift'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('learning_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('case_label', sa.String(length=120), nullable=False),
    sa.Column('noted_by_id', sa.Integer(), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['board_id'], ['board.id'], name=op.f('fk_learning_point_board_id_board'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_learning_point_meeting_id_meeting'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['noted_by_id'], ['person.id'], name=op.f('fk_learning_point_noted_by_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learning_point'))
    )
    with op.batch_alter_table('learning_point', schema=None) as batch_op:
        batch_op.create_index('ix_learning_point_board_id_noted_on', ['board_id', 'noted_on'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('learning_point', schema=None) as batch_op:
        batch_op.drop_index('ix_learning_point_board_id_noted_on')

    op.drop_table('learning_point')
