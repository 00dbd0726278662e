"""A finger drags a template page up and down; a tap stays a tap."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QInputDevice, QMouseEvent, QWindow
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QScrollArea, QWidget

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
