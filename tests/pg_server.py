"""A throwaway PostgreSQL cluster for the test session.

``PostgresServer.start()`` runs ``initdb`` into a fresh temporary directory, starts the server on
127.0.0.1 on a free port (its Unix socket also lives in that directory, never in /run), and
``stop()`` shuts it down and removes the directory. ``initdb`` refuses to run as root, so as root
the binaries are run as the ``postgres`` user through ``runuser`` with the directory owned by
that user; as a normal user they are run directly.

The cluster lives in /dev/shm when there is one (CREATE DATABASE on a disk takes ~0.5 s, in memory
~20 ms). Every test gets its own database (``create_database()``), created from ``template1`` or
from a given template through an autocommit connection to the ``postgres`` database, and dropped
(with FORCE) afterwards.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
import socket
import subprocess
import tempfile
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import psycopg

SUPERUSER = "app"
_SHM_NEEDED = 1 << 30  # a cluster is ~40 MB, each test database ~8 MB, with room to spare
_START_ATTEMPTS = 3  # a free port can be taken by someone else between probing and binding


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def find_pgbin() -> Path | None:
    """The newest PostgreSQL ``bin`` directory: $PGBIN, Debian's layout, or the PATH."""
    candidates: list[Path] = []
    if os.environ.get("PGBIN"):
        candidates.append(Path(os.environ["PGBIN"]))

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", path.parent.name)) or (0,)

    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).parent)
    for candidate in candidates:
        if (candidate / "initdb").is_file() and (candidate / "pg_ctl").is_file():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fast_tempdir() -> str | None:
    """/dev/shm when it is usable and roomy (Docker's default is 64 MB), else the default."""
    shm = Path("/dev/shm")
    with contextlib.suppress(OSError):
        if os.access(shm, os.W_OK | os.X_OK) and shutil.disk_usage(shm).free > _SHM_NEEDED:
            return str(shm)
    return None  # the default temporary directory


def _as_owner(command: list[str]) -> list[str]:
    """Run as ``postgres`` when we are root (initdb and postgres refuse to run as root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PostgresServer:
    """One running cluster; use ``start()`` to make one and ``stop()`` to remove it."""

    def __init__(self, pgbin: Path, base: Path, port: int) -> None:
        self.pgbin = pgbin
        self.base = base
        self.data = base / "data"
        self.logfile = base / "server.log"
        self.port = port
        self._names = itertools.count(1)
        self._running = False

    # -- life cycle ---------------------------------------------------------------------------

    @classmethod
    def start(cls, pgbin: Path | None = None) -> PostgresServer:
        pgbin = pgbin or find_pgbin()
        if pgbin is None:
            raise PostgresUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) found")
        base = Path(tempfile.mkdtemp(prefix="forbedringstavle-pg-", dir=_fast_tempdir()))
        if os.geteuid() == 0:
            shutil.chown(base, user="postgres", group="postgres")
        server = cls(pgbin, base, 0)
        try:
            server._initdb()
            last_error: Exception | None = None
            for _ in range(_START_ATTEMPTS):
                server.port = _free_port()
                try:
                    server._pg_ctl_start()
                    break
                except RuntimeError as exc:
                    last_error = exc
            else:
                raise RuntimeError(f"PostgreSQL did not start: {last_error}")
        except BaseException:
            server.stop()
            raise
        return server

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        command = _as_owner([str(self.pgbin / args[0]), *args[1:]])
        result = subprocess.run(
            command,
            cwd=self.base,  # the postgres user may not be allowed into the caller's directory
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed ({result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}\n{self._log_tail()}"
            )
        return result

    def _initdb(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip

    def _pg_ctl_start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data} -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.logfile), "-o", options, "-w",
            "-t", "60", "start",
        )  # fmt: skip
        self._running = True

    def halt(self) -> None:
        """Stop the server as a crash or a pulled cable would look to a client (every
        connection ends), keeping its data: ``resume()`` starts it again on the same port."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        self._running = False

    def resume(self) -> None:
        self._pg_ctl_start()

    @property
    def running(self) -> bool:
        return self._running

    def stop(self) -> None:
        """Stop the server (if it runs) and remove its directory; safe to call twice."""
        if self._running:
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
            except (RuntimeError, subprocess.TimeoutExpired):
                with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                    self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self._running = False
        shutil.rmtree(self.base, ignore_errors=True)

    def _log_tail(self) -> str:
        try:
            return "server log:\n" + "\n".join(
                self.logfile.read_text(errors="replace").splitlines()[-20:]
            )
        except OSError:
            return ""

    # -- databases ----------------------------------------------------------------------------

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def admin(self) -> psycopg.Connection:
        """An autocommit connection to the ``postgres`` maintenance database."""
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        )

    def create_database(self, template: str | None = None) -> str:
        """A new database ``t_<n>``: empty, or a copy of ``template`` (which nobody may use now)."""
        name = f"t_{next(self._names)}"
        with self.admin() as conn:
            if template is None:
                conn.execute(f'CREATE DATABASE "{name}"')
            elif conn.info.server_version >= 150000:
                # A plain file copy: quicker than WAL-logging a small database page by page.
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
            else:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class DatabasePool:
    """Copies of a template made a step ahead of the tests and dropped behind them.

    A worker thread runs CREATE DATABASE and DROP DATABASE while the tests run, which takes
    ~50 ms per test off the critical path. Every test still gets a database nobody used before.
    """

    def __init__(self, server: PostgresServer, template: str, ahead: int = 2) -> None:
        self._server = server
        self._template = template
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-pool")
        self._ready: deque[Future[str]] = deque(self._create() for _ in range(ahead))
        self._drops: list[Future[None]] = []

    def _create(self) -> Future[str]:
        return self._worker.submit(self._server.create_database, self._template)

    def take(self) -> str:
        name = self._ready.popleft().result()
        self._ready.append(self._create())
        return name

    def give_back(self, name: str) -> None:
        self._drops.append(self._worker.submit(self._server.drop_database, name))

    def close(self) -> None:
        """Drop what is left; raise if any drop failed (a test left something running)."""
        for future in self._ready:
            self.give_back(future.result())
        self._worker.shutdown(wait=True)
        for future in self._drops:
            future.result()
