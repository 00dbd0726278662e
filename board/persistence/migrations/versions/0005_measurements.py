"""measurements as issue 11 needs them: proportions, who and when, observations, chart settings

Revision ID: 0005_measurements
Revises: 0004_meeting_steps
Create Date: 2026-12-01

``measurement`` gets ``numerator`` and ``denominator`` (a proportion, "7 af 9 familier";
``value`` is their quotient), ``entered_by`` (the computer user's name) and ``created_at``;
``value`` becomes nullable: a sign's dated observation is a measurement row without a value,
its text in ``note``. ``success_criterion`` gets its chart's settings: ``chart`` (run, i, p,
u), ``freeze_points`` (the baseline's first N points; FREEZE is a keyword of PostgreSQL) and
``phase_starts`` (a JSON list of ISO dates). Existing measurements get NULL/"" (who and when
are unknown); criteria a run chart.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_measurements'
down_revision = '0004_meeting_steps'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows get their value from a server default that is dropped again: the program
    # always writes the value itself, as for every other column.
    with op.batch_alter_table('measurement', schema=None) as batch_op:
        batch_op.alter_column('value', existing_type=sa.Float(), nullable=True)
        batch_op.add_column(sa.Column('numerator', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('denominator', sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column('entered_by', sa.String(length=120), nullable=False, server_default='')
        )
        batch_op.add_column(sa.Column('created_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('success_criterion', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('chart', sa.String(length=10), nullable=False, server_default='run')
        )
        batch_op.add_column(sa.Column('freeze_points', sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column('phase_starts', sa.JSON(), nullable=False, server_default='[]')
        )
    with op.batch_alter_table('measurement', schema=None) as batch_op:
        batch_op.alter_column('entered_by', server_default=None)
    with op.batch_alter_table('success_criterion', schema=None) as batch_op:
        batch_op.alter_column('chart', server_default=None)
        batch_op.alter_column('phase_starts', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('success_criterion', schema=None) as batch_op:
        batch_op.drop_column('phase_starts')
        batch_op.drop_column('freeze_points')
        batch_op.drop_column('chart')
    op.execute("DELETE FROM measurement WHERE value IS NULL")  # a sign's observations
    with op.batch_alter_table('measurement', schema=None) as batch_op:
        batch_op.drop_column('created_at')
        batch_op.drop_column('entered_by')
        batch_op.drop_column('denominator')
        batch_op.drop_column('numerator')
        batch_op.alter_column('value', existing_type=sa.Float(), nullable=False)
