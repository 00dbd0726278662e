"""Alembic migrations: the one way a schema is created and upgraded.

Alembic itself is imported only when a database actually needs upgrading: a start on an
up-to-date database just reads ``alembic_version`` and compares it with HEAD.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

_HERE = Path(__file__).parent

# The newest revision in versions/; a test checks that it is Alembic's single head.
HEAD = "0001"


def config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_HERE))
    return cfg


def head() -> str:
    return HEAD


def script_heads() -> list[str]:
    from alembic.script import ScriptDirectory

    return list(ScriptDirectory.from_config(config()).get_heads())


def is_known(revision: str) -> bool:
    if revision == HEAD:
        return True
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(config())
    return any(s.revision == revision for s in scripts.walk_revisions())


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, target: str = "head") -> None:
    """Bring the database to ``target`` in one transaction (a no-op when it is there already)."""
    with engine.connect() as conn:
        # SQLite batch migrations drop and re-create tables: with foreign keys on, the DROP
        # deletes child rows (ON DELETE CASCADE). The pragma only works outside a transaction.
        raw = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if target == "head" and current_revision(conn) == HEAD:
                    return
                from alembic import command

                cfg = config()
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
                if raw is not None and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("a migration left rows whose parent is missing")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")
