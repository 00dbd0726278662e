"""Choosing a board (or creating one) and bringing archived cards back."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from board.domain.entities import Card
from board.domain.lanes import Lane
from board.i18n import tr, tr_n
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button, heading, line_edit, note, scrolling

if TYPE_CHECKING:
    from board.ui.operations.results import BoardSummary


class BoardsSheet(Sheet):
    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        boards: list[BoardSummary],
        current: int | None,
        *,
        on_open: Callable[[int], object],
        on_create: Callable[[str], bool] | None,  # None: a display screen makes no board
        on_learning_points: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(host, theme, width=560, name="boards-sheet")
        self._on_create = on_create
        lay = self.layout_
        lay.addWidget(heading(tr("ui.boards.title"), theme))
        body = QWidget()
        rows = QVBoxLayout(body)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(theme.px(6))
        for summary in boards:
            board = summary.board
            active = sum(summary.counts[lane] for lane in Lane if lane is not Lane.GOALS)
            text = f"{board.name}   ·   {tr_n('ui.boards.cards', active)}"
            button = big_button(text, theme, name=f"board-{board.id}", checkable=True)
            button.setChecked(board.id == current)
            button.setStyleSheet(button.styleSheet() + "QPushButton { text-align: left; }")
            button.clicked.connect(self.closing(partial(on_open, board.id)))
            rows.addWidget(button)
        rows.addStretch(1)
        lay.addWidget(scrolling(body, theme), 1)
        if on_learning_points is not None:  # this board's; the wall's way to them
            points = big_button(tr("ui.points.title"), theme, name="boards-learning-points")
            points.clicked.connect(self.closing(on_learning_points))
            lay.addWidget(points)
        if on_create is None:
            return
        lay.addWidget(heading(tr("ui.boards.new"), theme, 14))
        row = QHBoxLayout()
        self.name = line_edit(
            theme, tr("ui.boards.new_placeholder"), name="new-board-name", field="field.board_name"
        )
        self.name.returnPressed.connect(self._create)
        create = big_button(tr("ui.boards.create"), theme, "primary", name="create-board")
        create.clicked.connect(self._create)
        row.addWidget(self.name, 1)
        row.addWidget(create)
        lay.addLayout(row)

    def place(self) -> None:
        super().place()
        # Never taller than the window; the list scrolls.
        host = self.rect()
        g = self.panel.geometry()
        g.setHeight(min(g.height(), host.height() - 2 * self.theme.gap))
        self.panel.setGeometry(g)

    def _create(self) -> None:
        name, create = self.name.text().strip(), self._on_create
        if name and create is not None and self.attempt(lambda: create(name)):
            self.close_sheet()


def _erase_card_row(
    theme: Theme, card: Card, on_erase: Callable[[int], bool], restore: QWidget
) -> QWidget:
    """»Slet for altid …«, then the question (it cannot be undone) and »Ja, slet for altid«."""
    box = QWidget()
    lay = QHBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    ask = big_button(tr("privacy.erase.card"), theme, name=f"erase-{card.id}")
    question = note(tr("privacy.erase.card_confirm", number=card.number), theme)
    question.setObjectName(f"erase-question-{card.id}")
    yes = big_button(tr("privacy.erase.card_yes"), theme, "primary", name=f"erase-yes-{card.id}")
    no = big_button(tr("privacy.erase.no"), theme, name=f"erase-no-{card.id}")
    lay.addWidget(question, 1)
    lay.addStretch(0)
    lay.addWidget(ask)
    lay.addWidget(no)
    lay.addWidget(yes)

    def asking(on: bool) -> None:
        ask.setVisible(not on)
        for widget in (question, yes, no):
            widget.setVisible(on)

    def erase() -> None:
        if on_erase(card.id):
            asking(False)
            ask.setEnabled(False)
            restore.setEnabled(False)
            question.setText(tr("privacy.erase.card_done", number=card.number))
            question.show()

    ask.clicked.connect(lambda: asking(True))
    no.clicked.connect(lambda: asking(False))
    yes.clicked.connect(erase)
    asking(False)
    return box


class ArchiveSheet(Sheet):
    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        cards: list[Card],
        *,
        on_restore: Callable[[int], bool],
        on_erase: Callable[[int], bool] | None = None,
    ) -> None:
        super().__init__(host, theme, width=600, name="archive-sheet", side=True)
        lay = self.layout_
        lay.addWidget(heading(tr("ui.archive.title"), theme))
        lay.addWidget(note(tr("ui.archive.hint"), theme))
        body = QWidget()
        rows = QVBoxLayout(body)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(theme.px(6))
        if not cards:
            rows.addWidget(note(tr("ui.archive.empty"), theme))
        for card in cards:
            row = QHBoxLayout()
            label = note(f"{card.title}\n{tr(card.lane.label_key)}  ·  #{card.number}", theme)
            label.setStyleSheet(f"color: {theme.palette.text.name()};")
            label.setFont(theme.title_font)
            button = big_button(tr("ui.archive.restore"), theme, name=f"restore-{card.id}")
            button.clicked.connect(
                lambda _=False, c=card.id, b=button: b.setEnabled(not on_restore(c))
            )
            row.addWidget(label, 1)
            row.addWidget(button)
            rows.addLayout(row)
            if on_erase is not None:  # issue 13: an archived card erased for good
                rows.addWidget(_erase_card_row(theme, card, on_erase, button))
        rows.addStretch(1)
        lay.addWidget(scrolling(body, theme), 1)
        done = big_button(tr("ui.done"), theme, "primary", name="archive-done")
        done.clicked.connect(self.dismiss)
        lay.addWidget(done)
