"""In-window sheets: a panel over a dimmed board, placed next to the card it is about.

They replace dialogs and small menus: big targets, no separate window for a finger to
find on a wall screen, and nothing that blocks the event loop (tests drive them directly).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QFrame, QVBoxLayout, QWidget

from board.ui.theme import Theme


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
        self.setGeometry(host.rect())
        host.installEventFilter(self)
        self.panel.installEventFilter(self)

    def open(self) -> None:
        self.setGeometry(self.parentWidget().rect())
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

    def dismiss(self) -> None:
        """Closed without an answer (Esc, a tap beside it, "Spring over")."""
        self.close_sheet()

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
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
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
