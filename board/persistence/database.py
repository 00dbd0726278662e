"""The engine, one transaction per user action, and opening a database safely.

Opening checks a SQLite file read-only first (readable? a database? ours? made by a newer
release?) so that a bad file is refused untouched. An older schema is backed up, then upgraded.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from board.atomic_file import write_bytes
from board.dates import file_stamp
from board.domain.errors import ConflictError, StorageError
from board.persistence import change_feed, migrations
from board.persistence.location import data_dir
from board.persistence.server import LINK_TIMEOUTS, UNREACHABLE
from board.persistence.sqlite_file import inspect_sqlite_file, storage_error, writable

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 5.0


class Database:
    """An open, migrated database. ``write()`` and ``read()`` give one transaction each."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = sessionmaker(
            bind=engine.execution_options(board_write=True), expire_on_commit=False
        )
        self._reader = sessionmaker(bind=engine, expire_on_commit=False)
        # Identifies this object's own writes in the change feed (its watchers drop them).
        self.origin = uuid.uuid4().hex
        change_feed.install(self._writer)

    # A server role allowed only to SELECT (a display screen): the window offers no edits.
    read_only = False

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        database = self.engine.url.database
        return Path(database) if self.is_sqlite and database else None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: committed (and on disk) when the block ends, rolled back on error.

        A write that cannot reach the server says that it was not saved (not that the
        program cannot connect: the window is open and already says the server is away)."""
        try:
            with _translated_errors(self.engine), self._writer() as session, session.begin():
                yield session
                if not self.is_sqlite:  # other screens hear of it with the COMMIT, not before
                    change_feed.announce(session, self.origin)
        except StorageError as exc:
            if exc.key in UNREACHABLE:
                raise StorageError("live.down.not_saved") from None
            raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        with _translated_errors(self.engine), self._reader() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def scrub(self, tables: Iterable[str] | None = None) -> bool:
        """After text was replaced or deleted: make the files hold no old copy of it.

        Call it after the transaction committed. SQLite: every connection has secure_delete
        on (freed space is zeroed); VACUUM rewrites the file so that no free page keeps text
        from before secure_delete was on, and the TRUNCATE checkpoint moves the new pages into
        the file and empties the -wal. Both wait up to the busy timeout for other connections
        (another window); if one still holds an old snapshot or writes, the old pages stay
        until the next checkpoint and False is returned (never an error: the erasure stands).
        PostgreSQL: VACUUM FULL rewrites ``tables`` (None: every table) into new files; a plain
        VACUUM only marks dead rows free and leaves their bytes in the pages.
        """
        if self.is_sqlite:
            return _scrub_sqlite(self.engine)
        _vacuum_server(self.engine, tables)
        return True


@contextmanager
def _translated_errors(engine: Engine) -> Iterator[None]:
    """Database failures become one clear, translated StorageError or ConflictError."""
    try:
        yield
    except StaleDataError:
        raise ConflictError() from None
    except DBAPIError as exc:
        if _sqlstate(exc) == _INSUFFICIENT_PRIVILEGE:
            # The role may only read (a display screen): said as such, not as a broken file.
            raise StorageError("live.readonly.refused") from None
        if exc.connection_invalidated:  # the server went away under an open connection
            where = engine.url.render_as_string(hide_password=True)
            raise StorageError("error.db_connect", where=where) from None
        raise storage_error(exc, engine.url.render_as_string(hide_password=True)) from None


_INSUFFICIENT_PRIVILEGE = "42501"


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


def open_database(url: str, *, create_folder: bool = False) -> Database:
    """Open (creating or upgrading as needed) the database at ``url``.

    A SQLite file's folder is created only with ``create_folder`` (the default location);
    an explicit path into a folder that does not exist is refused: it is most likely a typo.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _open_sqlite(url, create_folder)
    return _open_server(url)


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's BEGIN below decide when a transaction starts (pysqlite's own is lazy).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")  # a saved card survives a power cut
        cursor.execute("PRAGMA secure_delete=ON")  # erased text leaves freed pages too
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock at once: two screens wait for each other, never fail.
        conn.exec_driver_sql(
            "BEGIN IMMEDIATE" if conn.get_execution_options().get("board_write") else "BEGIN"
        )

    return engine


