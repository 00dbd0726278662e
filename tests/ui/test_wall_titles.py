"""Titles on the wall are read from 3 m: whole, wrapped over at most three lines, cut only
at a word with "…"; the column headings are never cut; the ladder says what rung it shows.

The demo board of Hæfte 4 on the 1920x1080 test wall; the painter's computed layout is what
the screen draws, so the assertions are made on it.
"""

from __future__ import annotations

import pytest

from board import i18n
from board.domain.entities import ScaleStep
from board.domain.lanes import Lane
from board.i18n import tr
from board.services import boards
from board.services.demo import AIM, CARDS
from board.services.demo_meetings import SPARRING_DECISION
from board.ui.board import card_painter
from board.ui.board.card_painter import TITLE_LINES, clip_words, wrap
from board.ui.board.lane_header import column_heads
from board.ui.common.theme import metrics
from board.ui.shell.photo import board_image

from .helpers import ARTIFACTS, screenshot


def _whole(text: str, lines: tuple[str, ...]) -> bool:
    return " ".join(lines).split() == text.split()


def _cut_at_a_word(text: str, lines: tuple[str, ...]) -> bool:
    """Cut, ending in "…" after whole words that start ``text``."""
    shown = " ".join(lines)
    if not shown.endswith("…"):
        return False
    words = shown[:-1].split()
    return words == text.split()[: len(words)]


def test_every_activity_title_of_the_demo_is_whole_on_the_wall(demo_wall) -> None:
    view = demo_wall.board.lanes[Lane.ACTIVITIES]
    store = demo_wall.store
    columns = view.columns()
    titles = {title for lane, title, *_ in CARDS if lane is Lane.ACTIVITIES}
    titles.add(SPARRING_DECISION)  # the activity the demo's Teamsparring decided
    seen = set()
    for card_id in view.card_ids():
        card = store.card(card_id)
        owner, cycle = store.person(card.owner_id), store.cycle(card_id)
        row = card_painter.row_layout(view.theme, card, owner, cycle, columns)
        title = card_painter.row_title(view.theme, card, columns, row)
        assert len(title) <= TITLE_LINES
        assert _whole(card.title, title), title  # no word cut, no "…"
        width = card_painter.row_title_width(view.theme, columns.owner_x)
        assert all(metrics(view.theme.title_font).horizontalAdvance(x) <= width for x in title)
        if owner is not None:
            assert _whole(owner.name, row.names)
        if cycle is not None:  # the ladder's label is drawn, not clipped
            assert row.cycle_width >= card_painter.cycle_marks_width(cycle, view.theme)
        seen.add(card.title)
    assert seen == titles
    # Every heading of Aktiviteter whole: "Aktivitet/læringscirkler", owner, deadline.
    heads = " ".join(" ".join(lines) for _x, _w, lines in column_heads(view.theme, columns))
    for key in ("column.activity", "column.owner", "column.deadline"):
        assert tr(key) in heads
    assert "…" not in heads
    view.setFocus()  # not the board switch's focus ring in the picture
    screenshot(demo_wall, "wall-demo-1920x1080")


def test_ideas_and_log_titles_wrap_to_three_lines_and_goals_are_cut_at_a_word(demo_wall) -> None:
    board = demo_wall.board
    store = demo_wall.store
    t = demo_wall.theme
    for lane in (Lane.IDEAS, Lane.PRIORITISED, Lane.LOG):
        view = board.lanes[lane]
        width = card_painter.text_width(t, view.item_width())
        for card_id in view.card_ids():
            title = store.card(card_id).title
            lines = wrap(title, t.title_font, width, TITLE_LINES)
            assert _whole(title, lines), (lane, lines)
    goals = board.lanes[Lane.GOALS]
    width = card_painter.text_width(t, goals.item_width())
    lines = wrap(AIM, t.title_font, width, 3)
    assert len(lines) == 3
    assert _whole(AIM, lines) or _cut_at_a_word(AIM, lines), lines


def test_a_cut_title_ends_after_a_whole_word_with_an_ellipsis(qtbot) -> None:
    from board.ui.common.qt_app import ensure_app
    from board.ui.common.theme import Theme

    ensure_app()
    t = Theme.for_wall(1080)
    text = "Kommende forældre skal være mest muligt parate og afklarede om forældreskabet"
    for width in range(260, 520, 20):
        lines = wrap(text, t.title_font, width, 2)
        assert _whole(text, lines) or _cut_at_a_word(text, lines), (width, lines)
    assert clip_words(AIM, 60).endswith(" …")
    assert _cut_at_a_word(AIM, (clip_words(AIM, 60),))
    assert clip_words("Kort mål", 60) == "Kort mål"


def test_the_ladder_names_its_rung_in_both_languages() -> None:
    for lang, word in (("da", "Én borger"), ("en", "One citizen")):
        i18n.set_language(lang)
        assert card_painter.scale_label(ScaleStep.ONE) == word
    i18n.set_language("da")


def test_the_templates_goal_line_says_it_is_cut(demo_wall, qtbot) -> None:
    from template_ui.helpers import open_by_tap

    from board.ui.template.tile import Tile

    view = demo_wall.board.lanes[Lane.ACTIVITIES]
    first = view.card_ids()[0]  # "Forberedende møde med sagsbehandler", towards the aim
    page = open_by_tap(demo_wall, first)
    tile = page.findChild(Tile, "template-goals")
    assert tile is not None and tile.subtitle.endswith(" …")
    assert _cut_at_a_word(AIM, (tile.subtitle,))


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)], ids=["1920x1080", "3840x2160"])
def test_wall_pictures_at_full_hd_and_4k(demo_wall, ui_db, size) -> None:
    """Pictures to look at (test-artifacts/); the layout scales with the wall."""
    image = board_image(boards.load_board(ui_db, demo_wall.ops.board_id), size, wall=True)
    ARTIFACTS.mkdir(exist_ok=True)
    assert image.save(str(ARTIFACTS / f"wall-photo-{size[0]}x{size[1]}.png"))
    assert (image.width(), image.height()) == size
