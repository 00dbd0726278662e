"""Large, touch-friendly controls styled from the theme (no small native menus)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from board.ui.theme import Theme


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


def field_style(theme: Theme) -> str:
    pal = theme.palette
    return (
        f"border: {max(1, theme.px(1.5))}px solid {pal.card_border.name()};"
        f" border-radius: {theme.px(6)}px; padding: {theme.px(6)}px; background: white;"
        f" color: {pal.text.name()};"
    )


def line_edit(theme: Theme, placeholder: str = "", name: str = "") -> QLineEdit:
    edit = QLineEdit()
    if name:
        edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setFont(theme.title_font)
    edit.setMinimumHeight(theme.touch)
    edit.setStyleSheet(f"QLineEdit {{ {field_style(theme)} }}")
    return edit


def text_edit(
    theme: Theme, placeholder: str = "", name: str = "", lines: int = 4
) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    if name:
        edit.setObjectName(name)
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


def scrolling(body: QWidget, theme: Theme) -> QScrollArea:
    """A vertically scrolling white area for a sheet's content (a finger can pan it too)."""
    from PySide6.QtWidgets import QScroller

    scroll = QScrollArea()
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
