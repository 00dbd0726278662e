"""No module under board/ imports itself back round a cycle, and no UI room imports one above it.

Every import counts: at the top of a module, under ``if TYPE_CHECKING:`` and inside a function.
A cycle hidden behind those still ties the modules together for whoever reads or moves them.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "board"
# The rooms of board/ui, top first: a room may import only the rooms after it.
ROOMS = ("shell", "meeting", "template", "board", "operations", "common")


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if "versions" in parts:  # Alembic revisions: scripts, not modules anyone imports
            continue
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The board modules ``name`` imports anywhere in its text (a package's own name for
    ``from package import name`` unless ``name`` is a module of it)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def known_prefix(dotted: str) -> str | None:
        parts = dotted.split(".")
        while parts and ".".join(parts) not in known:
            parts.pop()
        return ".".join(parts) or None

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(filter(None, (known_prefix(alias.name) for alias in node.names)))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                target = f"{source}.{alias.name}"
                found.add(target if target in known else known_prefix(source) or "")
    found.discard("")
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imported(name, path, known) for name, path in found.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path a -> b -> ... -> a, or None (depth-first search, three colours)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            if cycle:
                return cycle
    return None


def room(name: str) -> str | None:
    parts = name.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["board", "ui"] else None


def test_the_graph_sees_every_kind_of_import(tmp_path: Path) -> None:
    # The knots this test guards against were hidden in exactly these places.
    source = (
        "from typing import TYPE_CHECKING\n"
        "import board.domain.lanes\n"
        "from board.ui.common import theme\n"
        "if TYPE_CHECKING:\n"
        "    from board.ui.shell.board_window import BoardWindow\n"
        "def later():\n"
        "    from board.services import boards\n"
        "from . import sheets\n"
    )
    probe = tmp_path / "probe.py"
    probe.write_text(source, encoding="utf-8")
    found = imported("board.ui.common.probe", probe, set(modules()))
    assert found == {
        "board.domain.lanes",
        "board.ui.common.theme",
        "board.ui.shell.board_window",
        "board.services.boards",
        "board.ui.common.sheets",
    }


def test_a_cycle_is_found_and_shown() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles_in_board() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_every_ui_module_lives_in_a_room() -> None:
    loose = [n for n in modules() if n.startswith("board.ui.") and room(n) not in ROOMS]
    assert not loose, f"modules outside the rooms {ROOMS}: {loose}"


def test_no_room_imports_a_room_above_it() -> None:
    upward = sorted(
        f"{name} -> {target}"
        for name, targets in import_graph().items()
        for target in targets
        if room(name) in ROOMS
        and room(target) in ROOMS
        and ROOMS.index(room(target)) < ROOMS.index(room(name))
    )
    assert not upward, "imports of a room above:\n" + "\n".join(upward)
