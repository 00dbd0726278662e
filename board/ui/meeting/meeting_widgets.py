"""The meeting band's own small widgets: painted parts, chips that shorten their text, and
the little helpers its pages share (no state, no actions)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from board.domain.entities import Cycle, CycleStep, Person
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.board.card_painter import wrap
from board.ui.common.band_widgets import elided
from board.ui.common.theme import LANE_ACCENT, Theme, metrics, person_colour
from board.ui.common.widgets import big_button

PDSA = (CycleStep.PLAN, CycleStep.DO, CycleStep.STUDY, CycleStep.ACT)
T = TypeVar("T")


def bound(action: Callable[[T], object], value: T) -> Callable[[bool], None]:
    """A chip's click handler: ``action(value)``, the value bound now (not at the click)."""

    def on(_checked: bool = False) -> None:
        action(value)

    return on


def presence(action: Callable[[int, bool], object], person_id: int) -> Callable[[bool], None]:
    """A presence chip's handler: ``action(person_id, checked)``."""

    def on(checked: bool) -> None:
        action(person_id, checked)

    return on


class StepStrip(QWidget):
    """The agenda as thin segments: done, current, to come."""

    def __init__(self, theme: Theme, count: int) -> None:
        super().__init__()
        self.setObjectName("meeting-steps")
        self.theme = theme
        self.count = count
        self.current: int | None = None
        self.setFixedHeight(theme.px(7))

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self.theme
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = t.px(5)
        w = (self.width() - gap * (self.count - 1)) / self.count
        h = self.height()
        accent = LANE_ACCENT[Lane.ACTIVITIES]
        for i in range(self.count):
            rect = QRectF(i * (w + gap), 0, w, h).adjusted(0.5, 0.5, -0.5, -0.5)
            current = self.current == i
            done = self.current is not None and i < self.current
            fill = accent if current else QColor("#C9D8EE") if done else QColor("white")
            p.setPen(QPen(accent if current or done else t.palette.card_border, t.px(1)))
            p.setBrush(fill)
            p.drawRoundedRect(rect, h / 2, h / 2)
        p.end()


class CycleView(QWidget):
    """The learning cycle, large: Planlæg, Afprøv / Reflektér, Justér, in reading order
    (a clockwise circle read row by row would put Justér before Reflektér)."""

    def __init__(self, theme: Theme, cycle: Cycle) -> None:
        super().__init__()
        self.setObjectName("meeting-cycle")
        self.theme = theme
        self.cycle = cycle
        self.font_ = theme.font(12, bold=True)
        self.setMinimumHeight(round(2 * (metrics(self.font_).height() + theme.px(7))))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(self.theme.px(260), self.minimumHeight())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.theme.px(160), self.minimumHeight())

    def cells(self) -> dict[CycleStep, QRectF]:
        """Where each step's chip is: two rows of two, read left to right, top to bottom."""
        gap = self.theme.px(6)
        w = (self.width() - gap) / 2
        h = (self.height() - gap) / 2
        return {
            step: QRectF((n % 2) * (w + gap), (n // 2) * (h + gap), w, h)
            for n, step in enumerate(PDSA)
        }

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self.theme
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        cells = self.cells()
        step = self.cycle.step
        at = PDSA.index(step) if step in PDSA else len(PDSA)
        accent = LANE_ACCENT[Lane.ACTIVITIES]
        p.setFont(self.font_)
        for n, kind in enumerate(PDSA):
            rect = cells[kind].adjusted(0.5, 0.5, -0.5, -0.5)
            current, done = n == at, n < at
            p.setPen(QPen(accent if current or done else t.palette.card_border, t.px(2)))
            p.setBrush(accent if current else QColor("#DCE7F8") if done else QColor("white"))
            p.drawRoundedRect(rect, t.radius, t.radius)
            p.setPen(QColor("white") if current else t.palette.text if done else t.palette.faint)
            text = f"{'✓ ' if done else ''}{tr(f'step.{kind.value}')}"
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        p.end()


class PersonBadge(QWidget):
    """Initials in the person's colour, as on the cards."""

    def __init__(self, theme: Theme, person: Person, size: int) -> None:
        super().__init__()
        self.person = person
        self.theme = theme
        self.setFixedSize(size, size)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(person_colour(self.person.id))
        p.drawEllipse(QRectF(self.rect()))
        p.setPen(QColor("white"))
        p.setFont(self.theme.font(12, bold=True))
        p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.person.initials)
        p.end()


class ElidingButton(QPushButton):
    """A chip whose text shortens with "…" to the width the layout gives it."""

    def __init__(self, text: str, theme: Theme, name: str) -> None:
        super().__init__(text)
        styled = big_button(text, theme, name=name, checkable=True)
        self.setObjectName(name)
        self.setCheckable(True)
        self.setMinimumHeight(theme.touch)
        self.setFont(styled.font())
        # Narrow side padding: on the wall a name must fit a quarter of the panel.
        pad = f"{theme.px(5)}px {theme.px(8)}px"
        self.setStyleSheet(styled.styleSheet() + f"QPushButton {{ padding: {pad}; }}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(text)
        self.setAccessibleName(text)
        styled.deleteLater()
        self.full_text = text
        self._padding = theme.px(8) * 2 + theme.px(5)
        # It may shrink (and shorten its text) below its full width: a long card title must
        # never widen the band, and with it the window, past the screen.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._padding + 20, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setText(elided(self.full_text, self.font(), self.width() - self._padding))


class LinesLabel(QLabel):
    """Text in at most ``lines`` lines, the last one shortened with "…" (a long card title
    must not push the page out of the band); the full text is its tooltip."""

    def __init__(self, text: str, font: QFont, colour: QColor | str, *, lines: int = 2) -> None:
        super().__init__(text)
        self.full_text = text
        self.lines = lines
        self.setFont(font)
        self.setToolTip(text)
        self.setAccessibleName(text)
        value = colour.name() if isinstance(colour, QColor) else colour
        self.setStyleSheet(f"color: {value}; background: transparent;")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # As high as the label itself says ``lines`` lines need (its style's margins too).
        self.setText("\n".join(["Åg"] * lines))
        self.setFixedHeight(self.sizeHint().height())
        self.setText(text)

    def setStyleSheet(self, sheet: str) -> None:
        super().setStyleSheet(sheet)
        shown = self.text()
        self.setText("\n".join(["Åg"] * self.lines))
        self.setFixedHeight(self.sizeHint().height())
        self.setText(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = self.contentsRect().width() - self.margin() * 2 - self.indent_px()
        shown = "\n".join(wrap(self.full_text, self.font(), max(20, room), self.lines))
        if shown != self.text():
            self.setText(shown)

    def indent_px(self) -> int:
        return 0


def compact(button: QPushButton, theme: Theme) -> None:
    """Narrower side padding: the band shares its width among several columns."""
    button.setStyleSheet(
        button.styleSheet() + f"QPushButton {{ padding: {theme.px(4)}px {theme.px(8)}px; }}"
    )


def short_names(people: list[Person]) -> dict[int, str]:
    """First names where they are unique on the team (as a team says them), else more."""
    firsts: dict[str, int] = {}
    for person in people:
        parts = person.name.split()
        first = parts[0] if parts else person.name
        firsts[first] = firsts.get(first, 0) + 1
    names: dict[int, str] = {}
    for person in people:
        parts = person.name.split()
        if parts and firsts[parts[0]] == 1:
            names[person.id] = parts[0]
        elif len(parts) > 1:
            names[person.id] = f"{parts[0]} {parts[-1][0]}."
        else:
            names[person.id] = person.name
    return names


def shorten(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
