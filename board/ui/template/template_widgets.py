"""Small parts every template page uses: the page's style sheet, labels, rules, layouts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QVBoxLayout

from board.i18n import language
from board.ui.common.theme import Theme

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


def column_head(
    t: Theme, title: str, question: str, *, title_pt: float, question_pt: float, spacing: int
) -> QVBoxLayout:
    """A column of the three questions: its title and the source's question under it (the
    card page sets it a little smaller than the goal page, where it is the whole page)."""
    col = QVBoxLayout()
    col.setSpacing(t.px(spacing))
    col.addWidget(label(title, t.font(title_pt, bold=True)))
    col.addWidget(label(question, t.font(question_pt), role="prompt"))
    col.addSpacing(t.px(4))
    return col


def rule(vertical: bool = False) -> QFrame:
    line = QFrame()
    line.setObjectName("rule")
    if vertical:
        line.setFixedWidth(1)
    else:
        line.setFixedHeight(1)
    return line


def clear(layout: QLayout) -> None:
    """Remove and delete everything in ``layout`` (a part of the page being rebuilt)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        inner = item.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif inner is not None:
            clear(inner)


def number_text(value: float) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if language() == "da" else text
