"""»Find persondata« (issue 13): where a name, a CPR number or any text stands on the board —
cards, learning cycles, goals, the log, meetings, learning points, people and the frozen
minutes of earlier meetings — each place with its field and the text around the hit.

Opened from ⚙ and from the CPR warning (then it lists the board's CPR-like numbers at once).
The hits can be chosen, some or all: ``chosen_hits()`` hands them to an action, whose buttons
go in ``action_row`` (``add_action``), left of »Luk«. The sheet itself changes nothing.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from board.i18n import tr, tr_n
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button, heading, line_edit, note, scrolling

if TYPE_CHECKING:
    from board.ui.operations.results import Hit

MARK_BG = "#FFE08A"  # the hit inside its excerpt, as a highlighter pen marks it


class _HitRow(QFrame):
    """One place: a box to choose it, where and which field, the text around the hit."""

    def __init__(self, hit: Hit, n: int, theme: Theme, toggled: Callable[[], None]) -> None:
        super().__init__()
        self.hit = hit
        self.setObjectName(f"privacy-hit-{n}")
        self.setStyleSheet(
            f"QFrame#privacy-hit-{n} {{ background: {theme.palette.lane.name()};"
            f" border-radius: {theme.px(8)}px; }}"
            "QLabel { background: transparent; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(*(theme.px(10),) * 4)
        row.setSpacing(theme.px(12))
        self.box = QCheckBox()
        self.box.setObjectName(f"privacy-choose-{n}")
        size = theme.px(30)
        self.box.setStyleSheet(f"QCheckBox::indicator {{ width: {size}px; height: {size}px; }}")
        self.box.setMinimumSize(theme.touch, theme.touch)
        self.box.toggled.connect(lambda _on: toggled())
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(theme.px(2))
        # Where in bold, then the field: "Kort nr. 5 · Beskrivelse"
        place = QLabel(f"<b>{html.escape(hit.where)}</b> · {html.escape(hit.field)}")
        place.setObjectName(f"privacy-where-{n}")
        place.setTextFormat(Qt.TextFormat.RichText)
        place.setWordWrap(True)
        place.setFont(theme.font(13))
        place.setStyleSheet(f"color: {theme.palette.text.name()};")
        words.addWidget(place)
        excerpt = QLabel(_marked(hit.excerpt, hit.span))
        excerpt.setObjectName(f"privacy-excerpt-{n}")
        excerpt.setTextFormat(Qt.TextFormat.RichText)
        excerpt.setWordWrap(True)
        excerpt.setFont(theme.title_font)
        excerpt.setStyleSheet(f"color: {theme.palette.text.name()};")
        words.addWidget(excerpt)
        row.addLayout(words, 1)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # The whole row is the target: a finger need not find the small box.
        if self.rect().contains(event.position().toPoint()):
            self.box.toggle()
        event.accept()


def _marked(excerpt: str, span: tuple[int, int]) -> str:
    """The excerpt as rich text, the hit marked (everything else escaped)."""
    a, b = span
    return (
        html.escape(excerpt[:a])
        + f'<span style="background:{MARK_BG}; font-weight:600;">'
        + html.escape(excerpt[a:b])
        + "</span>"
        + html.escape(excerpt[b:])
    )


class FindPersonalDataSheet(Sheet):
    """Search the board for a text, or for CPR-like numbers; list and choose the hits."""

    chosen_changed = Signal()

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        find: Callable[[str], list[Hit]],
        find_cpr: Callable[[], list[Hit]],
        *,
        text: str = "",
        cpr: bool = False,
    ) -> None:
        super().__init__(host, theme, width=860, name="privacy-find-sheet", side=True)
        self._find = find
        self._find_cpr = find_cpr
        self.rows: list[_HitRow] = []
        self.last_search: str | None = None  # the text searched for; None: CPR numbers
        lay = self.layout_
        lay.addWidget(heading(tr("privacy.find.title"), theme))
        lay.addWidget(note(tr("privacy.find.intro"), theme))
        search = QHBoxLayout()
        self.search = line_edit(theme, tr("privacy.find.hint"), "privacy-find-text")
        self.search.returnPressed.connect(self.search_text)
        go = big_button(tr("privacy.find.search"), theme, "primary", name="privacy-find-go")
        go.clicked.connect(self.search_text)
        cpr_button = big_button(tr("privacy.find.cpr"), theme, name="privacy-find-cpr")
        cpr_button.clicked.connect(self.search_cpr)
        search.addWidget(self.search, 1)
        search.addWidget(go)
        search.addWidget(cpr_button)
        lay.addLayout(search)

        top = QHBoxLayout()
        self.status = note("", theme)
        self.status.setObjectName("privacy-find-status")
        top.addWidget(self.status, 1)
        self.all_button = big_button(tr("privacy.find.all"), theme, name="privacy-find-all")
        self.all_button.clicked.connect(self._choose_all)
        self.all_button.hide()
        top.addWidget(self.all_button)
        lay.addLayout(top)

        self.body = QWidget()
        self.list = QVBoxLayout(self.body)
        self.list.setContentsMargins(0, 0, 0, 0)
        self.list.setSpacing(theme.px(6))
        self.list.addStretch(1)
        lay.addWidget(scrolling(self.body, theme), 1)

        # The row for what is done with the chosen hits (the redaction adds its buttons here).
        self.action_row = QHBoxLayout()
        self.action_row.setObjectName("privacy-find-actions")
        self.action_row.addStretch(1)
        done = big_button(tr("ui.done"), theme, "primary", name="privacy-find-done")
        done.clicked.connect(self.dismiss)
        self.action_row.addWidget(done)
        lay.addLayout(self.action_row)

        self.search.setText(text)
        if cpr:
            self.search_cpr()
        elif text.strip():
            self.search_text()
        else:
            self._show([])
            self.status.setText(tr("privacy.find.start"))

    # --- for the action that works on the hits --------------------------------------------

    def chosen_hits(self) -> list[Hit]:
        """The hits chosen (ticked), in the order listed."""
        return [row.hit for row in self.rows if row.box.isChecked()]

    def hits(self) -> list[Hit]:
        return [row.hit for row in self.rows]

    def add_action(self, button: QWidget) -> None:
        """An action on the chosen hits: its button goes left of »Luk«."""
        self.action_row.insertWidget(self.action_row.count() - 1, button)

    def search_again(self) -> None:
        """The last search once more (after the board changed)."""
        if self.last_search is None:
            self.search_cpr()
        else:
            self.search.setText(self.last_search)
            self.search_text()

    # --- searching ----------------------------------------------------------------------

    def search_text(self) -> None:
        text = self.search.text()
        if not text.strip():
            self.search.setFocus()
            return
        self.last_search = text
        hits = self._find(text)
        self._show(hits)
        if not hits:
            self.status.setText(tr("privacy.find.none", text=text.strip()))

    def search_cpr(self) -> None:
        self.last_search = None
        hits = self._find_cpr()
        self._show(hits)
        if not hits:
            self.status.setText(tr("privacy.find.no_cpr"))

    def _show(self, hits: list[Hit]) -> None:
        for row in self.rows:
            self.list.removeWidget(row)
            row.deleteLater()
        self.rows = [_HitRow(hit, n, self.theme, self._update_status) for n, hit in enumerate(hits)]
        for n, row in enumerate(self.rows):
            self.list.insertWidget(n, row)
        self.all_button.setVisible(bool(hits))
        self._update_status()

    def _choose_all(self) -> None:
        everything = not all(row.box.isChecked() for row in self.rows)
        for row in self.rows:
            row.box.blockSignals(True)
            row.box.setChecked(everything)
            row.box.blockSignals(False)
        self._update_status()

    def _update_status(self) -> None:
        if not self.rows:
            return
        chosen = len(self.chosen_hits())
        found = tr_n("privacy.find.found", len(self.rows))
        self.status.setText(
            tr("privacy.find.found_chosen", found=found, chosen=chosen) if chosen else found
        )
        every = chosen == len(self.rows)
        self.all_button.setText(tr("privacy.find.none_chosen" if every else "privacy.find.all"))
        self.chosen_changed.emit()
