"""Large, touch-friendly controls styled from the theme (no small native menus)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from board.ui.common.theme import Theme


def as_qwidget(window: object) -> QWidget:
    """A window known by a Protocol (MeetingWindow, TemplateWindow) as the QWidget it is, for
    use as a Qt parent; checked, so a window that is not a widget fails here, not deep in Qt."""
    assert isinstance(window, QWidget), type(window)
    return window


def button_style(theme: Theme, kind: str = "secondary", accent: QColor | None = None) -> str:
    pal = theme.palette
    r = theme.px(8)
    pad = f"{theme.px(6)}px {theme.px(16)}px"
    border = max(1, theme.px(1.5))
    if kind == "primary":
        colour = (accent or pal.selection).name()
        return (
            f"QPushButton {{ background: {colour}; color: white; border: none;"
            f" border-radius: {r}px; padding: {pad}; }}"
            f"QPushButton:pressed {{ background: {QColor(colour).darker(125).name()}; }}"
            f"QPushButton:disabled {{ background: #AAB4BE; color: #F4F6F8; }}"
            f"QPushButton:focus {{ outline: none; border: {theme.px(3)}px solid #0B3D7E; }}"
        )
    if kind == "bar":
        return (
            f"QPushButton {{ background: transparent; color: {pal.bar_text.name()};"
            f" border: {border}px solid #6C7D8E; border-radius: {r}px; padding: {pad}; }}"
            f"QPushButton:pressed {{ background: #3A4B5C; }}"
            f"QPushButton:disabled {{ color: #7F8E9C; border-color: #44566A; }}"
            f"QPushButton:focus {{ border: {theme.px(2)}px solid white; }}"
        )
    checked = (accent or pal.selection).name()
    return (
        f"QPushButton {{ background: white; color: {pal.text.name()};"
        f" border: {border}px solid {pal.card_border.name()}; border-radius: {r}px;"
        f" padding: {pad}; text-align: center; }}"
        f"QPushButton:pressed {{ background: #E3E8ED; }}"
        f"QPushButton:checked {{ background: {checked}; color: white; border-color: {checked}; }}"
        f"QPushButton:disabled {{ color: {pal.faint.name()}; background: {pal.lane.name()}; }}"
        f"QPushButton:focus {{ border: {theme.px(3)}px solid {pal.selection.name()}; }}"
    )


def big_button(
    text: str,
    theme: Theme,
    kind: str = "secondary",
    *,
    name: str = "",
    checkable: bool = False,
    accent: QColor | None = None,
    parent: QWidget | None = None,
) -> QPushButton:
    button = QPushButton(text, parent)
    if name:
        button.setObjectName(name)
    button.setCheckable(checkable)
    button.setMinimumHeight(theme.touch)
    button.setFont(theme.button_font)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet(button_style(theme, kind, accent))
    return button


def choice_row(
    owner: QObject, theme: Theme, choices: dict[str, str], chosen: str, name: str
) -> tuple[QButtonGroup, QHBoxLayout]:
    """One checkable button per choice (key → its label), ``chosen`` checked; button ``n`` is
    the n-th key (``checkedId()``), named ``{name}-{key}``."""
    group = QButtonGroup(owner)
    row = QHBoxLayout()
    row.setSpacing(theme.px(6))
    for n, (key, label) in enumerate(choices.items()):
        button = big_button(label, theme, name=f"{name}-{key}", checkable=True)
        button.setChecked(key == chosen)
        group.addButton(button, n)
        row.addWidget(button)
    return group, row


def labelled_field(
    into: QBoxLayout, theme: Theme, label: str, value: str, name: str, placeholder: str = ""
) -> QLineEdit:
    """A settings sheet's field: its heading, then the line edit holding ``value``."""
    into.addWidget(heading(label, theme, 13))
    edit = line_edit(theme, placeholder, name=name)
    edit.setText(value)
    into.addWidget(edit)
    return edit


def heading(text: str, theme: Theme, size: float = 17) -> QLabel:
    label = QLabel(text)
    label.setFont(theme.font(size, bold=True))
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {theme.palette.text.name()};")
    return label


def note(text: str, theme: Theme) -> QLabel:
    label = QLabel(text)
    label.setFont(theme.hint_font)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {theme.palette.muted.name()};")
    return label


# --- fields and their errors ------------------------------------------------------------

FIELD = "field"  # the property naming the field a widget edits, as errors name it


def tag_field(widget: QWidget, field: str) -> None:
    """Mark ``widget`` as the editor of ``field`` (e.g. "field.deadline"), so that an error
    a service raises about that field is shown at it (see sheets.Sheet.show_error)."""
    widget.setProperty(FIELD, field)


def field_of(widget: QWidget) -> str | None:
    value = widget.property(FIELD)
    return value if isinstance(value, str) else None


