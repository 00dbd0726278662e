"""The title typed in place on a lane: a new idea or goal at the top, or a card's title or
a goal's aim over the item itself.

The editor only edits: Enter (or leaving the field with text in it) asks for the title to
be saved with ``submitted``; the board saves it and answers with ``saved``, so a title
the service refuses stays in the field with what was typed. Escape closes it unsaved.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from board.i18n import tr
from board.ui.board.lane_model import Kind, LaneModel
from board.ui.common.theme import Theme


class Editing(Enum):
    """What the editor is editing."""

    NEW_IDEA = auto()  # ⊕ in Idéer: stays open for the next idea
    NEW_GOAL = auto()  # + in Mål
    CARD_TITLE = auto()  # F2, or "Omdøb" among a card's actions
    GOAL_AIM = auto()  # "Redigér målet"

    @property
    def adds(self) -> bool:
        """A new item: the editor sits at the top of the lane, not over an item."""
        return self in (Editing.NEW_IDEA, Editing.NEW_GOAL)

    @property
    def kind(self) -> Kind:
        """The kind of item an edit of an existing one sits over."""
        return Kind.GOAL if self is Editing.GOAL_AIM else Kind.CARD


_PLACEHOLDER = {
    Editing.NEW_IDEA: "ui.placeholder.idea",
    Editing.NEW_GOAL: "ui.placeholder.goal",
    Editing.CARD_TITLE: "ui.placeholder.title",
    Editing.GOAL_AIM: "ui.placeholder.goal",
}


@dataclass(frozen=True, slots=True)
class TitleEdit:
    """A title to save: what it is, the item it belongs to (None: a new one), the text."""

    what: Editing
    item_id: int | None
    text: str


class LaneEditor(QLineEdit):
    submitted = Signal(object)  # a TitleEdit to save
    closed = Signal(bool)  # the editor closed; True when it had the keyboard focus

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.hide()
        self._editing: tuple[Editing, int | None] | None = None
        self._styled: Theme | None = None
        self.returnPressed.connect(self.commit)

    @property
    def editing(self) -> tuple[Editing, int | None] | None:
        """What is being edited, and which item (None: nothing, the editor is closed)."""
        return self._editing

    def apply_theme(self, theme: Theme) -> None:
        # A style sheet is costly to apply: only when the editor is first shown under a theme
        # (a start with 500 cards shows none).
        if self._styled is theme:
            return
        self._styled = theme
        self.setFont(theme.title_font)
        self.setStyleSheet(
            f"QLineEdit {{ border: {theme.px(2)}px solid {theme.palette.selection.name()};"
            f" border-radius: {round(theme.radius)}px; padding: {theme.px(6)}px;"
            f" background: white; color: {theme.palette.text.name()}; }}"
        )

    def open(self, what: Editing, item_id: int | None, text: str, theme: Theme) -> None:
        """Start editing; the lane lays itself out (placing the editor) before ``show_now``."""
        self._editing = (what, item_id)
        self.setPlaceholderText(tr(_PLACEHOLDER[what]))
        self.apply_theme(theme)
        self.setText(text)

    def room_above(self, theme: Theme) -> int:
        """The room a lane keeps free at its top for the editor: a new title is typed there."""
        if self._editing is None or not self._editing[0].adds:
            return 0
        return self.height_for(theme) + theme.px(8)

    @staticmethod
    def height_for(theme: Theme) -> int:
        return round(theme.title_line + theme.px(20))

    def place(self, model: LaneModel, theme: Theme) -> None:
        """Over the item being edited (closed when it is gone), or in the room at the top."""
        if self._editing is None:
            return
        what, item_id = self._editing
        if what.adds:
            view = model.view
            rect = QRectF(view.left(), view.top() - model.scroll, model.width, 0)
        else:
            item = model.find(item_id or 0, what.kind)
            if item is None:
                self.close_editor()
                return
            rect = model.rect(item)
        area = rect.toAlignedRect()
        self.setGeometry(area.left(), area.top(), area.width(), self.height_for(theme))

    def show_now(self) -> None:
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.selectAll()

    def commit(self) -> None:
        """Enter: save what was typed (an empty new title just closes the editor)."""
        if self._editing is None:
            return
        what, item_id = self._editing
        text = self.text().strip()
        if what.adds and not text:
            self.close_editor()
            return
        self.submitted.emit(TitleEdit(what, item_id, text))

    def saved(self, edit: TitleEdit) -> None:
        """The board saved ``edit``: ready for the next idea, otherwise done."""
        if self._editing != (edit.what, edit.item_id):
            return
        if edit.what is Editing.NEW_IDEA:
            self.clear()
        else:
            self.close_editor()

    def close_editor(self) -> None:
        if self._editing is None:
            return
        self._editing = None
        had_focus = self.hasFocus()
        self.hide()
        self.closed.emit(had_focus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_editor()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self._editing is not None:
            # Leaving the field keeps what was typed (a tap elsewhere on the wall).
            QTimer.singleShot(0, self._commit_on_leave)

    def _commit_on_leave(self) -> None:
        if self._editing is None or self.hasFocus():
            return
        if self.text().strip():
            self.commit()
        self.close_editor()
