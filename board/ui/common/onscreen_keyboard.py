"""An on-screen keyboard with æ, ø and å, docked at the bottom of the window.

Windows opens its own touch keyboard for native text fields only, never for Qt's: on a
touch-only wall nobody could type. This panel shows when a text field gets the focus from a
finger (this machine's setting: automatically on touch, always, or never), and types by
sending the focused field the key events a keyboard would, so every editor, autosave and
validator works unchanged. Its keys never take the focus: the field keeps its cursor.

It is a child of the window outside its layout: shown, it sets the layout's bottom margin to
its height, so the board (and a meeting band, a template page) shrink above it; sheets keep
to the room above it (``room_above``), and the field typed into is scrolled into view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QInputDevice, QKeyEvent, QMouseEvent, QPointerEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextEdit,
    QWidget,
)

from board.i18n import tr
from board.ui.common.theme import Theme

NAME = "onscreen-keyboard"


@dataclass(frozen=True, slots=True)
class Key:
    name: str  # a character it types, or one of the special keys below
    width: float = 1.0  # in key widths

    @property
    def types(self) -> bool:
        return len(self.name) == 1


SHIFT, BACKSPACE, SPACE, ENTER, HIDE = "shift", "backspace", "space", "enter", "hide"

# A Danish layout: backspace where a Danish keyboard has it, after the digits.
ROWS: tuple[tuple[Key, ...], ...] = (
    (*(Key(c) for c in "1234567890"), Key(BACKSPACE, 2)),
    tuple(Key(c) for c in "qwertyuiopå"),
    tuple(Key(c) for c in "asdfghjklæø"),
    (Key(SHIFT, 2), *(Key(c) for c in "zxcvbnm")),
    (*(Key(c) for c in ",.-?!"), Key(SPACE, 3.5), Key(ENTER, 2), Key(HIDE, 1.5)),
)
_WIDEST = max(sum(k.width for k in row) for row in ROWS)
_MOST_KEYS = max(len(row) for row in ROWS)

_PRESSES = frozenset(
    {QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick}
)
_RELEASES = frozenset(
    {QEvent.Type.TouchEnd, QEvent.Type.TouchCancel, QEvent.Type.MouseButtonRelease}
)
_MULTI_LINE = (QTextEdit, QPlainTextEdit)


def text_field(widget: QObject | None) -> QWidget | None:
    """The editable text field ``widget`` is (or whose viewport it is), else None."""
    if not isinstance(widget, QWidget):
        return None
    field: QWidget = widget
    if not isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        parent = widget.parentWidget()  # a finger lands on a multi-line field's viewport
        if not isinstance(parent, _MULTI_LINE) or parent.viewport() is not widget:
            return None
        field = parent
    assert isinstance(field, QLineEdit | QTextEdit | QPlainTextEdit)
    if field.isReadOnly() or not field.isEnabled():
        return None
    return field


def from_touch(event: QEvent) -> bool:
    """A finger: a touch event, or a mouse event Qt or the system made from one."""
    if not isinstance(event, QPointerEvent):
        return False
    device = event.device()
    if device is not None and device.type() == QInputDevice.DeviceType.TouchScreen:
        return True
    return (
        isinstance(event, QMouseEvent)
        and event.source() != Qt.MouseEventSource.MouseEventNotSynthesized
    )


def docked_keyboard(widget: QWidget) -> OnscreenKeyboard | None:
    """The keyboard of ``widget``'s window, if it has one."""
    return widget.window().findChild(
        OnscreenKeyboard, NAME, Qt.FindChildOption.FindDirectChildrenOnly
    )


def room_above(host: QWidget) -> QRect:
    """``host``'s rectangle less what the shown keyboard covers of it."""
    rect = host.rect()
    keyboard = docked_keyboard(host)
    if keyboard is None or not keyboard.isVisible():
        return rect
    window = keyboard.window()
    top = window.height() - keyboard.height()  # docked at the bottom, however it is placed
    bottom = host.mapFrom(window, QPoint(0, top)).y()
    rect.setBottom(min(rect.bottom(), bottom - 1))
    return rect


