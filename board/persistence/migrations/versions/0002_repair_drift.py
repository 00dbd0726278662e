"""repair databases made while 0001 still lacked meeting.baseline

Revision ID: 0002_repair_drift
Revises: 0001
Create Date: 2026-12-01

Revision 0001 was edited after release (commit 5abaa5d added ``meeting.baseline``), so a
database made by an earlier commit (e.g. eb9ec5a) is stamped 0001 without that column. This
revision looks at the real schema and adds what the final 0001 defines and the database lacks;
on a database that already has it, it changes nothing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002_repair_drift'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("meeting")}
    if "baseline" not in columns:
        with op.batch_alter_table("meeting") as batch:
            batch.add_column(sa.Column("baseline", sa.JSON(), nullable=True))


def downgrade() -> None:
    pass  # the column belongs to 0001: it stays
