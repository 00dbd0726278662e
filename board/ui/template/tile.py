"""A large painted tile that wraps its text: a rung, a step, a decision, a cycle, a card."""

from __future__ import annotations

import math
from enum import StrEnum

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFocusEvent, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from board.domain.entities import ScaleStep
from board.ui.board import card_painter
from board.ui.common.theme import Theme, metrics
from board.ui.template.template_widgets import WRAP


class Mark(StrEnum):
    """Where a step tile stands in its cycle: ringed where the cycle is, ticked when done."""

    NONE = ""
    CURRENT = "current"
    DONE = "done"


class Tile(QAbstractButton):
    """A large pressable tile: a badge, a title that wraps, an optional line under it.

    ``checked`` fills it with the accent colour (the chosen rung, step or decision);
    ``mark`` CURRENT rings it (where the cycle is now) and DONE ticks its badge.
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
        self.mark = Mark.NONE
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

    def set_mark(self, mark: Mark) -> None:
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
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fg = self._paint_ground(p)
        self._paint_badge(p)
        self._paint_texts(p, fg)
        if self.scale is not None:
            self._paint_scale(p, self.scale)
        p.end()

    def _paint_ground(self, p: QPainter) -> QColor:
        """The tile's background, border and focus ring; returns the colour of its text."""
        t = self.theme
        pal = t.palette
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
            ring = self.mark is Mark.CURRENT and enabled
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
        return fg

    def _paint_badge(self, p: QPainter) -> None:
        if not self.badge:
            return
        t = self.theme
        size = self._badge_size()
        badge = QRectF(self._pad()[0], (self.height() - size) / 2, size, size)
        done = self.mark is Mark.DONE
        if self.isChecked() and self.fill is None:
            p.setBrush(QColor("white"))
            colour = self.accent
        else:
            enabled = self.isEnabled()
            p.setBrush(QColor("#2E8B57") if done else (self.accent if enabled else t.palette.faint))
            colour = QColor("white")
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(badge)
        p.setPen(colour)
        p.setFont(t.font(12, bold=True))
        p.drawText(badge, Qt.AlignmentFlag.AlignCenter, "✓" if done else self.badge)

    def _paint_texts(self, p: QPainter, fg: QColor) -> None:
        t = self.theme
        pal = t.palette
        title_font, sub_font = self._fonts()
        text_h = self._text_height(self.width())
        top = max(self._pad()[1], (self.height() - text_h) / 2)
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
            if not self.isChecked() or self.fill is not None:
                sub_fg = pal.muted if self.isEnabled() else pal.faint
            p.setPen(sub_fg)
            y = top + title_rect.height() + t.px(2)
            p.drawText(QRectF(left, y, w, self.height() - y), align | WRAP, self.subtitle)

    def _paint_scale(self, p: QPainter, scale: ScaleStep) -> None:
        t = self.theme
        x = self.width() - self._pad()[0] - card_painter.scale_width(t)
        on_accent = self.isChecked() and self.fill is None
        colour = QColor("white") if on_accent else self.accent
        empty = QColor(255, 255, 255, 150) if on_accent else None
        height = t.line(self._fonts()[0])
        y = (self.height() - height) / 2
        card_painter.scale_marks(p, x, y, height, scale, t, colour, empty)
