"""What the card and goal pages share: the header, a scrolling body, autosave and closing.

Presentation: a full page over the board area, not a drawer. The paper form needs the
width (three questions side by side, Figur 4) and a finger needs big targets; the top bar
stays visible above it, so Fortryd/Gentag and the calm message line keep their places,
and "← Tilbage til tavlen" (or Esc) returns to the board.

Every field saves itself (autosave.AutoField): when it is left, after a pause in typing and
when the page or the window closes; each save is one service call with the version this
screen knows, and one undo step on the board's stack.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from board.i18n import tr
from board.ui.board.board_widget import BoardWidget
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import as_qwidget, big_button, scrollbar_style
from board.ui.operations.board_store import BoardStore
from board.ui.operations.operations import BoardOperations
from board.ui.template.autosave import FieldSet
from board.ui.template.finger_pan import FingerPan
from board.ui.template.keep_text import GoneBar, UnsavedCloseSheet
from board.ui.template.template_widgets import label, page_style

WALL_FACTOR = 0.8  # the template is read closer than the board: a little smaller type


class TemplateWindow(Protocol):
    """The window a page is shown over (shell.board_window.TemplateWindow, a QWidget)."""

    board: BoardWidget
    ops: BoardOperations
    store: BoardStore
    theme: Theme
    wall: bool

    def show_goal_template(self, goal_id: int) -> None: ...  # goal_page.open_goal_template
    def installEventFilter(self, watched: QObject) -> None: ...
    def removeEventFilter(self, watched: QObject) -> None: ...


def page_theme(theme: Theme) -> Theme:
    if theme.wall:
        return Theme(True, max(1.3, theme.scale * WALL_FACTOR), theme.palette)
    return theme


class TemplatePage(QWidget):
    """What the card and goal pages share: the header, a scrolling body and autosave."""

    closed = Signal()

    def __init__(self, window: TemplateWindow, name: str) -> None:
        super().__init__(window.board)
        self.window_ = window
        self.window_widget = as_qwidget(window)  # the same window, as a Qt parent
        self.ops = window.ops
        self.store = window.store
        self.base_theme = window.theme
        self.theme = t = page_theme(window.theme)
        self._closing = False
        self._sheet: Sheet | None = None
        self.gone: GoneBar | None = None  # the record was archived while the user typed
        self._leave_anyway = False  # »Luk alligevel«: the window may close with text unsaved
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # It covers the board entirely: the lanes below need not be painted.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(page_style(t))
        self.fields = FieldSet(self, t)
        self.fields.entered.connect(self._entered)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = QFrame()
        self.header.setObjectName("header")
        self.header_row = QHBoxLayout(self.header)
        self.header_row.setContentsMargins(t.gap * 2, t.px(8), t.gap * 2, t.px(8))
        self.header_row.setSpacing(t.px(10))
        self.back = big_button(tr("tpl.back"), t, name="template-back")
        self.back.clicked.connect(self.close_page)
        self.header_row.addWidget(self.back)
        outer.addWidget(self.header)
        self.outer = outer
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.verticalScrollBar().setStyleSheet(scrollbar_style(t))
        self.pan = FingerPan(self.area, t.touch_slop)
        holder = QWidget()
        holder.setObjectName("template-body")
        # Side margins (set on resize) keep lines readable on a wide screen; a maximum
        # width would upset the scroll area's height-for-width and cut the page short.
        self.centre = QVBoxLayout(holder)
        self.centre.setContentsMargins(t.gap * 2, t.gap * 2, t.gap * 2, t.px(60))
        self.body = QWidget()
        self.centre.addWidget(self.body)
        self.lay = QVBoxLayout(self.body)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.setSpacing(t.px(10))
        self.area.setWidget(holder)
        outer.addWidget(self.area, 1)
        window.board.installEventFilter(self)
        window.installEventFilter(self)
        self.store.record_changed.connect(self._on_record)
        self.store.reloaded.connect(self._on_reloaded)
        self.ops.board_opened.connect(self._on_board_opened)

    # --- opening and closing ---------------------------------------------------------------

    def open(self) -> None:
        self.setGeometry(self.window_.board.rect())
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.pan.start()

    def flush(self) -> bool:
        """Save every field now; False if one could not be saved (its text stays in it)."""
        return self.fields.flush()

    # --- the record goes away while the user types -------------------------------------------

    def record_gone(self, text_key: str, restore_key: str, restore: Callable[[], object]) -> None:
        """The page's card or goal was archived (elsewhere, or by an undo). With
        nothing typed the page simply closes; typed text is never dropped: the page stays,
        its fields read-only, and the user restores and saves, copies the text, or closes."""
        if self._closing or self.gone is not None:
            return
        # Not saved into the archived record: nobody would find it there.
        if not self.fields.unsaved_text():
            self._teardown()
            return
        self.fields.hold(True)
        self._header_actions(False)  # moving or archiving a card that is gone: not offered
        if self._sheet is not None and isValid(self._sheet):
            self._sheet.close_sheet()  # a question about the card no longer applies
        self.gone = GoneBar(
            self.theme, tr(text_key), restore=restore, restore_key=restore_key,
            copy=self._copy_text, close=self._close_gone,
        )  # fmt: skip
        self.outer.insertWidget(1, self.gone)
        self.gone.show()

    def record_back(self) -> None:
        """The record is there again (restored here or elsewhere): the text is saved now."""
        if self.gone is None:
            return
        self.gone.hide()
        self.gone.deleteLater()
        self.gone = None
        self.fields.hold(False)
        self._header_actions(True)
        self.flush()

    def _header_actions(self, enabled: bool) -> None:
        for button in self.header.findChildren(QPushButton):
            if button is not self.back:
                button.setEnabled(enabled)

    def _copy_text(self) -> None:
        clipboard = QApplication.clipboard()
        clipboard.setText(self.fields.unsaved_text())
        self.ops.message.emit(tr("template.gone.copied"))

    def _close_gone(self) -> None:
        self._teardown()  # the user's choice: the text goes (or was copied)

    def close_page(self) -> bool:
        """Back to the board, everything saved; refused while a field cannot be saved."""
        if self._closing:
            return True
        if self.gone is not None:
            return False  # the bar under the header says what can be done with the text
        if not self.flush():
            waiting = self.fields.waiting()
            if waiting is not None and waiting.choice is not None:
                self.area.ensureWidgetVisible(waiting.choice)  # the choice to make first
            return False
        self._teardown()
        return True

    def _teardown(self) -> None:
        self._closing = True
        if self._sheet is not None and isValid(self._sheet):
            self._sheet.close_sheet()
        for signal, slot in (
            (self.store.record_changed, self._on_record),
            (self.store.reloaded, self._on_reloaded),
            (self.ops.board_opened, self._on_board_opened),
        ):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self.window_.board.removeEventFilter(self)
        self.window_.removeEventFilter(self)
        self.pan.stop()
        self.hide()
        self.closed.emit()
        self.deleteLater()
        self.after_close()

    def after_close(self) -> None:
        """Where the focus goes back to on the board."""

    @property
    def is_open(self) -> bool:
        return not self._closing

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        t = self.theme
        side = max(t.gap * 2, (self.width() - t.px(1500)) // 2)
        self.centre.setContentsMargins(side, t.gap * 2, side, t.px(60))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_page()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window_.board and kind == QEvent.Type.Resize and not self._closing:
            self.setGeometry(self.window_.board.rect())
            if self.window_.theme != self.base_theme:  # wall mode turned on or off
                QTimer.singleShot(0, self._rebuild)
        elif watched is self.window_widget and kind == QEvent.Type.Close and not self._closing:
            self.fields.keep_both()  # no one is left to choose: both texts are kept
            # The window closes: one more try to save; what still fails is asked about.
            if not self.flush() and not self._leave_anyway and self.fields.unsaved_text():
                event.ignore()
                self._ask_before_closing()
                return True
        return False

    def _ask_before_closing(self) -> None:
        def close_anyway() -> None:
            self._leave_anyway = True
            self.window_widget.close()

        self.open_sheet(
            UnsavedCloseSheet(
                self.window_widget, self.theme, close_anyway, gone=self.gone is not None
            )
        )

    def _entered(self, widget: QWidget) -> None:
        QTimer.singleShot(0, lambda: self._show_field(widget))

    def _show_field(self, widget: QWidget) -> None:
        """The field just entered, whole if it fits (above an on-screen keyboard, too)."""
        content = self.area.widget()
        if not isValid(widget) or not widget.hasFocus() or self._closing or content is None:
            return
        margin = self.theme.px(24)
        bar = self.area.verticalScrollBar()
        height = self.area.viewport().height()
        top = widget.mapTo(content, widget.rect().topLeft()).y()
        if widget.height() + 2 * margin > height:
            self.area.ensureWidgetVisible(widget, margin, margin)  # the text cursor, then
        elif top + widget.height() + margin > bar.value() + height:
            bar.setValue(top + widget.height() + margin - height)
        elif top - margin < bar.value():
            bar.setValue(top - margin)

    def _rebuild(self) -> None:
        if self._closing or self.window_.theme == self.base_theme:
            return
        if self.flush():
            self._teardown()
            self.reopen()

    def reopen(self) -> None:
        """The same page again, built for the window's new theme."""

    # --- parts of the page --------------------------------------------------------------------

    def heading(self, text: str, size: float = 18) -> QLabel:
        return label(text, self.theme.font(size, bold=True))

    def anchor_of(self, widget: QWidget) -> QRect:
        top_left = widget.mapTo(self.window_widget, widget.rect().topLeft())
        return QRect(top_left, widget.size())

    def open_sheet(self, sheet: Sheet) -> None:
        if self._sheet is not None and isValid(self._sheet):
            self._sheet.close_sheet()
        self._sheet = sheet
        sheet.open()

    # --- another screen changed the board ----------------------------------------------------

    def on_remote_change(self) -> None:
        """Another screen changed the board: read this page's records again and show what
        changed. Fields being edited keep their text (autosave.AutoField offers the other
        text under them); the scroll position and the focus stay where they were."""
        if self._closing:
            return
        bar = self.area.verticalScrollBar()
        top = bar.value()
        focus = QApplication.focusWidget()
        self.catch_up()
        if self._closing:
            return
        bar.setValue(top)  # (never later: the user may be scrolling by then)
        if focus is not None and isValid(focus) and focus.isVisible() and not focus.hasFocus():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def catch_up(self) -> None:
        """Read the page's records again (each page knows which)."""

    # --- store signals -----------------------------------------------------------------------

    def _on_record(self, kind: str, record_id: int) -> None:
        pass

    def _on_reloaded(self) -> None:
        pass

    def _on_board_opened(self, _board_id: int) -> None:
        self.fields.keep_both()
        self.flush()
        self._teardown()


def current_page(window: TemplateWindow) -> TemplatePage | None:
    """The template page open over the board, if any."""
    for child in window.board.findChildren(TemplatePage):
        if child.is_open:
            return child
    return None
