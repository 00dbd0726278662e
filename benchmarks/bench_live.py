"""Benchmark of one board on several screens (issue 12): how soon another screen shows a change.

Run:  .venv/bin/python benchmarks/bench_live.py [--changes N] [--quick] [--pg-url URL]

1. Change to painted (95th percentile over ``--changes``, default 200): this process changes a
   card's title through the services (as a screen or ``card move`` does); a second process
   shows the board in a real BoardWindow (offscreen) and reports the moment its lane has
   PAINTED the new title (the paint event handled, not merely received). Measured from just
   before the service call (its commit included) on one clock (``time.perf_counter``, one
   system-wide monotonic clock on Linux, macOS and Windows). On a SQLite file (the viewer
   polls ``PRAGMA data_version``) and on PostgreSQL (LISTEN/NOTIFY).
2. Load (PostgreSQL): 10 writer processes make one change a second each (a title typed, or a
   card moved between Idéer, Prioritering and Aktiviteter) on 30 shared cards for 2 minutes,
   while 3 viewer processes show the board. A writer writes against the version it read a
   moment before (0–300 ms: what a live screen knows), so races with the other writers are
   refused as stale (ConflictError, what a screen shows as "changed on another screen"); they
   are counted. Afterwards: every acknowledged change is in the database (per card, the last
   acknowledged write is what is stored, at its version), and every viewer's board equals the
   database. CPU share (process CPU time / wall time) of each viewer during the load and while
   idle (no writes for 20 s) is reported.

``--quick`` runs 40 changes and 20 s of load (10 s idle). PostgreSQL: the benchmark starts a
throwaway server with tests/pg_server.py (the binaries from $PGBIN, Debian's layout or the
PATH); ``--pg-url postgresql+psycopg://user@host/db`` uses an existing, EMPTY database instead
(its tables are created). ``--no-pg`` runs the SQLite part only. Uses the offscreen platform.
Nothing is written outside a temporary folder (and the given database).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOAL_MS = 300.0  # issue 12: p95 change-to-painted, the goal
BUDGET_MS = 1000.0  # and the budget ("within a second")
BUDGET_IDLE_CPU = 0.02  # an idle viewer: under 2 %
WRITERS, VIEWERS, SHARED_CARDS = 10, 3, 30
MARK = "Målt ændring "  # the watched card's title: MARK + the change's number


def _env() -> dict[str, str]:
    env = os.environ.copy()
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


# --- the viewer: a child process showing the board -------------------------------------------


def viewer(url: str, board_id: int, watch: int | None) -> None:
    """A BoardWindow on the board. With ``watch`` (a card id): prints ``painted N T`` when the
    card's lane has painted the title MARK+N. Commands on stdin: ``cpu`` (prints the process
    CPU time and the clock), ``dump FILE`` (the board as this window shows it, as JSON), ``quit``.
    """
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QEvent, QObject, QSocketNotifier

    from board import i18n
    from board.domain.lanes import Lane
    from board.persistence.database import open_database
    from board.ui.common.qt_app import ensure_app
    from board.ui.shell.board_window import BoardWindow

    i18n.set_language("da")
    app = ensure_app()
    db = open_database(url)
    window = BoardWindow(db, board_id)
    window.resize(1920, 1080)
    window.show()
    store = window.store
    reported: set[int] = set()

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint or watch is None:
                return False
            card = store.card(watch)
            if card is None or not card.title.startswith(MARK):
                return False
            n = int(card.title.removeprefix(MARK))
            if n in reported:
                return False
            watched.event(event)  # let the lane paint now, then read the clock: painted
            reported.add(n)
            print(f"painted {n} {time.perf_counter():.6f}", flush=True)
            return True

    watcher = PaintWatch()
    if watch is not None:
        card = store.card(watch)
        assert card is not None
        window.board.lanes[card.lane].installEventFilter(watcher)

    def dump(path: str) -> None:
        cards = [
            [c.id, c.lane.value, c.position, c.title, c.version]
            for lane in Lane
            for c in store.lane_cards(lane)
        ]
        Path(path).write_text(json.dumps(sorted(cards)), encoding="utf-8")
        print("dumped", flush=True)

    def command() -> None:
        line = sys.stdin.readline().strip()
        if line == "cpu":
            print(f"cpu {time.process_time():.6f} {time.perf_counter():.6f}", flush=True)
        elif line.startswith("dump "):
            dump(line.split(" ", 1)[1])
        elif line in ("quit", ""):
            app.quit()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    app.processEvents()
    print("ready", flush=True)
    app.exec()
    db.close()
    os._exit(0)


class Viewer:
    """The parent's handle on a viewer process: its lines arrive on a queue."""

    def __init__(self, url: str, board_id: int, watch: int | None = None) -> None:
        args = [sys.executable, __file__, "--viewer", url, str(board_id)]
        if watch is not None:
            args += ["--watch", str(watch)]
        self.proc = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=_env()
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.expect("ready", timeout=120)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())
        self.lines.put("")  # the process ended

    def expect(self, prefix: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            if line.startswith(prefix):
                return line
            if line == "" and self.proc.poll() is not None:
                raise RuntimeError(f"the viewer ended (exit {self.proc.returncode})")

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def cpu(self) -> tuple[float, float]:
        self.send("cpu")
        _, cpu, clock = self.expect("cpu ").split()
        return float(cpu), float(clock)

    def dump(self, path: Path) -> list[list[Any]]:
        self.send(f"dump {path}")
        self.expect("dumped")
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    def close(self) -> None:
        try:
            self.send("quit")
            self.proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()


# --- a writer: a child process making one change a second -------------------------------------


def writer(url: str, board_id: int, seconds: float, seed: int, out: str) -> None:
    """One change a second on the shared cards; each acknowledged change and each refusal
    as a JSON line in ``out``."""
    from board.domain.errors import ConflictError
    from board.domain.lanes import Lane
    from board.persistence.database import open_database
    from board.services import boards, cards

    rng = random.Random(seed)
    db = open_database(url)
    ids = [c.id for c in boards.load_board(db, board_id).cards if c.title.startswith("Delt ")]
    lanes = (Lane.IDEAS, Lane.PRIORITISED, Lane.ACTIVITIES)
    start = time.monotonic()
    n = 0
    with open(out, "w", encoding="utf-8") as log:
        while (tick := start + n) < start + seconds:
            time.sleep(max(0.0, tick - time.monotonic()) + rng.uniform(0, 0.2))
            card_id = rng.choice(ids)
            known = cards.get_card(db, card_id)  # what a live screen shows ...
            time.sleep(rng.uniform(0, 0.3))  # ... a moment before the person acts
            try:
                if rng.random() < 0.7:
                    title = f"Delt {seed}-{n}"
                    done = cards.edit_card(db, card_id, known.version, title=title)
                    row = {"card": card_id, "version": done.version, "title": title}
                else:
                    lane = rng.choice([la for la in lanes if la is not known.lane])
                    done = cards.move_card(db, card_id, known.version, lane, None)
                    row = {"card": card_id, "version": done.version, "lane": lane.value}
            except ConflictError:
                row = {"card": card_id, "conflict": True}
            log.write(json.dumps(row) + "\n")
            n += 1
    db.close()


# --- the parent -------------------------------------------------------------------------------


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _row(name: str, value: str, budget: str, ok: bool | None) -> None:
    verdict = "" if ok is None else ("ok" if ok else "OVER BUDGET")
    print(f"  {name:<58} {value:>14}   budget {budget:<10} {verdict}")


def _board(url: str, shared: int = 0) -> tuple[int, int]:
    """The demo board (and ``shared`` cards for the writers); its id and the watched card."""
    from board.persistence.database import open_database
    from board.services import boards, cards
    from board.services.demo import create_demo

    db = open_database(url)
    try:
        board = boards.find_board(db, create_demo(db))  # "Spædbarnsindsatsen (2)" on a reused db
        watched = cards.add_card(db, board.id, f"{MARK}0")
        for i in range(shared):
            cards.add_card(db, board.id, f"Delt kort {i + 1}")
        return board.id, watched.id
    finally:
        db.close()


def latency(url: str, changes: int, idle: float) -> tuple[list[float], float]:
    """Milliseconds from the start of each change to the other process's painted frame; and
    the viewer's CPU share over ``idle`` seconds without changes afterwards."""
    from board.persistence.database import open_database
    from board.services import cards

    board_id, card_id = _board(url)
    view = Viewer(url, board_id, watch=card_id)
    db = open_database(url)
    figures: list[float] = []
    try:
        version = cards.get_card(db, card_id).version
        for n in range(1, changes + 1):
            time.sleep(random.uniform(0.05, 0.25))  # not in step with the viewer's timer
            start = time.perf_counter()
            version = cards.edit_card(db, card_id, version, title=f"{MARK}{n}").version
            _, got, painted = view.expect("painted ", timeout=10).split()
            assert int(got) == n, (got, n)
            figures.append((float(painted) - start) * 1000)
        (cpu_a, at_a) = view.cpu()
        time.sleep(idle)
        (cpu_b, at_b) = view.cpu()
    finally:
        db.close()
        view.close()
    return figures, (cpu_b - cpu_a) / (at_b - at_a)


def load(url: str, seconds: float, idle: float, folder: Path) -> dict[str, Any]:
    from board.persistence.database import open_database
    from board.services import boards

    board_id, _ = _board(url, SHARED_CARDS)
    views = [Viewer(url, board_id) for _ in range(VIEWERS)]
    before = [v.cpu() for v in views]
    outs = [folder / f"writer-{i}.jsonl" for i in range(WRITERS)]
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--writer",
                url,
                str(board_id),
                str(seconds),
                str(i),
                str(out),
            ],
            env=_env(),
        )
        for i, out in enumerate(outs)
    ]
    for w in writers:
        w.wait()
    busy = [v.cpu() for v in views]
    time.sleep(2)  # the last notifications arrive, the viewers refresh
    db = open_database(url)
    try:
        stored = {c.id: c for c in boards.load_board(db, board_id).cards}
    finally:
        db.close()
    truth = sorted(
        [c.id, c.lane.value, c.position, c.title, c.version]
        for c in stored.values()
        if not c.archived
    )
    equal = [v.dump(folder / f"viewer-{i}.json") == truth for i, v in enumerate(views)]
    idle_from = [v.cpu() for v in views]
    time.sleep(idle)
    idle_to = [v.cpu() for v in views]
    for v in views:
        v.close()

    rows = [json.loads(line) for out in outs for line in out.read_text().splitlines()]
    acknowledged = [r for r in rows if "version" in r]
    last: dict[int, dict[str, Any]] = {}
    for r in acknowledged:
        if r["card"] not in last or r["version"] > last[r["card"]]["version"]:
            last[r["card"]] = r
    lost = [
        r for r in last.values()
        if stored[r["card"]].version != r["version"]
        or ("title" in r and stored[r["card"]].title != r["title"])
        or ("lane" in r and stored[r["card"]].lane.value != r["lane"])
    ]  # fmt: skip

    def share(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> list[float]:
        return [(cb - ca) / (tb - ta) for (ca, ta), (cb, tb) in zip(a, b, strict=True)]

    return {
        "changes": len(acknowledged),
        "conflicts": len(rows) - len(acknowledged),
        "lost": len(lost),
        "viewers_equal": equal,
        "busy_cpu": share(before, busy),
        "idle_cpu": share(idle_from, idle_to),
    }


def _pg(args: argparse.Namespace) -> tuple[Any, str | None]:
    """A throwaway PostgreSQL server and the URL of a new database (or the given URL)."""
    if args.pg_url:
        return None, args.pg_url
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_server import PostgresServer, PostgresUnavailable

    try:
        server = PostgresServer.start()
    except PostgresUnavailable:
        return None, None
    return server, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=200, help="changes timed per backend")
    parser.add_argument("--seconds", type=float, default=120, help="length of the load")
    parser.add_argument("--idle", type=float, default=20, help="idle time measured after it")
    parser.add_argument("--quick", action="store_true", help="40 changes, 20 s of load")
    parser.add_argument("--pg-url", help="an empty PostgreSQL database to use")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--viewer", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--watch", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--writer", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.viewer:
        viewer(args.viewer[0], int(args.viewer[1]), args.watch)
        return 0
    if args.writer:
        url, board_id, seconds, seed, out = args.writer
        writer(url, int(board_id), float(seconds), int(seed), out)
        return 0
    if args.quick:
        args.changes, args.seconds, args.idle = 40, 20, 10

    folder = Path(tempfile.mkdtemp(prefix="board-bench-live-"))
    print(f"Forbedringstavle live benchmark: {args.changes} changes per backend, "
          f"{WRITERS} writers x {args.seconds:.0f} s with {VIEWERS} viewers")  # fmt: skip
    print(f"platform offscreen, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    results: dict[str, tuple[list[float], float]] = {}
    sqlite_url = f"sqlite:///{folder / 'live.sqlite3'}"
    results["SQLite file"] = latency(sqlite_url, args.changes, args.idle)
    server, url = (None, None) if args.no_pg else _pg(args)
    outcome: dict[str, Any] | None = None
    try:
        if server is not None:
            url = server.url(server.create_database())
        if url is not None:
            results["PostgreSQL"] = latency(url, args.changes, args.idle)
            # A database of its own for the load; on a given one, a second demo board
            load_url = server.url(server.create_database()) if server is not None else url
            outcome = load(load_url, args.seconds, args.idle, folder)
    finally:
        if server is not None:
            server.stop()

    print()
    print("Change on one process to painted on another (p95; goal 300 ms):")
    for name, (figures, _) in results.items():
        p95 = _p(figures, 0.95)
        _row(f"{name}: p95 (median {_p(figures, 0.5):.0f} ms, worst {max(figures):.0f} ms)",
             f"{p95:.0f} ms", f"{BUDGET_MS:.0f} ms", p95 <= BUDGET_MS)  # fmt: skip
    for name, (_, idle_share) in results.items():
        _row(f"{name}: the viewer's CPU with no changes ({args.idle:.0f} s)",
             f"{idle_share:.2%}", f"{BUDGET_IDLE_CPU:.0%}",
             idle_share < BUDGET_IDLE_CPU)  # fmt: skip
    if outcome is not None:
        print()
        print(f"Load on PostgreSQL ({WRITERS} writers, one change a second each, {VIEWERS} "
              "viewers):")  # fmt: skip
        _row("changes acknowledged", str(outcome["changes"]), "", None)
        _row("conflicts refused as stale (shown, not lost)", str(outcome["conflicts"]), "", None)
        _row("acknowledged changes lost", str(outcome["lost"]), "0", outcome["lost"] == 0)
        same = sum(outcome["viewers_equal"])
        _row("viewers whose board equals the database", f"{same} of {VIEWERS}", "all",
             same == VIEWERS)  # fmt: skip
        busy = max(outcome["busy_cpu"])
        _row("a viewer's CPU during the load (the highest)", f"{busy:.1%}", "", None)
        idle = max(outcome["idle_cpu"])
        _row("an idle viewer's CPU (the highest)", f"{idle:.2%}", f"{BUDGET_IDLE_CPU:.0%}",
             idle < BUDGET_IDLE_CPU)  # fmt: skip
    elif not args.no_pg:
        print("\nPostgreSQL: no server binaries found; give --pg-url to measure it.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
