"""Alembic migrations: the one way a schema is created and upgraded."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

_HERE = Path(__file__).parent


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_HERE))
    return cfg


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    heads = _scripts().get_heads()
    assert len(heads) == 1, f"migrations must have one head, found {heads}"
    return heads[0]


def is_known(revision: str) -> bool:
    return any(s.revision == revision for s in _scripts().walk_revisions())


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    """Bring the database to ``target`` in one transaction (a no-op when it is there already)."""
    with engine.begin() as conn:
        if current_revision(conn) == head() and target == "head":
            return
        cfg = config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
