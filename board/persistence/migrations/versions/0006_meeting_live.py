"""a running meeting as every screen sees it: its current step, since when, led by whom

Revision ID: 0006_meeting_live
Revises: 0005_measurements
Create Date: 2026-12-01

One board on several screens (issue 12): the screen that leads a meeting writes the step the
wall has moved to (``meeting.step_key``), when that step started (``step_started_at``) and,
while the running tests are walked through, the card talked about (``walk_card_id``; no
foreign key: a card is archived, not deleted, and a stale id is only not found), so a laptop
shows the same step, card and timer; ``led_by`` is the leading screen's token (a random hex
per window, never a name), so a screen that takes over the meeting is known to the one that
led it before. The band has no pause, so nothing records one. Meetings held so far get "" and
NULL: no step was ever shared.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_meeting_live'
down_revision = '0005_measurements'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows get "" from a server default that is dropped again: the program always
    # writes the value itself, as for every other column.
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('step_key', sa.String(length=40), nullable=False, server_default='')
        )
        batch_op.add_column(sa.Column('step_started_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('walk_card_id', sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column('led_by', sa.String(length=32), nullable=False, server_default='')
        )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.alter_column('step_key', server_default=None)
        batch_op.alter_column('led_by', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('led_by')
        batch_op.drop_column('walk_card_id')
        batch_op.drop_column('step_started_at')
        batch_op.drop_column('step_key')