def error_label(theme: Theme, name: str = "field-error") -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setFont(theme.hint_font)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {theme.palette.overdue.name()};")
    label.hide()
    return label


class FieldError(QObject):
    """A field's red outline and the message under it; gone as soon as the text changes."""

    cleared = Signal()

    def __init__(self, widget: QWidget, theme: Theme) -> None:
        super().__init__(widget)
        self.widget = widget
        self.theme = theme
        self._plain = widget.styleSheet()
        self.label = error_label(theme)
        self.label.setObjectName(f"error-{widget.objectName() or 'field'}")
        _place_below(widget, self.label)
        self._changed = getattr(widget, "textChanged", None)
        if self._changed is not None:
            self._changed.connect(self.clear)

    def show(self, message: str) -> None:
        self.label.setText(f"⚠ {message}")
        self.label.show()
        kind = self.widget.metaObject().className()
        self.widget.setStyleSheet(
            f"{self._plain}{kind} {{ border: {self.theme.px(3)}px solid"
            f" {self.theme.palette.overdue.name()}; }}"
        )
        self.widget.setAccessibleDescription(message)

    @property
    def text(self) -> str:
        return self.label.text() if self.label.isVisible() else ""

    def clear(self, *_args: object) -> None:
        if self._changed is not None:
            self._changed.disconnect(self.clear)
            self._changed = None
        self.widget.setStyleSheet(self._plain)
        self.widget.setAccessibleDescription("")
        self.label.hide()
        self.label.deleteLater()
        self.cleared.emit()


def _place_below(widget: QWidget, label: QLabel) -> None:
    """Put ``label`` right under ``widget`` in the nearest vertical layout holding it."""
    parent = widget.parentWidget()
    top = parent.layout() if parent is not None else None
    path = _path(top, widget) if top is not None else None
    for layout, index in reversed(path or []):
        if isinstance(layout, QBoxLayout) and layout.direction() in (
            QBoxLayout.Direction.TopToBottom,
            QBoxLayout.Direction.BottomToTop,
        ):
            layout.insertWidget(index + 1, label)
            return
    if isinstance(top, QBoxLayout):
        top.addWidget(label)


def _path(layout: QLayout, target: QWidget) -> list[tuple[QLayout, int]] | None:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is target:
            return [(layout, i)]
        sub = item.layout()
        if sub is not None:
            found = _path(sub, target)
            if found is not None:
                return [(layout, i), *found]
    return None


def field_style(theme: Theme) -> str:
    pal = theme.palette
    return (
        f"border: {max(1, theme.px(1.5))}px solid {pal.card_border.name()};"
        f" border-radius: {theme.px(6)}px; padding: {theme.px(6)}px; background: white;"
        f" color: {pal.text.name()};"
    )


def line_edit(theme: Theme, placeholder: str = "", name: str = "", *, field: str = "") -> QLineEdit:
    edit = QLineEdit()
    if name:
        edit.setObjectName(name)
    if field:
        tag_field(edit, field)
    edit.setPlaceholderText(placeholder)
    edit.setFont(theme.title_font)
    edit.setMinimumHeight(theme.touch)
    edit.setStyleSheet(f"QLineEdit {{ {field_style(theme)} }}")
    return edit


def text_edit(
    theme: Theme, placeholder: str = "", name: str = "", lines: int = 4, *, field: str = ""
) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    if name:
        edit.setObjectName(name)
    if field:
        tag_field(edit, field)
    edit.setPlaceholderText(placeholder)
    edit.setFont(theme.title_font)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(round(theme.line(theme.title_font) * lines + theme.px(20)))
    edit.setStyleSheet(f"QPlainTextEdit {{ {field_style(theme)} }}")
    return edit


def scrollbar_style(theme: Theme) -> str:
    bar = theme.px(7)
    return (
        f"QScrollBar:vertical {{ background: transparent; width: {bar}px; margin: 0; }}"
        f"QScrollBar::handle:vertical {{ background: #B4BEC8; border-radius: {bar // 2}px;"
        f" min-height: {theme.px(40)}px; }}"
        "QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }"
        "QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }"
    )


def scrolling(body: QWidget, theme: Theme, scroll: QScrollArea | None = None) -> QScrollArea:
    """A vertically scrolling white area for a sheet's content (a finger can pan it too);
    ``scroll``: an area of a kind of its own (one that sizes itself to its content)."""
    from PySide6.QtWidgets import QScroller

    scroll = scroll or QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body.setObjectName("sheet-body")
    body.setStyleSheet("QWidget#sheet-body { background: white; }")
    scroll.setStyleSheet("QScrollArea { background: white; border: none; }")
    scroll.viewport().setStyleSheet("background: white;")
    scroll.verticalScrollBar().setStyleSheet(scrollbar_style(theme))
    scroll.setWidget(body)
    QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return scroll
