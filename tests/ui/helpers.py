"""Building a test board through the services, driving the window as a person would."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from board.domain.entities import BoardState
from board.domain.lanes import Lane
from board.persistence.database import Database, open_database
from board.services import boards, cards, cycles, goals, log, people

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@dataclass
class Seed:
    board_id: int
    people: list[int]
    goal_id: int
    lanes: dict[Lane, list[int]] = field(default_factory=dict)


def seed_board(db: Database, extra_ideas: int = 0) -> Seed:
    """Three cards in every lane (and a goal, a cycle and a log entry), all via the services."""
    board = boards.create_board(db, "Testtavle")
    gitte = people.add_person(db, board.id, "Gitte Holm")
    mette = people.add_person(db, board.id, "Mette Lund")
    goal = goals.add_goal(
        db, board.id, "Forældre er afklarede før fødslen", time_frame="Inden for 6 måneder"
    )
    today = date.today()
    seed = Seed(board.id, [gitte.id, mette.id], goal.id)
    titles = {
        Lane.IDEAS: ["Gravidliste på tavlen", "Feedback på barselgangen", "Bedre interview"],
        Lane.PRIORITISED: ["Hjemmebesøg før netværksmøde", "Fælles mødestruktur", "Tjekliste"],
        Lane.ACTIVITIES: ["Forberedende møde", "Observationsredskab", "Dukke til træning"],
        Lane.GOALS: ["Måling af refleksiv funktion", "Spørgeskema", "Opfølgning"],
        Lane.LOG: ["Barnets bog", "Slyngevejledning", "Babymassage"],
    }
    for lane, names in titles.items():
        ids = []
        for i, title in enumerate(names):
            active = lane is Lane.ACTIVITIES and i < 2  # the third activity has no owner
            card = cards.add_card(
                db, board.id, title, lane,
                owner_id=(gitte.id if i == 0 else mette.id) if active else None,
                deadline=today + timedelta(days=7 * (i + 1) - (10 if i == 1 else 0))
                if active else None,
            )  # fmt: skip
            ids.append(card.id)
        seed.lanes[lane] = ids
    for i in range(extra_ideas):
        seed.lanes[Lane.IDEAS].append(cards.add_card(db, board.id, f"Ekstra idé {i + 1}").id)
    cycles.start_cycle(db, seed.lanes[Lane.ACTIVITIES][0])
    log.add_log_entry(
        db, board.id, "Barnets bog", "adopt", "Forældrene bruger bogen mellem besøgene.",
        card_id=seed.lanes[Lane.LOG][0], owner_id=gitte.id,
    )  # fmt: skip
    return seed


def state(db: Database, board_id: int, fresh_url: str | None = None) -> BoardState:
    """The board as stored: through the same handle, or a new connection to the same file."""
    if fresh_url is None:
        return boards.load_board(db, board_id)
    other = open_database(fresh_url)
    try:
        return boards.load_board(other, board_id)
    finally:
        other.close()


def lane_ids(st: BoardState, lane: Lane) -> list[int]:
    return [c.id for c in st.lane(lane)]


def card_point(lane, card_id: int) -> QPoint:  # type: ignore[no-untyped-def]
    rect = lane.card_rect(card_id)
    assert rect is not None, f"card {card_id} is not in lane {lane.lane}"
    return QPoint(rect.left() + rect.width() // 3, rect.center().y())


def drop_point(lane, index: int, dragged: int) -> QPoint:  # type: ignore[no-untyped-def]
    """A point in ``lane`` where a drop puts the card at ``index`` among the other cards."""
    others = [i for i in lane.items if i.kind.name == "CARD" and i.id != dragged]
    x = lane.content_rect().left() + lane.item_width() // 2
    if index < len(others):
        item = others[index]
        rect = lane.item_rect(item)
        return QPoint(round(x), round(rect.top() + rect.height() * 0.25))
    if others:
        rect = lane.item_rect(others[-1])
        return QPoint(round(x), round(rect.top() + rect.height() * 0.8))
    view = lane.content_rect()
    return QPoint(round(x), view.top() + lane.theme.px(40))


def to_source(source: QWidget, target: QWidget, point: QPoint) -> QPoint:
    """``point`` in ``target`` expressed in ``source`` coordinates (the pointer stays grabbed)."""
    return source.mapFrom(source.window(), target.mapTo(target.window(), point))


def path(start: QPoint, end: QPoint, steps: int = 12) -> list[QPoint]:
    return [start + (end - start) * (i / steps) for i in range(1, steps + 1)]


def mouse_drag(source: QWidget, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(source, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for point in path(start, end):
        QTest.mouseMove(source, point)
    QTest.mouseRelease(source, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


class Finger:
    """One finger on the touch screen (QTest touch events, the widget passed every time)."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        self.device = QTest.createTouchDevice()

    def press(self, point: QPoint) -> None:
        QTest.touchEvent(self.widget, self.device).press(0, point, self.widget).commit()

    def move(self, point: QPoint) -> None:
        QTest.touchEvent(self.widget, self.device).move(0, point, self.widget).commit()

    def release(self, point: QPoint) -> None:
        QTest.touchEvent(self.widget, self.device).release(0, point, self.widget).commit()


def hold(qtbot, lane) -> None:  # type: ignore[no-untyped-def]
    """Keep the finger still until the card is lifted (press-and-hold)."""
    from board.ui.board.lane_view import PressState

    qtbot.waitUntil(lambda: lane.press_state is PressState.LIFTED, timeout=3000)


def touch_drag(qtbot, source, start: QPoint, end: QPoint) -> None:  # type: ignore[no-untyped-def]
    finger = Finger(source)
    finger.press(start)
    hold(qtbot, source)
    for point in path(start, end):
        finger.move(point)
    finger.release(end)


def screenshot(widget: QWidget, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    assert widget.grab().save(str(target)), f"could not save {target}"
    return target


def button(widget: QWidget, name: str):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    found = widget.findChild(QPushButton, name)
    assert found is not None, f"no button {name!r}"
    assert found.isVisible() and found.isEnabled(), f"button {name!r} cannot be pressed"
    return found


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