def _scrub_sqlite(engine: Engine) -> bool:
    # The raw connection: VACUUM must run outside any transaction (isolation_level None).
    with closing(engine.raw_connection()) as conn:
        cursor = conn.cursor()
        try:
            cursor.execute("VACUUM")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            row = cursor.fetchone()  # (busy, frames in the -wal, frames moved to the file)
            busy = row is None or bool(row[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise storage_error(exc, str(engine.url.database)) from None
            busy = True  # another window writes: the erasure stands, the next scrub finishes
        except sqlite3.Error as exc:
            raise storage_error(exc, str(engine.url.database)) from None
        finally:
            cursor.close()
    if busy:  # nothing secret in the log: only that the files could not be cleaned yet
        log.warning("another connection held the database: old pages stay until the next scrub")
    return not busy


def _vacuum_server(engine: Engine, tables: Iterable[str] | None) -> None:
    with _translated_errors(engine), engine.connect() as conn:
        names = list(tables) if tables is not None else inspect(conn).get_table_names()
        conn.rollback()
        vacuum = conn.execution_options(isolation_level="AUTOCOMMIT")
        preparer = engine.dialect.identifier_preparer
        for name in names:
            # FULL rewrites table, TOAST and indexes; ANALYZE leaves a trace in the statistics
            vacuum.exec_driver_sql(f"VACUUM (FULL, ANALYZE) {preparer.quote(name)}")


_REFUSALS = {
    migrations.Verdict.FOREIGN: "error.db_foreign",
    migrations.Verdict.NEWER: "error.db_newer",
    migrations.Verdict.DAMAGED: "error.db_corrupt",
}


def _open_sqlite(url: str, create_folder: bool) -> Database:
    """Every refusal is decided from a read-only look, before the first byte is written:
    the engine (whose connections switch the file to WAL) is made only for an accepted,
    writable database."""
    database = make_url(url).database
    if not database or database == ":memory:":
        engine = _sqlite_engine(url)
        migrations.upgrade(engine)
        return Database(engine)
    path = Path(database)
    where = str(path)
    verdict, revision = _sqlite_verdict(path, create_folder)
    if verdict in _REFUSALS:
        raise StorageError(_REFUSALS[verdict], where=where)
    if not writable(path if path.exists() else path.parent):
        raise StorageError("error.db_readonly", where=where)
    if verdict is migrations.Verdict.UPGRADE and revision is not None:
        backup = _backup_sqlite(path, revision)
        log.info("backed up the database before upgrading it: %s", backup.name)
    engine = _sqlite_engine(url)
    try:
        migrations.upgrade(engine)
    except (SQLAlchemyError, RuntimeError) as exc:
        engine.dispose()
        raise storage_error(exc, where) from None
    return Database(engine)


def _sqlite_verdict(path: Path, create_folder: bool) -> tuple[migrations.Verdict, str | None]:
    """What to do with the file (and its stamped revision), from a read-only look."""
    where = str(path)
    if path.exists():
        state = inspect_sqlite_file(path)
        return migrations.assess(state.revision, state.schema), state.revision
    folder = path.parent
    if folder.is_dir():
        return migrations.Verdict.CREATE, None
    if folder.exists() or not create_folder:  # below a file, or a folder that is not there
        key = "error.db_unreadable" if folder.exists() else "error.db_no_folder"
        raise StorageError(key, where=where)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise StorageError("error.db_unreadable", where=where) from None
    return migrations.Verdict.CREATE, None


def _backup_sqlite(path: Path, revision: str) -> Path:
    """A private copy beside the file (mode 0600: it holds everything the board holds)."""
    stamp = file_stamp(datetime.now())
    where = str(path)
    for attempt in range(100):
        suffix = f"-{attempt}" if attempt else ""
        target = path.with_name(f"{path.stem}.backup-{revision}-{stamp}{suffix}{path.suffix}")
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            break
        except FileExistsError:
            continue
        except OSError:
            raise StorageError("error.db_readonly", where=where) from None
    else:
        raise StorageError("error.db_failed", where=where)
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(target)
            with dest:
                source.backup(dest)
            dest.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise storage_error(exc, where) from None
    return target


def _backup_server(engine: Engine, revision: str) -> Path:
    """Every row of every table, as the old release left them, in a gzipped JSON file in the
    data folder: read by reflection, so it works whatever the old schema looked like."""
    stamp = file_stamp(datetime.now())
    name = engine.url.database or "database"
    target = data_dir() / "backups" / f"{name}.backup-{revision}-{stamp}.json.gz"
    tables: dict[str, list[dict[str, object]]] = {}
    with engine.connect() as conn:
        reflected = MetaData()
        reflected.reflect(conn)
        for table in reflected.sorted_tables:
            rows = conn.execute(table.select()).mappings()
            tables[table.name] = [dict(row) for row in rows]
    document = {"revision": revision, "url": engine.url.render_as_string(), "tables": tables}
    data = json.dumps(document, ensure_ascii=False, default=str).encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, gzip.compress(data), private=True)
    return target


def _open_server(url: str) -> Database:
    parsed = make_url(url)
    where = parsed.render_as_string(hide_password=True)
    link: dict[str, object] = {}
    if parsed.get_backend_name() == "postgresql":
        link = {k: v for k, v in LINK_TIMEOUTS.items() if k not in parsed.query}
    try:
        engine = create_engine(url, pool_pre_ping=True, connect_args=link)
    except SQLAlchemyError as exc:
        raise storage_error(exc, where) from None
    except ImportError:
        raise StorageError("error.db_driver", where=where) from None
    try:
        read_only = _prepare_server(engine, where)
    except BaseException:
        engine.dispose()  # a refused database keeps no connection open
        raise
    database = Database(engine)
    database.read_only = read_only
    return database


# Whether the role may change the board's rows at all ("card" stands for every table: the
# IT department grants a display screen's user SELECT on all tables, or everything).
_MAY_WRITE = (
    "SELECT to_regclass('card') IS NULL"
    " OR has_table_privilege(to_regclass('card'), 'INSERT, UPDATE, DELETE')"
)


def _check_may_read(engine: Engine, where: str) -> None:
    """A read-only role reads every table, or is refused at the door, once: not with every
    read that reaches a table it was not granted (a grant made before an upgrade)."""
    tables = sorted(migrations.expected_schema(migrations.HEAD))
    query = " UNION ALL ".join(
        f"SELECT '{t}' WHERE NOT has_table_privilege('{t}', 'SELECT')" for t in tables
    )
    try:
        with engine.connect() as conn:
            missing = [row[0] for row in conn.exec_driver_sql(query)]
    except SQLAlchemyError as exc:
        raise storage_error(exc, where) from None
    if missing:
        raise StorageError("live.readonly.no_select", where=where)


def _prepare_server(engine: Engine, where: str) -> bool:
    """Refuse a foreign or newer database; back up and upgrade an older one. True: the role
    may only read, and the database, at HEAD, is opened without a byte written."""
    try:
        with engine.connect() as conn:
            read_only = not conn.exec_driver_sql(_MAY_WRITE).scalar()
            inspector = inspect(conn)
            names = set(inspector.get_table_names())
            revision = migrations.current_revision(conn) if "alembic_version" in names else None
            schema = {
                table: frozenset(c["name"] for c in columns)
                for (_schema, table), columns in inspector.get_multi_columns().items()
                if table != "alembic_version" or revision is None
            }
    except SQLAlchemyError as exc:
        raise storage_error(exc, where) from None
    except ImportError:
        raise StorageError("error.db_driver", where=where) from None
    verdict = migrations.assess(revision, schema)
    if verdict in _REFUSALS:
        engine.dispose()
        raise StorageError(_REFUSALS[verdict], where=where)
    if read_only:
        if verdict is not migrations.Verdict.OPEN:  # to create or upgrade it, one must write
            raise StorageError("live.readonly.cannot_upgrade", where=where)
        _check_may_read(engine, where)
        return True
    try:
        if verdict is migrations.Verdict.UPGRADE and revision is not None:
            backup = _backup_server(engine, revision)
            log.info("backed up the database before upgrading it: %s", backup.name)
        migrations.upgrade(engine)
    except (SQLAlchemyError, RuntimeError) as exc:
        engine.dispose()
        if isinstance(exc, DBAPIError) and _sqlstate(exc) == _INSUFFICIENT_PRIVILEGE:
            raise StorageError("live.readonly.cannot_upgrade", where=where) from None
        raise storage_error(exc, where) from None
    return False