class OnscreenKeyboard(QFrame):
    def __init__(self, window: QWidget, theme: Theme, mode: Callable[[], str]) -> None:
        super().__init__(window)
        self.setObjectName(NAME)
        self.setAccessibleName(tr("ui.keyboard.name"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.hide()
        self._window = window
        self._theme = theme
        self._mode = mode  # "auto", "always" or "never" (board.settings.KEYBOARD_MODES)
        self._touch = False  # the last press came from a finger
        self._pressed = False  # a finger or a button is down
        self._pending = False  # a decision waits for it to come up
        self._shift = False
        self._keys: dict[str, QPushButton] = {}
        self._styled: Theme | None = None
        # Decided once the event that moved the focus has been seen whole: Qt gives the
        # focus before the filters see the press that gave it.
        self._decide_soon = self._timer(self._decide)
        self._reveal_soon = self._timer(self._reveal)
        window.installEventFilter(self)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self._app = app
        # Every event of the program passes an application filter written in Python; the
        # hundreds a window makes before its first frame need not (no finger is down yet):
        # the filter is installed at the window's first paint.
        self._watching = False
        app.focusChanged.connect(self._focus_changed)

    def _timer(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(slot)
        return timer

    # --- keys ----------------------------------------------------------------------------

    def key(self, name: str) -> QPushButton:
        """The button of a character ("æ") or of a special key ("shift", "enter" …)."""
        self._build()
        return self._keys[name]

    def _build(self) -> None:
        if self._keys:
            return
        for row in ROWS:
            for spec in row:
                button = QPushButton(self)
                button.setObjectName(f"key-{spec.name}")
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps its cursor
                button.setProperty("special", not spec.types)
                button.clicked.connect(lambda _=False, name=spec.name: self._press(name))
                self._keys[spec.name] = button
        self._keys[SHIFT].setCheckable(True)
        self._keys[BACKSPACE].setAutoRepeat(True)
        for name, label, said in (
            (SHIFT, "⇧", "ui.keyboard.shift"),
            (BACKSPACE, "⌫", "ui.keyboard.backspace"),
            (HIDE, "⌨ ▾", "ui.keyboard.hide"),
        ):
            self._keys[name].setText(label)
            self._keys[name].setAccessibleName(tr(said))
        self._keys[SPACE].setText(tr("ui.keyboard.space"))
        self._label_letters()

    def _label_letters(self) -> None:
        for name, button in self._keys.items():
            if len(name) == 1:
                button.setText(name.upper() if self._shift else name)

    def _label_enter(self, field: QWidget) -> None:
        done = isinstance(field, QLineEdit)  # a line field: Enter finishes it
        self._keys[ENTER].setText(tr("ui.done") if done else f"↵ {tr('ui.keyboard.newline')}")

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self.isVisible():
            self._place()

    def _style(self) -> None:
        t = self._theme
        if self._styled is t:
            return
        self._styled = t
        pal = t.palette
        border = max(1, t.px(1.5))
        radius = t.px(8)
        self.setStyleSheet(
            f"QFrame#{NAME} {{ background: {pal.lane_border.name()};"
            f" border-top: {t.px(2)}px solid {pal.card_border.name()}; }}"
            f"QPushButton {{ background: white; color: {pal.text.name()};"
            f" border: {border}px solid {pal.card_border.name()}; border-radius: {radius}px;"
            " padding: 0; }"
            f'QPushButton[special="true"] {{ background: {pal.window.name()}; }}'
            f"QPushButton:pressed, QPushButton:checked {{ background: {pal.selection.name()};"
            f" color: white; border-color: {pal.selection.name()}; }}"
        )
        letters, words = t.font(17), t.font(12.5, bold=True)
        for name, button in self._keys.items():
            button.setFont(letters if len(name) == 1 or name in (SHIFT, BACKSPACE) else words)

    def _place(self) -> None:
        """Full width at the bottom of the window, the keys centred at the theme's touch size."""
        self._build()
        self._style()
        t = self._theme
        gap, margin, height = t.px(5), t.px(8), t.touch
        room = self._window.width() - 2 * margin - (_MOST_KEYS - 1) * gap
        unit = max(8.0, min(t.touch * 1.5, room / _WIDEST))
        total = 2 * margin + len(ROWS) * height + (len(ROWS) - 1) * gap
        self.setGeometry(0, self._window.height() - total, self._window.width(), total)
        for r, row in enumerate(ROWS):
            widths = [round(k.width * unit + (k.width - 1) * gap) for k in row]
            x = (self.width() - sum(widths) - gap * (len(row) - 1)) // 2
            y = margin + r * (height + gap)
            for spec, width in zip(row, widths, strict=True):
                self._keys[spec.name].setGeometry(x, y, width, height)
                x += width + gap
        layout = self._window.layout()
        if layout is not None:
            layout.setContentsMargins(0, 0, 0, total)
            layout.activate()

    # --- showing and hiding --------------------------------------------------------------

    def show_keyboard(self) -> None:
        field = self._field()
        if field is None:
            return
        self._place()
        self._label_enter(field)
        if not self.isVisible():
            self.show()
            self.raise_()
        self._reveal_soon.start()

    def hide_keyboard(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        self._set_shift(False)
        layout = self._window.layout()
        if layout is not None:
            layout.setContentsMargins(0, 0, 0, 0)
            layout.activate()

    def _field(self) -> QWidget | None:
        """The text field of this window that has the keyboard focus."""
        field = text_field(QApplication.focusWidget())
        if field is None or field.window() is not self._window or not field.isVisible():
            return None
        return field

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self._decide_soon.start()

    def _decide(self) -> None:
        if self._pressed:
            # Not under a finger that is down: the layout would move the button it is on,
            # and its release would miss it (the tap is lost).
            self._pending = True
            return
        mode = self._mode()
        if self._field() is None or mode == "never":
            self.hide_keyboard()
        elif mode == "always" or self._touch:
            self.show_keyboard()
        else:  # a mouse or a keyboard moved the focus: whoever uses them types on their own
            self.hide_keyboard()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self._watching:
            if watched is self._window and kind == QEvent.Type.Paint:
                self._watching = True
                self._app.installEventFilter(self)
            return False
        if kind in _PRESSES:
            self._pressed = True
            self._touch = from_touch(event)
            # A finger on the field that has the focus (after "hide", say): show it again.
            if self._touch and not self.isVisible():
                field = text_field(watched)
                if field is not None and field is self._field():
                    self._decide_soon.start()
        elif kind in _RELEASES:
            self._pressed = False
            if self._pending:
                self._pending = False
                self._decide_soon.start()
        elif kind == QEvent.Type.KeyPress and event.spontaneous():
            self._touch = False  # a real keyboard; the keys here send theirs directly
        elif watched is self._window and kind == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    # --- typing --------------------------------------------------------------------------

    def _press(self, name: str) -> None:
        if name == HIDE:
            self.hide_keyboard()
        elif name == SHIFT:
            self._set_shift(not self._shift)
        elif name == BACKSPACE:
            self._send(Qt.Key.Key_Backspace, "")
        elif name == SPACE:
            self._send(Qt.Key.Key_Space, " ")
        elif name == ENTER:
            self._send(Qt.Key.Key_Return, "\r")
            self._reveal_soon.start()  # a new line may have grown the field
        else:
            text = name.upper() if self._shift else name
            shifted = self._shift and name.isalpha()
            # Qt's key codes are the upper-case letter's code point (Key_AE is Æ).
            self._send(Qt.Key(ord(text.upper())), text, shifted)
            self._set_shift(False)

    def _set_shift(self, on: bool) -> None:
        if self._shift == on:
            return
        self._shift = on
        if self._keys:
            self._keys[SHIFT].setChecked(on)
            self._label_letters()

    def _send(self, key: Qt.Key, text: str, shifted: bool = False) -> None:
        field = self._field()
        if field is None:
            return
        modifiers = Qt.KeyboardModifier.ShiftModifier if shifted else Qt.KeyboardModifier.NoModifier
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, key, modifiers, text))

    # --- the field stays in view ---------------------------------------------------------

    def _reveal(self) -> None:
        """Scroll every scroll area holding the field so it shows above the keyboard."""
        field = self._field()
        if field is None or not self.isVisible():
            return
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        margin = self._theme.px(16)
        parent = field.parentWidget()
        while parent is not None and parent is not self._window:
            content = parent.widget() if isinstance(parent, QScrollArea) else None
            if isinstance(parent, QScrollArea) and content is not None:
                rect = self._shown_part(field, parent.viewport().height() - 2 * margin)
                rect.translate(field.mapTo(content, QPoint(0, 0)))
                parent.ensureVisible(rect.center().x(), rect.bottom(), 0, margin)
                parent.ensureVisible(rect.center().x(), rect.top(), 0, margin)
            parent = parent.parentWidget()

    @staticmethod
    def _shown_part(field: QWidget, room: int) -> QRect:
        """The whole field where it fits, else the line with its text cursor."""
        if field.height() <= room or not isinstance(field, _MULTI_LINE):
            return field.rect()
        cursor = field.cursorRect()
        return QRect(field.viewport().mapTo(field, cursor.topLeft()), cursor.size())
