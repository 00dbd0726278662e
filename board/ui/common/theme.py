"""Colours, type sizes and touch metrics for the board, for the laptop and for the wall.

Every size is a base value (laptop, 96 dpi logical pixels) times ``scale``. In a window the
scale follows the screen's logical dpi (Qt already applies the device pixel ratio). On the
wall the scale follows the window height, so that on a 55-inch screen at 1080 logical
pixels (Full HD, or 4K at 200 %) a card title is 30 px high: a cap height of about 14 mm,
16 arc minutes seen from 3 m, the minimum for reading text at a distance (ISO 9241-303).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF

from board.domain.entities import Decision
from board.domain.lanes import Lane
from board.resource_paths import font_path

FAMILY = "DejaVu Sans"
WALL_SCALE_AT_1080 = 2.15


@cache
def install_fonts() -> str:
    """Load the bundled DejaVu Sans so text renders the same on every machine."""
    for bold in (False, True):
        QFontDatabase.addApplicationFont(str(font_path(bold)))
    return FAMILY


def _rgb(value: str) -> QColor:
    return QColor(value)


@dataclass(frozen=True)
class Palette:
    window: QColor
    lane: QColor
    lane_border: QColor
    card: QColor
    card_border: QColor
    shadow: QColor
    text: QColor
    muted: QColor
    faint: QColor
    selection: QColor
    drop: QColor
    drop_zone: QColor
    overdue: QColor
    overdue_bg: QColor
    bar: QColor
    bar_text: QColor
    goal_card: QColor


LIGHT = Palette(
    window=_rgb("#E6EAEE"),
    lane=_rgb("#F7F8FA"),
    lane_border=_rgb("#CDD4DB"),
    card=_rgb("#FFFFFF"),
    card_border=_rgb("#C3CBD3"),
    shadow=QColor(20, 35, 50, 28),
    text=_rgb("#18212B"),
    muted=_rgb("#46515E"),
    faint=_rgb("#7B8794"),
    selection=_rgb("#1559B7"),
    drop=_rgb("#1559B7"),
    drop_zone=QColor(21, 89, 183, 18),
    overdue=_rgb("#B3261E"),
    overdue_bg=_rgb("#FBE3E1"),
    bar=_rgb("#23313F"),
    bar_text=_rgb("#FFFFFF"),
    goal_card=_rgb("#F1F8F3"),
)

# The wall is read from across a room: darker text and borders for contrast above 7:1.
WALL = Palette(
    **{
        **LIGHT.__dict__,
        "lane_border": _rgb("#AEB8C2"),
        "card_border": _rgb("#9AA5B1"),
        "muted": _rgb("#35404C"),
        "faint": _rgb("#5C6773"),
    }
)

LANE_ACCENT: dict[Lane, QColor] = {
    Lane.IDEAS: _rgb("#D9A000"),
    Lane.PRIORITISED: _rgb("#D2691E"),
    Lane.ACTIVITIES: _rgb("#2F6FDB"),
    Lane.GOALS: _rgb("#2E8B57"),
    Lane.LOG: _rgb("#6B5CA5"),
}

DECISION_COLOURS: dict[Decision, tuple[QColor, QColor]] = {  # text, background
    Decision.ADOPT: (_rgb("#1E6B34"), _rgb("#DDF1E3")),
    Decision.ADAPT: (_rgb("#7A4F00"), _rgb("#FCEFCB")),
    Decision.ABANDON: (_rgb("#8E2430"), _rgb("#F8E1E4")),
}

# Calm, distinguishable chip colours for people's initials (dark enough for white text).
PERSON_COLOURS = tuple(
    _rgb(c) for c in ("#2F6FDB", "#2E8B57", "#8E44AD", "#C0392B", "#B9770E", "#16808A", "#5D6D7E")
)


def person_colour(person_id: int) -> QColor:
    return PERSON_COLOURS[person_id % len(PERSON_COLOURS)]


@dataclass(frozen=True)
class Theme:
    wall: bool
    scale: float
    palette: Palette

    @staticmethod
    def for_window(logical_dpi: float = 96.0) -> Theme:
        return Theme(False, max(1.0, min(2.0, logical_dpi / 96.0)), LIGHT)

    @staticmethod
    def for_wall(height_px: int) -> Theme:
        return Theme(True, max(1.3, min(5.0, height_px / 1080 * WALL_SCALE_AT_1080)), WALL)

    def px(self, value: float) -> int:
        return max(1, round(value * self.scale))

    def font(self, size: float, bold: bool = False) -> QFont:
        return _font(round(size * self.scale * 4) / 4, bold)

    # Type
    @cached_property
    def title_font(self) -> QFont:
        return self.font(14)

    @cached_property
    def meta_font(self) -> QFont:
        return self.font(11.5, bold=True)

    @cached_property
    def small_font(self) -> QFont:
        return self.font(11.5)

    @cached_property
    def lane_font(self) -> QFont:
        return self.font(19, bold=True)

    @cached_property
    def hint_font(self) -> QFont:
        return self.font(12)

    @cached_property
    def column_font(self) -> QFont:
        return self.font(11, bold=True)

    @cached_property
    def button_font(self) -> QFont:
        return self.font(13, bold=True)

    @cached_property
    def bar_font(self) -> QFont:
        return self.font(17, bold=True)

    # Metrics
    @property
    def gap(self) -> int:
        return self.px(10)

    @property
    def pad(self) -> int:
        return self.px(10)

    @property
    def radius(self) -> float:
        return 8 * self.scale

    @property
    def touch(self) -> int:
        """Smallest side of anything pressable: 9.5 mm on a laptop, 40 mm on a 55-inch wall."""
        return self.px(30 if self.wall else 36)

    @property
    def touch_slop(self) -> int:
        """How far a finger may wander before a press becomes a pan (about 4 mm on the wall)."""
        return self.px(6)

    def line(self, font: QFont) -> float:
        return metrics(font).height()

    # Measured once per theme: layout asks for these for every card.
    @cached_property
    def title_metrics(self) -> QFontMetricsF:
        return metrics(self.title_font)

    @cached_property
    def small_metrics(self) -> QFontMetricsF:
        return metrics(self.small_font)

    @cached_property
    def title_line(self) -> float:
        return self.title_metrics.height()

    @cached_property
    def small_line(self) -> float:
        return self.small_metrics.height()

    @cached_property
    def chip_height(self) -> float:
        return metrics(self.meta_font).height() + self.px(5)


@cache
def _font(pixel_size: float, bold: bool) -> QFont:
    install_fonts()
    font = QFont(FAMILY)
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


_metrics: dict[tuple[str, int, bool], QFontMetricsF] = {}


def metrics(font: QFont) -> QFontMetricsF:
    key = (font.family(), font.pixelSize(), font.bold())
    found = _metrics.get(key)
    if found is None:
        found = _metrics[key] = QFontMetricsF(font)
    return found
