"""In-window sheets: a panel over a dimmed board, placed next to the card it is about.

They replace dialogs and small menus: big targets, no separate window for a finger to
find on a wall screen, and nothing that blocks the event loop (tests drive them directly).

A refused answer is explained in the sheet, at the field it is about: a sheet runs its
action with ``attempt``; an error naming a ``field`` marks the widget tagged with that
field (``widgets.tag_field``) with a red outline and the message under it, until the text
is changed; an error about no field of the sheet is shown above its buttons.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

from board.domain.errors import BoardError
from board.ui.common import error_sink
from board.ui.common.onscreen_keyboard import docked_keyboard, room_above
from board.ui.common.theme import Theme
from board.ui.common.widgets import FieldError, error_label, field_of

T = TypeVar("T")


class Sheet(QWidget):
    closed = Signal()

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        *,
        anchor: QRect | None = None,
        dismissable: bool = True,
        width: int = 460,
        name: str = "sheet",
        side: bool = False,
    ) -> None:
        super().__init__(host)
        self.setObjectName(name)
        self.theme = theme
        self.anchor = anchor
        self.dismissable = dismissable
        self.side = side  # a drawer along the right edge instead of a popover
        self._opened_at = time.monotonic()
        self._placing = False
        self.panel = QFrame(self)
        self.panel.setObjectName("sheet-panel")
        self.panel.setFixedWidth(min(theme.px(width), max(200, host.width() - 2 * theme.gap)))
        pal = theme.palette
        self.panel.setStyleSheet(
            f"QFrame#sheet-panel {{ background: white; border: {max(1, theme.px(1))}px solid"
            f" {pal.card_border.name()}; border-radius: {theme.px(12)}px; }}"
            "QLabel { border: none; background: transparent; }"
        )
        self.layout_ = QVBoxLayout(self.panel)
        self.layout_.setContentsMargins(*(theme.px(18),) * 4)
        self.layout_.setSpacing(theme.px(10))
        self.setGeometry(room_above(host))  # never under the on-screen keyboard
        host.installEventFilter(self)
        self.panel.installEventFilter(self)
        self._keyboard = docked_keyboard(host)
        if self._keyboard is not None:
            self._keyboard.installEventFilter(self)  # it comes and goes: room changes
        self.field_errors: dict[str, FieldError] = {}  # field key -> its mark, while shown
        self.error_line: QLabel | None = None  # an error that names no field of this sheet

    # --- errors at the field ------------------------------------------------------------

    def attempt(self, action: Callable[[], T]) -> T:
        """Run the sheet's action; what it refuses is shown here, not behind the dimming."""
        self.clear_errors()
        with error_sink.errors_to(self.show_error):
            return action()

    def show_error(self, error: BoardError, message: str) -> bool:
        if not self.isVisible():
            return False
        field = error.params.get("field")
        widget = self._field_widget(field) if isinstance(field, str) else None
        if widget is None:
            if self.error_line is None:
                self.error_line = error_label(self.theme, "sheet-error")
                # Above the buttons, which come last.
                self.layout_.insertWidget(max(0, self.layout_.count() - 1), self.error_line)
            self.error_line.setText(message)
            self.error_line.show()
            return True
        assert isinstance(field, str)
        mark = self.field_errors.get(field)
        if mark is None:
            mark = self.field_errors[field] = FieldError(widget, self.theme)
            mark.cleared.connect(lambda f=field: self.field_errors.pop(f, None))
        mark.show(message)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def clear_errors(self) -> None:
        for mark in list(self.field_errors.values()):
            mark.clear()
        self.field_errors.clear()
        if self.error_line is not None:
            self.error_line.hide()

    def _field_widget(self, field: str) -> QWidget | None:
        return next(
            (w for w in self.panel.findChildren(QWidget) if field_of(w) == field and w.isVisible()),
            None,
        )

    # --- placing -------------------------------------------------------------------------

    def open(self) -> None:
        self.setGeometry(room_above(self._parent()))
        self.show()
        self.raise_()
        self.place()
        self.setFocus(Qt.FocusReason.PopupFocusReason)

    def place(self) -> None:
        host = self.rect()
        gap = self.theme.gap
        self.panel.adjustSize()
        size = self.panel.sizeHint()
        w = self.panel.width()
        h = min(size.height(), host.height() - 2 * gap)
        if self.side:
            x, y, h = host.width() - w - gap, gap, host.height() - 2 * gap
        elif self.anchor is not None:
            x, y = self._beside(self.anchor, w, h)
        else:
            x, y = (host.width() - w) // 2, max(gap, (host.height() - h) // 3)
        self.panel.setGeometry(x, y, w, h)

    def _beside(self, a: QRect, w: int, h: int) -> tuple[int, int]:
        """Right of the card, else left of it, else below or above it. A wide card (an
        activity row on the wall) with no room around it keeps its title column in view."""
        host = self.rect()
        gap = self.theme.gap
        fit_y = max(gap, min(a.top(), host.height() - h - gap))
        if a.right() + gap + w <= host.width() - gap:
            return a.right() + gap, fit_y
        if a.left() - gap - w >= gap:
            return a.left() - gap - w, fit_y
        x = max(gap, min(a.center().x() - w // 2, host.width() - w - gap))
        if a.bottom() + gap + h <= host.height() - gap:
            return x, a.bottom() + gap
        if a.top() - gap - h >= gap:
            return x, a.top() - gap - h
        x = max(gap, min(a.left() + round(a.width() * 0.45), host.width() - w - gap))
        return x, fit_y

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(18, 28, 40, 95))
        if self.anchor is not None and not self.side:
            # Keep the card the question is about visible and marked.
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = p.pen()
            pen.setColor(QColor("#FFFFFF"))
            pen.setWidth(self.theme.px(3))
            p.setPen(pen)
            r = self.theme.radius
            p.drawRoundedRect(self.anchor.adjusted(-2, -2, 2, 2), r, r)
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # A tap beside the panel closes it, but not the second click of the tap that opened it.
        fresh = time.monotonic() - self._opened_at < QApplication.doubleClickInterval() / 1000
        outside = not self.panel.geometry().contains(event.position().toPoint())
        if self.dismissable and outside and not fresh:
            self.dismiss()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.dismissable:
            self.dismiss()
        else:
            super().keyPressEvent(event)

    def _parent(self) -> QWidget:
        parent = self.parentWidget()
        assert parent is not None  # a sheet always covers a window
        return parent

    def dismiss(self) -> None:
        """Closed without an answer (Esc, a tap beside it, "Spring over")."""
        self.close_sheet()

    def closing(self, action: Callable[[], object]) -> Callable[[], None]:
        """A button's handler: close this sheet, then run ``action``."""

        def run() -> None:
            self.close_sheet()
            action()

        return run

    def close_sheet(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.closed.emit()
        self.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.parentWidget() and event.type() == QEvent.Type.Resize) or (
            watched is self._keyboard and event.type() in (QEvent.Type.Show, QEvent.Type.Hide)
        ):
            self.setGeometry(room_above(self._parent()))
            self.place()
        elif (
            watched is self.panel
            and event.type() == QEvent.Type.LayoutRequest
            and self.isVisible()
            and not self._placing
        ):
            # Content grew (a person added): grow the panel with it.
            self._placing = True
            self.place()
            self._placing = False
        return False
