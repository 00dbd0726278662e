"""Plain Qt editors for the template pages, styled once by the page's style sheet."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSizePolicy

from board.ui.common.theme import Theme, metrics
from board.ui.template.template_widgets import WRAP


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
