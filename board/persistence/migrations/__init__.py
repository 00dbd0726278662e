"""Alembic migrations: the one way a schema is created and upgraded.

Alembic itself is imported only when a database actually needs upgrading: a start on an
up-to-date database reads ``alembic_version`` and its tables' columns and compares them with
HEAD and the models. SQLAlchemy too is imported only where it is used: the start's first
read (board/persistence/first_read.py) needs HEAD before SQLAlchemy is loaded.

A committed revision is never edited (tests/storage/test_revision_files.py keeps the hash of
each): every schema change is a new revision, and HEAD below names the newest.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

_HERE = Path(__file__).parent

# The newest revision in versions/; a test checks that it is Alembic's single head.
HEAD = "0007_privacy_record"

# Columns that a released state of a revision lacked because the revision file was edited
# after databases had been made with it; a later revision adds them. A database stamped with
# such a revision and missing only these columns is upgraded (backup first), not refused.
KNOWN_DRIFT: dict[str, dict[str, frozenset[str]]] = {
    "0001": {"meeting": frozenset({"baseline"})},  # added to 0001 by commit 5abaa5d
}

Schema = Mapping[str, set[str] | frozenset[str]]  # table name -> column names


class Verdict(Enum):
    """What the opener does with a database, decided before anything is written."""

    CREATE = "create"  # no tables at all: a new database
    OPEN = "open"  # at HEAD with the schema HEAD defines
    UPGRADE = "upgrade"  # an older revision (or a known drift of one): back up, then upgrade
    FOREIGN = "foreign"  # tables, but not ours
    NEWER = "newer"  # a revision this release does not know
    DAMAGED = "damaged"  # ours, but tables or columns its revision defines are missing


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


@cache
def expected_schema(revision: str) -> dict[str, frozenset[str]]:
    """The tables and columns a database at ``revision`` has (without alembic_version)."""
    if revision == HEAD:
        from board.persistence.records import Base

        return {t.name: frozenset(c.name for c in t.columns) for t in Base.metadata.sorted_tables}
    from sqlalchemy import create_engine

    # Older revisions are rare (only on upgrade): build one in memory and look at it.
    engine = create_engine("sqlite://")
    try:
        with engine.begin() as conn:
            from alembic import command

            cfg = config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            return _schema_of(conn)
    finally:
        engine.dispose()


def _schema_of(conn: Connection) -> dict[str, frozenset[str]]:
    from sqlalchemy import inspect

    inspector = inspect(conn)
    return {
        name: frozenset(c["name"] for c in inspector.get_columns(name))
        for name in inspector.get_table_names()
        if name != "alembic_version"
    }


def assess(revision: str | None, actual: Schema) -> Verdict:
    """Decide from the stamped revision and the real schema (table -> columns, without
    alembic_version) whether a database is created, opened, upgraded or refused.

    The stamp alone is not trusted: a database must have what its revision defines."""
    if revision is None:
        return Verdict.FOREIGN if actual else Verdict.CREATE
    if not is_known(revision):
        return Verdict.NEWER
    drift = KNOWN_DRIFT.get(revision, {})
    drifted = False
    for table, columns in expected_schema(revision).items():
        if table not in actual:
            return Verdict.DAMAGED
        missing = set(columns) - set(actual[table])
        if not missing <= drift.get(table, frozenset()):
            return Verdict.DAMAGED
        drifted = drifted or bool(missing)
    if revision == HEAD:  # nothing left to run that could add what is missing
        return Verdict.DAMAGED if drifted else Verdict.OPEN
    return Verdict.UPGRADE


def current_revision(conn: Connection) -> str | None:
    from sqlalchemy import inspect, text

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
                if target == "head":
                    _check_schema_is_head(conn)
                if raw is not None and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError("a migration left rows whose parent is missing")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def _check_schema_is_head(conn: Connection) -> None:
    """After an upgrade the database has every table and column of HEAD, or nothing is kept."""
    actual = _schema_of(conn)
    for table, columns in expected_schema(HEAD).items():
        if not columns <= actual.get(table, frozenset()):
            raise RuntimeError(f"after upgrading, table {table} lacks columns")
