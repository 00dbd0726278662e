"""Labels, buttons and fields sized for the meeting band and the sheets shown on the wall.

They elide or wrap rather than widen the window; the meeting band and the sheets of the
meeting, history, settings and save places all use them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QWidget,
)

from board.ui.common.theme import Theme, metrics
from board.ui.common.widgets import button_style


def label(
    text: str, font: QFont, colour: QColor | str, *, wrap: bool = True, name: str = ""
) -> QLabel:
    widget = QLabel(text)
    widget.setFont(font)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        widget.setObjectName(name)
    value = colour.name() if isinstance(colour, QColor) else colour
    widget.setStyleSheet(f"color: {value}; background: transparent;")
    return widget


def elided(text: str, font: QFont, width: int) -> str:
    return metrics(font).elidedText(text, Qt.TextElideMode.ElideRight, max(20, width))


def clear_layout(layout: QLayout, keep: QWidget | None = None) -> None:
    """Empty a layout; ``keep`` (a view that outlives the page) is only taken out."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None and widget is keep:
            widget.hide()
            widget.setParent(None)
        elif widget is not None:
            widget.blockSignals(True)  # a field losing focus as it goes must not save again
            widget.hide()
            widget.deleteLater()
        elif (inner := item.layout()) is not None:
            clear_layout(inner, keep)
            inner.deleteLater()


class ElidedLabel(QLabel):
    """One line that shortens with "…" (in the middle for paths) instead of widening a column."""

    def __init__(
        self,
        text: str,
        font: QFont,
        colour: QColor | str,
        *,
        name: str = "",
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(text)
        self.full_text = text
        self.mode = mode
        self.setFont(font)
        self.setObjectName(name)
        self.setToolTip(text)
        value = colour.name() if isinstance(colour, QColor) else colour
        self.setStyleSheet(f"color: {value}; background: transparent;")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setText(metrics(self.font()).elidedText(self.full_text, self.mode, self.width()))


class WrapButton(QPushButton):
    """A big button whose words wrap onto a second line instead of widening the panel."""

    def __init__(
        self,
        text: str,
        theme: Theme,
        kind: str = "primary",
        *,
        name: str = "",
        accent: QColor | None = None,
        size: float = 14.5,
    ) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setStyleSheet(button_style(theme, kind, accent))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(text)
        self.setToolTip(text)
        self.theme = theme
        self.kind = kind
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setFont(theme.font(size, bold=True))
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(theme.px(10), theme.px(4), theme.px(10), theme.px(4))
        lay.addWidget(self.label)
        two_lines = round(2 * metrics(self.label.font()).height() + theme.px(12))
        self.setMinimumHeight(max(round(theme.touch * 1.35), two_lines))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._colour()

    def full_text(self) -> str:
        return self.label.text()

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)

    def sizeHint(self) -> QSize:
        return QSize(self.theme.px(200), self.minimumHeight())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.theme.px(90), self.minimumHeight())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            self._colour()

    def nextCheckState(self) -> None:
        super().nextCheckState()
        self._colour()

    def _colour(self) -> None:
        pal = self.theme.palette
        if self.kind == "primary" or self.isChecked():
            colour = "white" if self.isEnabled() else "#F4F6F8"
        else:
            colour = pal.text.name() if self.isEnabled() else pal.faint.name()
        self.label.setStyleSheet(f"color: {colour}; background: transparent;")


def band_field(edit: QLineEdit, theme: Theme) -> QLineEdit:
    """A field two of which stand over each other in the band: less inner padding above and
    below, so the text keeps its full height in a touch-high field."""
    edit.setStyleSheet(
        edit.styleSheet() + f"QLineEdit {{ padding: {theme.px(2)}px {theme.px(6)}px; }}"
    )
    return edit


def immediate_taps(scroll: QScrollArea) -> None:
    """A finger still pans the area, and every tap reaches its button.

    QScroller's touch gesture holds a touch press back until it knows a pan from a tap; when
    the first tap rebuilt the page, the next tap was lost. Its mouse gesture (touch arrives
    as mouse) pans just as well without holding presses back.
    """
    viewport = scroll.viewport()
    QScroller.ungrabGesture(viewport)
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
