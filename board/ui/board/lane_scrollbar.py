"""A lane's thin scroll bar: shown only while the lane holds more than it shows."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QScrollBar, QWidget

from board.ui.common.theme import Theme
from board.ui.common.widgets import scrollbar_style


class LaneScrollBar(QScrollBar):
    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._theme = theme
        self._styled = False
        self.hide()

    def apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.setFixedWidth(theme.px(7))
        # A style sheet is costly to apply: only when first shown under this theme (a start
        # with 500 cards shows few scroll bars).
        self._styled = False

    def show_range(self, overflow: int, view: QRect, step: int) -> None:
        """Beside ``view`` (the lane's items) when ``overflow`` pixels of them are hidden."""
        if overflow <= 0:
            self.hide()
            return
        t = self._theme
        x = view.right() + 1 - self.width() + t.px(3)  # in the lane's right padding
        self.setGeometry(x, view.top(), self.width(), view.height())
        self.blockSignals(True)
        self.setRange(0, overflow)
        self.setPageStep(view.height())
        self.setSingleStep(step)
        self.blockSignals(False)
        if not self._styled:
            self._styled = True
            self.setStyleSheet(scrollbar_style(t))
        self.show()

    def set_offset(self, value: int) -> None:
        """Follow the lane's scroll without telling the lane again."""
        self.blockSignals(True)
        self.setValue(value)
        self.blockSignals(False)
