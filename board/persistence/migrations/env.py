"""Alembic environment: always given a connection by board.persistence.migrations."""

from __future__ import annotations

from alembic import context

from board.persistence.records import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the command-line alembic is not how we run
    raise RuntimeError("run migrations through board.persistence.migrations.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
