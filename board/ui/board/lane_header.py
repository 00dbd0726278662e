"""The top of a lane: its name beside the lane's colour, the hint under it (wrapped, never
cut), the round ⊕ of Idéer and Mål, and in Aktiviteter the column headings
(Aktivitet / Læringscirkler, Ansvarlig, Deadline) over the rows.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QPushButton, QWidget

from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.board import card_painter
from board.ui.common.theme import LANE_ACCENT, Theme, metrics

ColumnHead = tuple[float, float, tuple[str, ...]]  # x, width, the heading's lines


def column_heads(theme: Theme, columns: card_painter.RowColumns) -> list[ColumnHead]:
    """The Aktiviteter column headings: x, width, and the heading wrapped (never cut)."""
    t = theme
    cols = columns
    first = t.pad + t.px(5)
    right = cols.width - t.pad
    font = t.column_font
    if cols.stacked:  # owner and deadline share a column: so do their headings
        both = f"{tr('column.owner')} · {tr('column.deadline')}"
        fits = metrics(font).horizontalAdvance(both) <= right - cols.owner_x
        spans = [
            (first, cols.owner_x - t.px(8) - first, ("column.activity",)),
            (cols.owner_x, right - cols.owner_x,
             (both,) if fits else ("column.owner", "column.deadline")),
        ]  # fmt: skip
    else:
        spans = [
            (first, cols.owner_x - t.px(8) - first, ("column.activity",)),
            (cols.owner_x, cols.deadline_x - t.px(8) - cols.owner_x, ("column.owner",)),
            (cols.deadline_x, right - cols.deadline_x, ("column.deadline",)),
        ]
    heads = []
    for x, width, keys in spans:
        lines: tuple[str, ...] = ()
        for key in keys:
            text = tr(key) if key.startswith("column.") else key
            lines += card_painter.wrap(text, font, width, 2)
        heads.append((x, width, lines))
    return heads


class LaneHeader:
    """Measured by ``layout`` for the lane's width, painted by ``paint``."""

    def __init__(self, lane: Lane, parent: QWidget) -> None:
        self.lane = lane
        self.height = 0
        self._hint: tuple[str, ...] = ()
        self.add_button: QPushButton | None = None
        if lane in (Lane.IDEAS, Lane.GOALS):
            self.add_button = QPushButton("+", parent)
            self.add_button.setObjectName(f"add-{lane.value}")
            self.add_button.setToolTip(tr(f"ui.add.{lane.value}"))
            self.add_button.setAccessibleName(tr(f"ui.add.{lane.value}"))
            self.add_button.setCursor(Qt.CursorShape.PointingHandCursor)

    def apply_theme(self, theme: Theme) -> None:
        t = theme
        if self.add_button is not None:
            accent = LANE_ACCENT[self.lane]
            size = t.touch
            self.add_button.setFixedSize(size, size)
            self.add_button.setFont(t.font(24, bold=True))
            self.add_button.setStyleSheet(
                f"QPushButton {{ background: {accent.name()}; color: white; border: none;"
                f" border-radius: {size // 2}px; padding: 0 0 {t.px(2)}px 0; }}"
                f"QPushButton:pressed {{ background: {accent.darker(125).name()}; }}"
                f"QPushButton:focus {{ border: {t.px(3)}px solid {t.palette.selection.name()}; }}"
            )

    def layout(self, theme: Theme, width: int, columns: card_painter.RowColumns | None) -> int:
        """Wrap the hint for a lane ``width`` wide and place ⊕; returns the header's height."""
        t = theme
        room = width - 2 * t.pad
        if self.add_button is not None:
            room -= t.touch + t.px(8)
        self._hint = card_painter.wrap(tr(self.lane.hint_key), t.hint_font, room, 2)
        height = t.pad + t.px(4) + t.line(t.lane_font) + t.line(t.hint_font) * len(self._hint)
        if self.add_button is not None:
            height = max(height, t.pad + t.px(4) + t.touch)
        if columns is not None:
            rows = max(len(lines) for _x, _w, lines in column_heads(t, columns))
            height += t.px(8) + t.line(t.column_font) * rows
        self.height = round(height + t.px(8))
        if self.add_button is not None:
            self.add_button.move(width - t.pad - t.touch, t.pad + t.px(4))
        return self.height

    def paint(self, p: QPainter, theme: Theme, columns: card_painter.RowColumns | None) -> None:
        t = theme
        pal = t.palette
        x: float = t.pad + t.px(2)
        y: float = t.pad + t.px(2)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(LANE_ACCENT[self.lane])
        stripe = t.px(5)
        p.drawRoundedRect(QRectF(x, y + t.px(3), stripe, t.line(t.lane_font) - t.px(6)), 2, 2)
        p.setFont(t.lane_font)
        p.setPen(pal.text)
        fm = metrics(t.lane_font)
        p.drawText(QPointF(x + stripe + t.px(8), y + fm.ascent()), tr(self.lane.label_key))
        y += fm.height()
        p.setFont(t.hint_font)
        p.setPen(pal.muted)
        hint = metrics(t.hint_font)
        for line in self._hint:
            p.drawText(QPointF(x, y + hint.ascent()), line)
            y += hint.height()
        if columns is not None:
            y += t.px(8)
            p.setFont(t.column_font)
            p.setPen(pal.muted)
            col = metrics(t.column_font)
            for x, _width, lines in column_heads(t, columns):
                for n, line in enumerate(lines):
                    p.drawText(QPointF(t.pad + x, y + col.ascent() + n * col.height()), line)
