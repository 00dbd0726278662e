"""The shared PostgreSQL server: its address from this machine's settings, a connection test,
and what a refused connection means in words a user can act on.

The password travels only inside the URL handed to SQLAlchemy, which never prints it
(``render_as_string`` hides it); nothing here logs the URL or the server's own message.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from board.domain.errors import StorageError

CONNECT_TIMEOUT_S = 8  # a start or a test against an unreachable host says so in seconds

# The server's own words (libpq's English, lower-cased) -> what to tell the user. The first
# match wins: "connection to server … failed: password authentication failed" is a password.
_REASONS = (
    ("password authentication failed", "server.error.password"),
    ("no password supplied", "server.error.password"),
    ('role "', "server.error.password"),  # role "x" does not exist: the user name is wrong
    ('database "', "server.error.no_database"),  # database "x" does not exist
    ("no pg_hba.conf entry", "server.error.not_allowed"),
    ("does not support ssl", "server.error.no_tls"),
    ("certificate", "server.error.certificate"),
    ("could not translate host name", "server.error.no_host"),
    ("failed to resolve host", "server.error.no_host"),
    ("name or service not known", "server.error.no_host"),
    ("timeout expired", "server.error.unreachable"),
    ("connection refused", "server.error.unreachable"),
    ("no route to host", "server.error.unreachable"),
    ("network is unreachable", "server.error.unreachable"),
)


# A write while the network cable is out fails within seconds (and says it was not saved)
# instead of freezing the window for the kernel's TCP timeout; settings in the URL win.
LINK_TIMEOUTS: dict[str, int] = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 2,
    "tcp_user_timeout": 5000,
}

# A server that no longer answers: for a window already open that means "not saved, the
# server is away" (the banner says the rest), not a refusal at the door.
UNREACHABLE = frozenset({"error.db_connect", "server.error.unreachable", "server.error.no_host"})


def server_reason(message: str) -> str | None:
    """The catalog key for a refused connection's message, or None when it is no such."""
    text = message.lower()
    for needle, key in _REASONS:
        # 'role "x"' and 'database "x"' name a missing one only with "does not exist"
        if needle in text and (not needle.endswith('"') or "does not exist" in text):
            return key
    return None


def is_refused_connection(message: str) -> bool:
    """libpq's words for a connection that was never made (not one lost on the way)."""
    text = message.lower()
    return any(
        words in text
        for words in ("connection to server", "could not translate host", "failed to resolve host")
    )


def server_url(
    host: str, port: int, database: str, user: str, password: str | None, sslmode: str
) -> str:
    """``postgresql+psycopg://user:password@host:port/database?sslmode=…`` with every part
    quoted (a password may hold @ or /); an IPv6 address is bracketed."""
    where = f"[{host}]" if ":" in host else host
    login = quote(user, safe="")
    if password:
        login += ":" + quote(password, safe="")
    return (
        f"postgresql+psycopg://{login}@{where}:{port}/{quote(database, safe='')}"
        f"?sslmode={quote(sslmode, safe='')}&connect_timeout={CONNECT_TIMEOUT_S}"
    )


@dataclass(frozen=True, slots=True)
class ServerFacts:
    """What a connection test found: the boards already there (none in a new database)."""

    boards: tuple[str, ...]


def probe(url: str) -> ServerFacts:
    """Connect once, change nothing: the board names, or a StorageError saying what is wrong."""
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    # The address as the user typed it: no password, no connection options.
    where = make_url(url)._replace(password=None).set(query={}).render_as_string()
    engine = create_engine(url, poolclass=_no_pool())
    try:
        with engine.connect() as conn:
            if "board" not in inspect(conn).get_table_names():
                return ServerFacts(())
            names = conn.execute(text("SELECT name FROM board ORDER BY name")).scalars()
            return ServerFacts(tuple(names))
    except SQLAlchemyError as exc:
        raise refused(exc, where) from None
    finally:
        engine.dispose()


def refused(exc: BaseException, where: str) -> StorageError:
    """The StorageError for a failed connection (``where`` must not hold the password)."""
    key = server_reason(str(getattr(exc, "orig", exc)))
    return StorageError(key or "error.db_connect", where=where)


def _no_pool() -> type:
    from sqlalchemy.pool import NullPool

    return NullPool
