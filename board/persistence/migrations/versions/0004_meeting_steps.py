"""the meeting engine's data: step notes, roles, team formats, where outputs were made

Revision ID: 0004_meeting_steps
Revises: 0003_learning_points
Create Date: 2026-12-01

A meeting of any format (issue 10): ``meeting.format_key`` names a team format of the board
("" = the built-in format of its kind); ``meeting_step`` keeps each step's notes,
``meeting_role`` who held each role; ``team_format`` a team's own copied and changed formats;
``agreement.step_key`` the step a decision was made at, ``card.meeting_id`` the meeting a card
was made at. Existing rows get "" and NULL: meetings held so far are of their kind's format.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004_meeting_steps'
down_revision = '0003_learning_points'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The existing rows get "" from a server default that is dropped again: the program
    # always writes the value itself, as for every other column.
    for table, column in (('meeting', 'format_key'), ('agreement', 'step_key')):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(column, sa.String(length=40), nullable=False, server_default='')
            )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, server_default=None)
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_card_meeting_id_meeting'), 'meeting', ['meeting_id'], ['id'],
            ondelete='SET NULL',
        )
    op.create_table('meeting_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('step_key', sa.String(length=40), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_step_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_step')),
    sa.UniqueConstraint('meeting_id', 'step_key', name=op.f('uq_meeting_step_meeting_id'))
    )
    op.create_table('meeting_role',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('guest_name', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_role_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_meeting_role_person_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_role')),
    sa.UniqueConstraint('meeting_id', 'role', name=op.f('uq_meeting_role_meeting_id'))
    )
    op.create_table('team_format',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('base_kind', sa.String(length=30), nullable=False),
    sa.Column('document', sa.JSON(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['board_id'], ['board.id'], name=op.f('fk_team_format_board_id_board'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_format')),
    sa.UniqueConstraint('board_id', 'key', name=op.f('uq_team_format_board_id'))
    )


def downgrade() -> None:
    op.drop_table('team_format')
    op.drop_table('meeting_role')
    op.drop_table('meeting_step')
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_card_meeting_id_meeting'), type_='foreignkey')
        batch_op.drop_column('meeting_id')
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_column('step_key')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('format_key')
