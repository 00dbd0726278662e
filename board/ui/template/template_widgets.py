"""Parts of the template pages: painted tiles, text fields that grow and save themselves.

Tiles are painted (no style sheet per button) and wrap their text, so a rung of the
scale-up ladder or a decision with its hint fits a finger and a narrow column alike.
Fields are plain Qt editors styled once by the page's style sheet; ``AutoField`` saves one
as it is left, after a pause in typing, and when the page or the window closes.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QInputDevice,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWindow,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from board.domain.entities import ScaleStep
from board.ui.board import card_painter
from board.ui.common.theme import Theme, metrics

IDLE_MS = 1500  # a pause in typing this long saves too (a power cut loses at most that)
_sessions = itertools.count(1)

WRAP = Qt.TextFlag.TextWordWrap


def page_style(theme: Theme) -> str:
    """One style sheet for a whole page: cheaper than one per widget, and one look."""
    pal = theme.palette
    border = max(1, theme.px(1.5))
    focus = max(2, theme.px(2.5))
    r = theme.px(8)
    pad = theme.px(7)
    return (
        f"QWidget#template-body, QWidget#template-page {{ background: white; }}"
        f"QLabel {{ color: {pal.text.name()}; background: transparent; }}"
        f"QLabel[role='muted'] {{ color: {pal.muted.name()}; }}"
        f"QLabel[role='prompt'] {{ color: #1D4E8F; }}"
        f"QPlainTextEdit, QLineEdit {{ border: {border}px solid {pal.card_border.name()};"
        f" border-radius: {theme.px(6)}px; padding: {pad}px; background: white;"
        f" color: {pal.text.name()}; selection-background-color: #BCD3F2;"
        f" selection-color: {pal.text.name()}; }}"
        f"QPlainTextEdit:focus, QLineEdit:focus {{ border: {focus}px solid"
        f" {pal.selection.name()}; padding: {pad - focus + border}px; }}"
        f"QPlainTextEdit[unsaved='true'], QLineEdit[unsaved='true'] {{"
        f" border: {focus}px solid #C98A00; background: #FFF8E6;"
        f" padding: {pad - focus + border}px; }}"
        f"QLineEdit#title-field {{ border-color: transparent; background: #F4F6F8; }}"
        f"QLineEdit#title-field:focus {{ border-color: {pal.selection.name()};"
        f" background: white; }}"
        f"QFrame#panel {{ background: {pal.lane.name()}; border: {border}px solid"
        f" {pal.lane_border.name()}; border-radius: {r}px; }}"
        f"QFrame#rule {{ background: {pal.lane_border.name()}; border: none; }}"
        f"QFrame#header {{ background: white; border: none; border-bottom: {border}px solid"
        f" {pal.lane_border.name()}; }}"
        f"QScrollArea {{ background: white; border: none; }}"
    )


# --- labels ------------------------------------------------------------------------------


def label(
    text: str, font: QFont, *, role: str = "", name: str = "", selectable: bool = False
) -> QLabel:
    widget = QLabel(text)
    widget.setFont(font)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def rule(vertical: bool = False) -> QFrame:
    line = QFrame()
    line.setObjectName("rule")
    if vertical:
        line.setFixedWidth(1)
    else:
        line.setFixedHeight(1)
    return line


# --- tiles -------------------------------------------------------------------------------


class Tile(QAbstractButton):
    """A large pressable tile: a badge, a title that wraps, an optional line under it.

    ``checked`` fills it with the accent colour (the chosen rung, step or decision);
    ``mark`` "current" rings it (where the cycle is now) and "done" ticks its badge.
    """

    def __init__(
        self,
        theme: Theme,
        title: str,
        subtitle: str = "",
        *,
        badge: str = "",
        name: str = "",
        checkable: bool = False,
        accent: QColor | None = None,
        flat: bool = False,
        bold: bool = True,
        scale: ScaleStep | None = None,
        stripe: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.theme = theme
        self.stripe = stripe  # a flat tile for a card: its lane's colour as a stripe
        self.title, self.subtitle, self.badge = title, subtitle, badge
        self.accent = accent or theme.palette.selection
        self.fill: QColor | None = None  # a lighter fill when checked (decisions)
        self.flat = flat
        self.bold = bold
        self.scale = scale
        self.mark = ""
        self._keyboard_focus = False
        self._hfw: dict[int, int] = {}  # width -> height, for the current texts
        if name:
            self.setObjectName(name)
        self.setCheckable(checkable)
        self.setAccessibleName(f"{title} {subtitle}".strip())
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # text and geometry
    def set_texts(self, title: str, subtitle: str = "", badge: str | None = None) -> None:
        self.title, self.subtitle = title, subtitle
        self._hfw.clear()
        if badge is not None:
            self.badge = badge
        self.setAccessibleName(f"{title} {subtitle}".strip())
        self.updateGeometry()
        self.update()

    def set_mark(self, mark: str) -> None:
        if mark != self.mark:
            self.mark = mark
            self.update()

    def _fonts(self) -> tuple[QFont, QFont]:
        t = self.theme
        return t.font(13.5, bold=self.bold), t.font(11.5)

    def _pad(self) -> tuple[int, int]:
        t = self.theme
        return (t.px(8) if self.flat else t.px(12)), t.px(7)

    def _badge_size(self) -> int:
        return round(self.theme.line(self._fonts()[0]) * 1.15) if self.badge else 0

    def _text_left(self) -> int:
        pad_x = self._pad()[0] + (self.theme.px(8) if self.stripe else 0)
        return pad_x + (self._badge_size() + self.theme.px(8) if self.badge else 0)

    def _text_width(self, width: int) -> int:
        extra = card_painter.scale_width(self.theme) + self.theme.px(8) if self.scale else 0
        return max(20, round(width - self._text_left() - self._pad()[0] - extra))

    def _text_height(self, width: int) -> int:
        title_font, sub_font = self._fonts()
        w = self._text_width(width)
        h = metrics(title_font).boundingRect(QRectF(0, 0, w, 10_000), WRAP, self.title).height()
        if self.subtitle:
            sub = metrics(sub_font).boundingRect(QRectF(0, 0, w, 10_000), WRAP, self.subtitle)
            h += self.theme.px(2) + sub.height()
        return round(h)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        # Layouts ask often while a page is built; the answer changes only with the text.
        found = self._hfw.get(width)
        if found is not None:
            return found
        pad_y = self._pad()[1]
        height = max(self.theme.touch, self._text_height(width) + 2 * pad_y, self._badge_size())
        if len(self._hfw) > 16:
            self._hfw.clear()
        self._hfw[width] = height
        return height

    def sizeHint(self) -> QSize:
        title_font, sub_font = self._fonts()
        natural = max(
            metrics(title_font).horizontalAdvance(self.title),
            metrics(sub_font).horizontalAdvance(self.subtitle) if self.subtitle else 0,
        )
        extra = card_painter.scale_width(self.theme) + self.theme.px(8) if self.scale else 0
        # A few pixels of slack: text measured to its exact width may still wrap.
        width = math.ceil(min(natural, self.theme.px(320))) + 4
        width += self._text_left() + self._pad()[0]
        width += round(extra)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.theme.touch, self.theme.touch)

    # state
    def focusInEvent(self, event: QFocusEvent) -> None:
        keyboard = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        self._keyboard_focus = event.reason() in keyboard
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._keyboard_focus = False
        super().focusOutEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self.theme
        pal = t.palette
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        r = t.px(8)
        checked = self.isChecked()
        enabled = self.isEnabled()
        pressed = self.isDown()
        fg = pal.text
        if self.flat:
            if pressed:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor("#E3E8ED"))
                p.drawRoundedRect(rect, r, r)
            fg = self.accent.darker(130) if enabled else pal.faint
            if self.stripe:
                fg = pal.text
                p.fillRect(
                    QRectF(rect.left() + t.px(3), rect.top() + t.px(6), t.px(5),
                           rect.height() - t.px(12)),
                    self.accent,
                )  # fmt: skip
        elif checked:
            fill = self.fill or self.accent
            p.setPen(Qt.PenStyle.NoPen if self.fill is None else QPen(self.accent, t.px(2.5)))
            p.setBrush(fill.darker(110) if pressed else fill)
            p.drawRoundedRect(rect, r, r)
            fg = QColor("white") if self.fill is None else self.accent.darker(160)
        else:
            ring = self.mark == "current" and enabled
            width = t.px(2.5) if ring else max(1.0, t.scale * 1.5)
            p.setPen(QPen(self.accent if ring else pal.card_border, width))
            p.setBrush(QColor("#E3E8ED") if pressed else QColor("white" if enabled else "#F1F3F5"))
            inner = rect.adjusted(width / 2, width / 2, -width / 2, -width / 2)
            p.drawRoundedRect(inner, r, r)
            if not enabled:
                fg = pal.faint
        if self.hasFocus() and self._keyboard_focus:
            p.setPen(QPen(pal.selection, t.px(3), Qt.PenStyle.DotLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5), r, r)
        title_font, sub_font = self._fonts()
        pad_x, pad_y = self._pad()
        text_h = self._text_height(self.width())
        top = max(pad_y, (self.height() - text_h) / 2)
        if self.badge:
            size = self._badge_size()
            badge = QRectF(pad_x, (self.height() - size) / 2, size, size)
            done = self.mark == "done"
            if checked and self.fill is None:
                p.setBrush(QColor("white"))
                colour = self.accent
            else:
                p.setBrush(QColor("#2E8B57") if done else (self.accent if enabled else pal.faint))
                colour = QColor("white")
            p.setPen(Qt.PenStyle.NoPen)
            p.drawEllipse(badge)
            p.setPen(colour)
            p.setFont(t.font(12, bold=True))
            p.drawText(badge, Qt.AlignmentFlag.AlignCenter, "✓" if done else self.badge)
        left = self._text_left()
        w = self._text_width(self.width())
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        p.setFont(title_font)
        p.setPen(fg)
        title_rect = metrics(title_font).boundingRect(QRectF(0, 0, w, 10_000), WRAP, self.title)
        p.drawText(QRectF(left, top, w, title_rect.height() + 2), align | WRAP, self.title)
        if self.subtitle:
            p.setFont(sub_font)
            sub_fg = QColor(fg)
            if not checked or self.fill is not None:
                sub_fg = pal.muted if enabled else pal.faint
            p.setPen(sub_fg)
            y = top + title_rect.height() + t.px(2)
            p.drawText(QRectF(left, y, w, self.height() - y), align | WRAP, self.subtitle)
        if self.scale is not None:
            x = self.width() - pad_x - card_painter.scale_width(t)
            on_accent = checked and self.fill is None
            colour = QColor("white") if on_accent else self.accent
            empty = QColor(255, 255, 255, 150) if on_accent else None
            height = t.line(title_font)
            y = (self.height() - height) / 2
            card_painter.scale_marks(p, x, y, height, self.scale, t, colour, empty)
        p.end()


# --- text fields -------------------------------------------------------------------------


class GrowingText(QPlainTextEdit):
    """A multi-line field as tall as its text (at least ``min_lines``): the page scrolls,
    never the field, so a finger never meets a scroll area inside a scroll area."""

    def __init__(self, theme: Theme, min_lines: int = 2, placeholder: str = "") -> None:
        super().__init__()
        self.theme = theme
        self.min_lines = min_lines
        self.setFont(theme.title_font)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # A finger becomes mouse events here (see FingerPan): Qt would focus a field that
        # takes touch as soon as a finger lands on it, even one that only pans the page.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)
        self.textChanged.connect(self._fit)
        self._width = -1
        self._fit()

    def _chrome(self) -> int:
        # Border and padding of the page style (focus swaps width for padding: constant).
        t = self.theme
        return 2 * (max(1, t.px(1.5)) + t.px(7)) + 2 * round(self.document().documentMargin())

    def _fit(self) -> None:
        fm = metrics(self.font())
        width = max(40, self.width() - self._chrome() - 2)
        text = self.toPlainText() or "x"
        needed = fm.boundingRect(QRectF(0, 0, width, 1e6), WRAP, text).height()
        lines = max(self.min_lines, round(needed / fm.lineSpacing()))
        height = round(lines * fm.lineSpacing()) + self._chrome() + self.theme.px(2)
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.width() != self._width:
            self._width = self.width()
            self._fit()


def line_field(theme: Theme, placeholder: str = "", name: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setFont(theme.title_font)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(theme.touch)
    if name:
        edit.setObjectName(name)
    return edit


class AutoField(QObject):
    """One field of a record that saves itself: when left, after a pause, and on close.

    ``saved`` is the value the record has as far as this screen knows. What the user typed
    and could not save (another screen changed the record, or the text was refused) stays
    in the field, marked, and is saved again the next time the field is left.
    """

    def __init__(
        self,
        widget: QLineEdit | QPlainTextEdit,
        name: str,
        save: Callable[[AutoField], bool | None],
        *,
        strip: bool = False,
        idle_ms: int = IDLE_MS,
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.name = name
        self._save = save
        self._strip = strip
        self.saved = ""
        self.session: int | None = None
        self.failed = False
        self._setting = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self.commit)
        widget.installEventFilter(self)
        widget.textChanged.connect(self._on_text)
        if not widget.objectName():
            widget.setObjectName(f"field-{name}")

    def value(self) -> str:
        w = self.widget
        text = w.text() if isinstance(w, QLineEdit) else w.toPlainText()
        return text.strip() if self._strip else text

    def dirty(self) -> bool:
        return self.value() != self.saved

    def set_value(self, value: str) -> None:
        """The record's value came from the service: show it, unless the user's own text
        is waiting to be saved (then it stays, and is saved against the new version)."""
        if not self.dirty() and self.value() != value:
            self._setting = True
            if isinstance(self.widget, QLineEdit):
                self.widget.setText(value)
            else:
                self.widget.setPlainText(value)
            self._setting = False
        self.saved = value
        if not self.dirty():
            self.failed = False
        self._mark()

    def _on_text(self, *_args: object) -> None:
        if not self._setting:
            self._timer.start()

    def commit(self) -> bool:
        """Save now if the text differs from the record; True when nothing is left unsaved."""
        self._timer.stop()
        if not self.dirty():
            return True
        if self.session is None:
            self.session = next(_sessions)
        ok = self._save(self)
        if ok is None:  # waits for another field (a new criterion needs its text first)
            return True
        if ok:
            self.saved = self.value()
        self.failed = not ok
        self._mark()
        return ok

    def _mark(self) -> None:
        unsaved = self.failed and self.dirty()
        if bool(self.widget.property("unsaved")) != unsaved:
            self.widget.setProperty("unsaved", unsaved)
            self.widget.style().unpolish(self.widget)
            self.widget.style().polish(self.widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            self.session = next(_sessions)  # one visit to the field: one undo step
        elif kind == QEvent.Type.FocusOut:
            reason = event.reason() if isinstance(event, QFocusEvent) else None
            if reason is not Qt.FocusReason.PopupFocusReason:  # not the context menu
                self.commit()
        return False


# --- finger panning ----------------------------------------------------------------------

_MOUSE = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease)


class FingerPan(QObject):
    """A finger drags the page up and down; a tap stays a tap.

    Used instead of QScroller, which (Qt 6.11) drops a tap that follows a change of the
    page's length, such as the tap after choosing another step. Qt turns a finger on a
    widget that does not take touch into mouse events; this watches those for the page.
    Buttons see the press at once (and let go of it when the finger starts to pan). A
    press on a text field is held back at the window, before Qt would focus the field, and
    given to it only if the finger lifts without panning: dragging the page by a field
    does not focus it (nor call up the on-screen keyboard).
    """

    def __init__(self, area: QScrollArea, slop: int) -> None:
        super().__init__(area)
        self.area = area
        self.slop = slop
        self._target: QWidget | None = None
        self._held = False
        self._start = QPointF()
        self._scroll = 0
        self._panning = False
        self._sending = False

    def start(self) -> None:
        """Watch the mouse events Qt makes from a finger (from when the page is shown)."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _inside(self, widget: QObject | None) -> bool:
        viewport = self.area.viewport()
        return isinstance(widget, QWidget) and (widget is viewport or viewport.isAncestorOf(widget))

    @staticmethod
    def _field(widget: QWidget) -> QWidget | None:
        if isinstance(widget, QLineEdit):
            return widget
        parent = widget.parentWidget()
        return parent if isinstance(parent, QPlainTextEdit) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._sending or event.type() not in _MOUSE or not isinstance(event, QMouseEvent):
            return False
        device = event.pointingDevice()
        if device is None or device.type() != QInputDevice.DeviceType.TouchScreen:
            return False
        if isinstance(watched, QWindow):
            return self._at_window(event)
        return self._at_widget(watched, event)

    def _begin(self, target: QWidget, event: QMouseEvent) -> None:
        self._target = target
        self._start = event.globalPosition()
        self._scroll = self.area.verticalScrollBar().value()
        self._panning = False

    def _pan(self, event: QMouseEvent) -> bool:
        """Follow the finger; True when this move started the pan."""
        dy = event.globalPosition().y() - self._start.y()
        started = not self._panning and abs(dy) > self.slop
        if started:
            self._panning = True
        if self._panning:
            self.area.verticalScrollBar().setValue(self._scroll - round(dy))
        return started

    def _at_window(self, event: QMouseEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            target = QApplication.widgetAt(event.globalPosition().toPoint())
            if target is None or not self._inside(target) or self._field(target) is None:
                return False
            self._begin(target, event)
            self._held = True
            return True
        if not self._held:
            return False
        if kind == QEvent.Type.MouseMove:
            self._pan(event)
            return True
        target, panning = self._target, self._panning
        self._held, self._target, self._panning = False, None, False
        if not panning and target is not None:
            field = self._field(target)
            if field is not None:
                field.setFocus(Qt.FocusReason.MouseFocusReason)
            for kind_ in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
                self._send(target, kind_, target.mapFromGlobal(event.globalPosition()), event)
        return True

    def _at_widget(self, watched: QObject, event: QMouseEvent) -> bool:
        kind = event.type()
        if self._held:
            return False
        if kind == QEvent.Type.MouseButtonPress:
            if self._inside(watched):
                assert isinstance(watched, QWidget)
                self._begin(watched, event)
            return False
        if watched is not self._target:
            return False
        if kind == QEvent.Type.MouseMove:
            if self._pan(event):  # the pressed button lets go, without a click
                self._send(watched, QEvent.Type.MouseButtonRelease, QPointF(-1e5, -1e5), event)
            return self._panning
        panning = self._panning
        self._target, self._panning = None, False
        return panning

    def _send(self, widget: QWidget, kind: QEvent.Type, local: QPointF, like: QMouseEvent) -> None:
        pressed = kind == QEvent.Type.MouseButtonPress
        event = QMouseEvent(
            kind,
            local,
            widget.mapTo(widget.window(), local),
            widget.mapToGlobal(local),
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton if pressed else Qt.MouseButton.NoButton,
            like.modifiers(),
            like.pointingDevice(),
        )
        self._sending = True
        try:
            QApplication.sendEvent(widget, event)
        finally:
            self._sending = False
