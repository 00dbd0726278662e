"""Shared test setup: headless Qt, a throwaway PostgreSQL server, and fresh databases.

Fixtures:
- ``sqlite_url`` / ``sqlite_db``: a new SQLite file under the test's tmp_path;
  ``sqlite_head_url``: one already migrated to head (copied from a per-session template).
- ``pg_server``: one PostgreSQL cluster for the whole session (started on first use).
- ``pg_url``: a new, empty PostgreSQL database for one test (dropped afterwards);
  ``postgres_head_url``: one already migrated to head (copied from a per-session template).
- ``backend``: parametrized over "sqlite" and "postgres" (the latter marked ``postgres``);
  ``empty_db_url``, ``db_url`` and ``db`` (an open Database) follow it, so a test using any
  of them runs on both backends.

The session's HOME, XDG folders and keyring are temporary (set below at import time); the
session fails if anything appears or changes in the user's real folders.

Without PostgreSQL binaries the postgres tests are skipped, except under CI (``CI`` set),
where they fail: CI must never silently lose half of the storage tests. Under CI every other
skip fails too, but for those named in ``CI_ALLOWED_SKIPS``.
"""

import os

# First of all: the user's own folders and keyring are swapped for temporary ones.
from user_folders import pytest_sessionfinish  # noqa: F401  (a pytest hook)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt's offscreen screen is 800x800 and drops touch points beyond it; a 1920x1080 screen
# lets fingers reach every lane of a full-size window.
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    _SCREEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "offscreen-screen.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.configuration import set_hypothesis_home_dir
from pg_server import DatabasePool, PostgresServer, find_pgbin

from board import i18n
from board.persistence.database import Database, open_database
from board.persistence.location import sqlite_url as _sqlite_url

# Hypothesis keeps caches in ./.hypothesis by default; the checkout stays as it was.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "forbedringstavle-hypothesis")
# Each Hypothesis example here builds a whole board on a real database: a few examples, no
# time limit, a failure reported as found (shrinking a board takes minutes), no example
# database. scripts/mutation runs one example per mutant (HYPOTHESIS_PROFILE=mutation).
settings.register_profile(
    "board",
    max_examples=6,
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("mutation", settings.get_profile("board"), max_examples=1)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "board"))

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


# Under CI (``CI`` set) a skipped test fails: CI must run everything. The only skips it
# accepts are named here, each with why it holds on every machine.
CI_ALLOWED_SKIPS = {
    "tests/storage/test_migrations.py::test_upgrade_from_the_previous_real_revision_keeps_data":
    # It needs two real migrations; until a second exists, the made-up-revision tests in
    # the same file cover upgrading.
    "only one migration exists",
    "tests/meeting_ui/test_wall_layout.py::test_during_a_meeting_the_board_stays_a_board[4k]":
    # The offscreen screen is chosen when Qt starts: this case runs in a 4K process of its own
    # (test_the_same_meeting_on_a_4k_wall), which fails if it does not pass there.
    "needs a 3840x2160 screen",
}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> pytest.TestReport:
    report: pytest.TestReport = yield
    if (
        os.environ.get("CI")
        and report.skipped
        and not hasattr(report, "wasxfail")
        and item.nodeid not in CI_ALLOWED_SKIPS
    ):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, where every test must run: {report.longrepr}"
    return report


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the PostgreSQL server directly is a ``postgres`` test too."""
    for item in items:
        if "pg_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    """Tests choose their language explicitly; none leaks its choice into the next test."""
    before = i18n.language()
    yield
    i18n.set_language(before)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    pgbin = find_pgbin()
    if pgbin is None:
        reason = (
            "PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin,"
            " $PGBIN or PATH; install postgresql to run the postgres storage tests"
        )
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {reason}", pytrace=False)
        pytest.skip(reason)
    server = PostgresServer.start(pgbin)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> Iterator[str]:
    """A new, empty PostgreSQL database for this test only."""
    name = pg_server.create_database()
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop_database(name)


@pytest.fixture(scope="session")
def pg_head_pool(pg_server: PostgresServer) -> Iterator[DatabasePool]:
    """Fresh copies of a database that open_database migrated to head once per session."""
    template = pg_server.create_database()
    database = open_database(pg_server.url(template))
    database.close()  # a template must have no connections while it is copied
    pool = DatabasePool(pg_server, template)
    try:
        yield pool
    finally:
        pool.close()


@pytest.fixture
def postgres_head_url(pg_server: PostgresServer, pg_head_pool: DatabasePool) -> Iterator[str]:
    """A new PostgreSQL database already at head, used by this test only."""
    name = pg_head_pool.take()
    try:
        yield pg_server.url(name)
    finally:
        pg_head_pool.give_back(name)


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "board.sqlite3"


@pytest.fixture
def sqlite_url(sqlite_path: Path) -> str:
    """The URL of a SQLite file not yet created (open_database creates and migrates it)."""
    return _sqlite_url(sqlite_path)


@pytest.fixture(scope="session")
def sqlite_head_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per session by open_database, to be copied per test."""
    path = tmp_path_factory.mktemp("template") / "head.sqlite3"
    prebuilt = os.environ.get("BOARD_TEST_SQLITE_HEAD")  # scripts/mutation makes it once
    if prebuilt:
        shutil.copyfile(prebuilt, path)
        return path
    database = open_database(_sqlite_url(path))
    database.close()  # the last connection checkpoints the WAL into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture
def sqlite_head_url(sqlite_path: Path, sqlite_head_template: Path) -> str:
    """A new SQLite file already at head (a copy of the session's template)."""
    shutil.copyfile(sqlite_head_template, sqlite_path)
    return _sqlite_url(sqlite_path)


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    database = open_database(sqlite_url)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Either "sqlite" or "postgres": tests using it (or db, db_url) run on both."""
    return str(request.param)


@pytest.fixture
def empty_db_url(backend: str, request: pytest.FixtureRequest) -> str:
    """The URL of a new, empty database: a SQLite file not yet created, or an empty PG database."""
    return str(request.getfixturevalue("sqlite_url" if backend == "sqlite" else "pg_url"))


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest) -> str:
    """The URL of a new database for this test on each backend, ready for open_database.

    It is a copy of a template that open_database created and migrated to head once per
    session (saves ~0.05 s per SQLite and ~0.3 s per PostgreSQL test); creating a database
    from nothing is tested with ``empty_db_url``.
    """
    return str(request.getfixturevalue(f"{backend}_head_url"))


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An open, migrated database on each backend; closed after the test."""
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.close()
