"""The pages of the meeting band: what it shows before the start (the format and its
length), at each step of the format (the fremdriftsmøde's Fremmøde, walk through the tests,
new ideas and Afslut have pages of their own; every other step the generic page: who
speaks, the prompt and the questions large, or a round) and after the end.

A page only draws what MeetingView says and emits BandSignals; MeetingPanel makes a new
one whenever the step, the card walked through, the meeting or the theme changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from board.dates import example_date, short_date
from board.domain.entities import Card, CycleStep
from board.domain.lanes import Lane
from board.domain.meeting_formats import FormatStep, Role, Speaking
from board.i18n import tr
from board.meeting_formats import format_text
from board.ui.common.band_widgets import ElidedLabel, WrapButton, band_field, immediate_taps, label
from board.ui.common.theme import LANE_ACCENT
from board.ui.common.widgets import big_button, line_edit, scrollbar_style
from board.ui.meeting.format_words import cadence_text, timebox_text
from board.ui.meeting.meeting_agenda import ACTIVITIES, ATTENDANCE, CLOSE, IDEAS
from board.ui.meeting.meeting_state import Phase
from board.ui.meeting.meeting_widgets import (
    ElidingButton,
    LinesLabel,
    PersonBadge,
    bound,
    compact,
    presence,
    short_names,
    shorten,
)
from board.ui.meeting.page_parts import PageParts, page_height
from board.ui.meeting.privacy_box import PrivacyBox
from board.ui.meeting.step_outputs import REVIEW_STEP, ReviewList, StepOutputs
from board.ui.meeting.walk_chart import chart_view

GO = QColor("#2E8B57")
PAGE = (30, 46)  # the generic step page: what and who beside the questions (then the outputs)
OUTPUTS = 30  # the notes and quick outputs beside them, when opened
REVIEW = 46  # the review's points since the last review


class StepPages(PageParts):
    def build(self) -> None:
        """The page for the state the view is in: ready, a step of the agenda, the minutes."""
        state = self.view.state
        if state.phase is Phase.READY:
            self._ready_page()
        elif state.running:
            own = {
                ATTENDANCE: self._attendance_page,
                ACTIVITIES: self._activity_page,
                IDEAS: self._ideas_page,
                CLOSE: self._close_page,
            }.get(state.step_key)
            if own is not None:
                own()
            else:
                self._step_page(state.current)
        else:
            self._minutes_page()
        for column in self.columns:
            column.addStretch(1)

    def _ready_page(self) -> None:
        t, sig = self.theme, self.signals
        history = big_button(tr("meeting.history.open"), t, name="meeting-ready-history")
        compact(history, t)
        history.clicked.connect(sig.history.emit)
        self.extra(history)
        state = self.view.state
        fmt = state.format
        left, middle = self.column(7), self.column(4)
        # The format: one big button, the formats of the board in a sheet (they are many).
        name = format_text(fmt, fmt.name_key)
        choose = ElidingButton(f"{tr('meeting.ready.format')}: {name}  ▾", t, "choose-format")
        choose.setCheckable(False)
        choose.setToolTip(format_text(fmt, fmt.purpose_key))
        choose.clicked.connect(lambda _checked=False: sig.format_wanted.emit())
        left.addWidget(choose)
        how = [tr(f"format.setting.{fmt.setting.value}"), cadence_text(fmt)]
        self.prompt(left, "  ·  ".join(how))
        self.text(middle, tr("meeting.ready.length"), 13, bold=True)
        row = QHBoxLayout()
        row.setSpacing(t.px(6))
        self.length_chips(row, state.planned_minutes)
        middle.addLayout(row)
        start = WrapButton(
            f"▶  {tr('meeting.ready.start')}", t, name="meeting-start", accent=GO, size=15
        )
        start.setMinimumHeight(page_height(t) - t.px(6))
        start.clicked.connect(sig.start.emit)
        self.column(3).addWidget(start)

    def _attendance_page(self) -> None:
        t, c, sig = self.theme, self.view, self.signals
        meeting = c.meeting
        assert meeting is not None
        present = {a.person_id for a in meeting.attendance if a.present and a.person_id}
        team = [p for p in c.team(include_archived=True) if not p.archived or p.id in present]
        names = short_names(team)
        # On the step line: who leads (when the format has a mødeleder), and how long.
        roles = c.state.format.roles
        if Role.FACILITATOR in roles:
            if meeting.facilitator_id is not None:
                chosen = names.get(meeting.facilitator_id) or c.person_name(meeting.facilitator_id)
                text = f"{tr('meeting.facilitator')}: {chosen}  ▾"
            else:
                text = f"{tr('meeting.facilitator.choose')}  ▾"
            facilitator = ElidingButton(text, t, "choose-facilitator")
            facilitator.setCheckable(False)
            facilitator.setMinimumWidth(self.chip_width(text))
            facilitator.clicked.connect(sig.facilitator_wanted.emit)
            self.extra(facilitator)
        # The format's other roles, each given to one of those present (a small chooser).
        others = [r for r in roles if r not in (Role.FACILITATOR, Role.EVERYONE)]
        # The page: everyone on the team as a chip (tap: here), the guests, a guest's name.
        chips: list[ElidingButton] = []
        for p in team:
            chip = self.chip(
                names[p.id],
                f"present-{p.id}",
                p.id in present,
                presence(sig.presence_set.emit, p.id),
            )
            chip.setToolTip(p.name)
            chips.append(chip)
        guests = [a.guest_name for a in meeting.attendance if a.person_id is None]
        for n, guest in enumerate(guests):
            chip = self.chip(guest, f"guest-{n}", True, bound(lambda _value: None, None))
            chip.setEnabled(False)  # here by being added
            chips.append(chip)
        stretches = (62, 13, 25)
        left = self.column(stretches[0])
        self.two_rows(left, chips, self.share(stretches, 0))
        if others:  # not a fremdriftsmøde: the band is roomy, the roles go under the people
            self._roles(left, others, names)
        middle = self.column(stretches[1])
        self.length_chips(middle, meeting.planned_minutes)
        right = self.column(stretches[2])
        field = self.guest = band_field(
            line_edit(t, tr("meeting.attendance.guest_placeholder"), name="guest-name"), t
        )
        field.returnPressed.connect(self._add_guest)
        add = big_button(tr("meeting.attendance.add_guest"), t, name="add-guest")
        add.clicked.connect(self._add_guest)
        right.addWidget(field)
        right.addWidget(add)

    def _roles(self, col: QVBoxLayout, roles: Sequence[Role], names: Mapping[int, str]) -> None:
        """A button per role: who holds it ("Sagsbehandler: Mette ▾"); a tap asks who."""
        col.addSpacing(self.theme.px(6))
        for role in roles:
            held = self.holder(role)
            who = names.get(held) or self.view.person_name(held) if isinstance(held, int) else held
            text = f"{tr(f'meeting.role.{role.value}')}: {who or tr('meeting.role.nobody')}  ▾"
            button = ElidingButton(text, self.theme, f"choose-role-{role.value}")
            button.setCheckable(False)
            button.setToolTip(tr(f"format.role.{role.value}"))
            button.clicked.connect(bound(self.signals.role_wanted.emit, role.value))
            col.addWidget(button)

    def holder(self, role: Role) -> int | str | None:
        """Who holds ``role`` at this meeting: a person's id, a guest's name, or nobody."""
        meeting = self.view.meeting
        held = meeting.role(role.value) if meeting is not None else None
        if held is None:
            return None
        return held.person_id if held.person_id is not None else held.guest_name or None

    def _add_guest(self) -> None:
        # Added, the meeting comes back and the page is made again with an empty field.
        name = self.guest.text().strip() if self.guest is not None else ""
        if name:
            self.signals.guest_added.emit(name)

    def _activity_page(self) -> None:
        """The test talked about (ringed on the board, whose row shows its learning cycle):
        its title and owner, "Ny aftale" and "Åbn kortet", and its agreements."""
        t, c = self.theme, self.view
        card = c.walk_card
        if card is None:
            left = self.column(3)
            self.prompt(left, self.word(c.state.current.prompt_key))
            self.text(left, tr("meeting.walk.none"), 13, muted=True)
            self.new_agreement_button(self.column(1), None)
            return
        found = self.goal_chart
        # With its goal's chart (the band a little taller): the test's parts in narrower
        # columns, the chart on the right, »Data: Mål 1« on the step line.
        left = self.column(30 if found else 38)
        lines = 4 if found else 3  # a narrower column, the title alone in it
        title = LinesLabel(card.title, t.font(12.5, bold=True), t.palette.text, lines=lines)
        title.setObjectName("meeting-card-title")
        title.setStyleSheet(
            f"color: {t.palette.text.name()}; background: transparent;"
            f" border-left: {t.px(6)}px solid {LANE_ACCENT[card.lane].name()};"
            f" padding-left: {t.px(8)}px;"
        )
        left.addWidget(title)
        buttons = self.column(20)
        # beside the chart the owner's badge and deadline stand over the buttons, the name
        # under the title
        if found:
            self._owner_column(buttons, card, name_col=left)
        else:
            self._owner_column(self.column(15), card)
        self.new_agreement_button(buttons, card)
        open_card = big_button(tr("meeting.walk.open_card"), t, name="meeting-open-card")
        compact(open_card, t)
        open_card.clicked.connect(lambda: self.signals.card_opened.emit(card.id))
        buttons.addWidget(open_card)
        right = self.list_column(10 if found else 27)
        cycle = c.store.cycle(card.id)
        # Where the test stands (its row on the board says the same), over its agreements.
        if card.lane is not Lane.ACTIVITIES:
            state = tr("meeting.walk.moved", lane=tr(card.lane.label_key))
            self.text(right, state, 12, muted=True, name="meeting-card-moved")
        elif cycle is None or cycle.step is CycleStep.CLOSED:
            self.text(right, tr("meeting.walk.no_cycle"), 12, muted=True, name="meeting-cycle-none")
        else:
            state = tr("ui.cycle.state", number=cycle.number, step=tr(f"step.{cycle.step.value}"))
            state_label = self.text(right, state, 12, bold=True, name="meeting-cycle-title")
            state_label.setStyleSheet(
                f"color: {LANE_ACCENT[Lane.ACTIVITIES].darker(120).name()};"
                " background: transparent;"
            )
        self.agreements(right, card.id)
        if cycle is not None and cycle.act_next_step.strip():
            next_step = f"{tr('field.act_next_step')}: {shorten(cycle.act_next_step, 160)}"
            self.text(right, next_step, 12, name="meeting-next-step")
        if found is not None:
            # Not one of ``columns``, which end in a stretch: the chart takes the page's height.
            box = QWidget()
            box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, t.px(3))
            self.body_row.addWidget(box, 40)
            col.addWidget(chart_view(found, t), 1)

    def _owner_column(
        self, col: QVBoxLayout, card: Card, name_col: QVBoxLayout | None = None
    ) -> None:
        """Who owns the test and by when: the badge and the deadline, the name under them
        (or in ``name_col``)."""
        t, c = self.theme, self.view
        row = QHBoxLayout()
        row.setSpacing(t.px(5))
        owner = c.store.person(card.owner_id)
        if owner is not None:
            badge = PersonBadge(t, owner, t.px(20))
            badge.setToolTip(owner.name)
            row.addWidget(badge)
        if card.deadline is not None:
            late = card.is_overdue(c.today)
            when = short_date(card.deadline, c.today)
            colour = t.palette.overdue if late else t.palette.text
            row.addWidget(
                label(
                    f"{'⚠ ' if late else ''}{when}",
                    t.font(12.5, bold=True),
                    colour,
                    wrap=False,
                    name="meeting-card-deadline",
                )
            )
        row.addStretch(1)
        col.addLayout(row)
        col = name_col or col
        if owner is not None:
            self.text(col, owner.name, 12.5, bold=True, name="meeting-card-owner")
        else:
            self.text(col, tr("meeting.walk.no_owner"), 12, muted=True, name="meeting-card-owner")

    def _ideas_page(self) -> None:
        """The first prioritised ideas and new ideas as chips in their lane's colour: a tap
        rings the card on the board; then "Ny aftale" and the agreements so far."""
        t, c = self.theme, self.view
        pointed = c.pointed
        stretches = (50, 20, 30)
        chips: list[ElidingButton] = []
        for lane in (Lane.PRIORITISED, Lane.IDEAS):
            for card in c.store.lane_cards(lane)[:2]:
                button = self.chip(
                    card.title,
                    f"idea-{card.id}",
                    pointed == card.id,
                    bound(self.signals.card_pointed.emit, card.id),
                )
                button.setStyleSheet(
                    button.styleSheet() + "QPushButton { text-align: left;"
                    f" border-left: {t.px(6)}px solid {LANE_ACCENT[lane].name()}; }}"
                )
                button.setToolTip(f"{tr(lane.label_key)}: {card.title}")
                chips.append(button)
        left = self.column(stretches[0])
        grid = QGridLayout()
        grid.setSpacing(t.px(6))
        for n, chip in enumerate(chips):
            grid.addWidget(chip, n // 2, n % 2)
        left.addLayout(grid)
        middle = self.column(stretches[1])
        self.new_agreement_button(middle, c.store.card(pointed) if pointed is not None else None)
        count = len(c.meeting.agreements) if c.meeting else 0
        self.extra(
            label(
                tr("meeting.agreements.title", count=count),
                t.font(13, bold=True),
                t.palette.text,
                wrap=False,
            )
        )
        self.agreements(self.list_column(stretches[2]))

    # --- the generic step page -------------------------------------------------------------

    def word(self, key: str | None) -> str:
        """A text of the meeting's format, in the user's language ("" for none)."""
        return format_text(self.view.state.format, key) if key else ""

    def _step_page(self, step: FormatStep) -> None:
        """A step of a format: its timebox and who speaks beside what the step is about,
        read from across the room: the questions one at a time (or all), or the round."""
        about = self.column(PAGE[0])
        box = timebox_text(step, self.view.clock.step_box_s)
        self.text(about, box, 13, bold=True, muted=True, name="meeting-step-timebox")
        speaks = self.speaks(step)
        if speaks:
            self.text(about, speaks, 14.5, bold=True, name="meeting-speaks")
        if step.speaking is Speaking.ROUND:
            if step.prompt_key:
                self.prompt(about, self.word(step.prompt_key))
            self._round(self.column(PAGE[1]))
        elif step.questions:
            if step.prompt_key:
                self.prompt(about, self.word(step.prompt_key))
            self._questions(step, self.column(PAGE[1]))
        elif step.key == REVIEW_STEP:  # the points since the last review fill the middle
            self.prompt(about, self.word(step.prompt_key))
        else:  # the prompt is what the step is about: large
            middle = self.column(PAGE[1])
            self.text(middle, self.word(step.prompt_key), 19, name="meeting-step-prompt")
            if step.closing_key:
                self.text(middle, self.word(step.closing_key), 13, muted=True)
        self._outputs_row(step)

    def speaks(self, step: FormatStep) -> str:
        """ "Sagsbehandleren har ordet", or the holder's name once the role is given."""
        if step.speaking is Speaking.ONE and step.speaker is not None:
            held = self.holder(step.speaker)
            if step.speaker is Role.FACILITATOR and self.view.meeting is not None:
                held = self.view.meeting.facilitator_id
            name = self.view.person_name(held) if isinstance(held, int) else held
            role = tr(f"meeting.role.{step.speaker.value}")
            if name:
                return tr("meeting.speaks.named", name=name, role=role)
            return tr(f"meeting.speaks.{step.speaker.value}")
        if step.speaking is Speaking.NONE:
            return ""
        return tr(f"format.speaking.{step.speaking.value}")

    def _questions(self, step: FormatStep, col: QVBoxLayout) -> None:
        """The step's questions LARGE: one at a time with ‹ ›, or all of them (a toggle)."""
        t, sig, state = self.theme, self.signals, self.view.state
        count = len(step.questions)
        index = min(state.question, count - 1)
        row = QHBoxLayout()
        row.setSpacing(t.px(6))
        if not state.all_questions:
            back = big_button("‹", t, name="question-previous")
            on = big_button("›", t, name="question-next")
            for button, delta in ((back, -1), (on, 1)):
                button.setFont(t.font(18, bold=True))
                button.setFixedWidth(t.touch)
                button.setStyleSheet(button.styleSheet() + "QPushButton { padding: 0; }")
                button.clicked.connect(bound(sig.question_moved.emit, delta))
            back.setEnabled(index > 0)
            on.setEnabled(index < count - 1)
            back.setAccessibleName(tr("meeting.questions.previous"))
            on.setAccessibleName(tr("meeting.questions.next"))
            row.addWidget(back)
            where = tr("meeting.questions.position", number=index + 1, count=count)
            row.addWidget(
                label(
                    where,
                    t.font(12.5, bold=True),
                    t.palette.muted,
                    wrap=False,
                    name="meeting-question-position",
                )
            )
            row.addWidget(on)
        row.addStretch(1)
        toggle = self.chip(
            tr("meeting.questions.all"),
            "questions-all",
            state.all_questions,
            self._show_all,
        )
        toggle.setMinimumWidth(self.chip_width(tr("meeting.questions.all")))
        row.addWidget(toggle)
        col.addLayout(row)
        if state.all_questions:
            inner = self.scrolling_list(col)
            for n, question in enumerate(step.questions, start=1):
                text = f"{n}. {self.word(question.key)}"
                self.text(inner, text, 14, bold=True, name=f"meeting-question-{n}")
                for follow in question.follow_up_keys:
                    self.text(inner, f"–  {self.word(follow)}", 12.5, muted=True)
            if step.closing_key:
                self.text(inner, self.word(step.closing_key), 12.5, muted=True)
            inner.addStretch(1)
            return
        question = step.questions[index]
        self.text(col, self.word(question.key), 19, bold=True, name="meeting-question")
        for follow in question.follow_up_keys:
            self.text(col, f"–  {self.word(follow)}", 14, muted=True, name="meeting-follow-up")
        if step.closing_key and index == count - 1:
            self.text(col, self.word(step.closing_key), 13, muted=True)

    def _show_all(self, checked: bool) -> None:
        self.signals.questions_shown_all.emit(checked)

    def _round(self, col: QVBoxLayout) -> None:
        """Ordet går på omgang: the one speaking now large with their own time, the others
        waiting or done; "Næste" passes the word."""
        t, state = self.theme, self.view.state
        if not state.turns:
            self.text(col, tr("meeting.round.nobody"), 14, muted=True, name="meeting-speaker")
            return
        speaker = QHBoxLayout()
        speaker.setSpacing(t.px(12))
        speaker.addWidget(
            label(
                state.turns[state.turn],
                t.font(22, bold=True),
                t.palette.text,
                wrap=False,
                name="meeting-speaker",
            ),
            1,
        )
        self.turn_time = label(
            "", t.font(18, bold=True), t.palette.text, wrap=False, name="meeting-turn-time"
        )
        speaker.addWidget(self.turn_time)
        col.addLayout(speaker)
        chips: list[ElidingButton] = []
        for n, name in enumerate(state.turns):
            mark = "✓  " if n < state.turn else "▶  " if n == state.turn else ""
            chip = ElidingButton(f"{mark}{name}", t, f"turn-{n}")
            chip.setChecked(n == state.turn)
            chip.setEnabled(False)  # the order is the round's: "Næste" passes the word
            chips.append(chip)
        self.two_rows(col, chips, self.share(PAGE, 1))

    def _outputs_row(self, step: FormatStep) -> None:
        """The step's notes field with its quick outputs (idea, decision, learning point) as
        the page's last column, opened by "✎ Noter" in the clock's column (MeetingPanel) and
        kept open for the meeting; on the periodic review, first the points since the last."""
        outputs = self.view.outputs
        if step.key == REVIEW_STEP:
            self.body_row.addWidget(ReviewList(self.theme, step, outputs), REVIEW)
        if outputs.shown:
            self.column(OUTPUTS).addWidget(StepOutputs(self.theme, step, outputs))

    def _close_page(self) -> None:
        t, c, sig = self.theme, self.view, self.signals
        meeting = c.meeting
        if c.state.privacy_hits:
            box = PrivacyBox(
                t,
                c.state.privacy_hits,
                confirm_text=tr("meeting.privacy.end_anyway"),
                on_fix=sig.privacy_cleared.emit,
                on_confirm=lambda: sig.end_wanted.emit(True),
                on_open_card=sig.card_number_opened.emit,
                note=tr("meeting.privacy.fix_now"),
                on_find=sig.privacy_find_wanted.emit,
            )
            self.column(1).addWidget(box)
            return
        count = len(meeting.agreements) if meeting else 0
        heading = label(
            tr("meeting.agreements.title", count=count),
            t.font(13, bold=True),
            t.palette.text,
            wrap=False,
        )
        self.extra(heading)
        self.extras.addStretch(1)
        self.agreements(self.list_column(32), removable=True)
        middle = self.column(44)
        row = QHBoxLayout()
        row.setSpacing(t.px(6))
        for key, days in (
            ("meeting.next.week", 7),
            ("meeting.next.two_weeks", 14),
            ("meeting.next.three_weeks", 21),
        ):
            chip = self.chip(
                tr(key),
                f"next-{days}",
                c.next_in_days() == days,
                bound(sig.next_in_chosen.emit, days),
            )
            row.addWidget(chip)
        middle.addLayout(row)
        when = QHBoxLayout()
        when.setSpacing(t.px(8))
        when.addWidget(
            label(tr("meeting.next.title"), t.font(13, bold=True), t.palette.text, wrap=False)
        )
        field = self.next_date = band_field(
            line_edit(
                t, tr("ui.deadline.placeholder", example=example_date()), name="next-meeting"
            ),
            t,
        )
        field.setText(c.state.next_meeting_text())
        field.setToolTip(tr("meeting.next.hint"))
        field.editingFinished.connect(lambda: sig.next_date_typed.emit(field.text()))
        when.addWidget(field, 1)
        middle.addLayout(when)
        right = self.column(24)
        end = WrapButton(tr("meeting.end"), t, name="meeting-end", accent=GO, size=14)
        end.setMinimumHeight(page_height(t) - t.px(12))
        end.clicked.connect(lambda: sig.end_wanted.emit(False))
        right.addWidget(end)

    def _minutes_page(self) -> None:
        t, c, sig = self.theme, self.view, self.signals
        error = c.state.minutes_error
        left = self.column(3)
        if c.state.files is None:
            state = error or tr("meeting.minutes.making")
            self.text(left, state, 14, bold=error is None, name="meeting-minutes-state")
            if error:
                again = big_button(tr("meeting.minutes.retry"), t, "primary", name="minutes-retry")
                again.clicked.connect(sig.minutes_retry.emit)
                left.addWidget(again)
            self.column(5)
            return
        self.text(
            left, f"✓  {tr('meeting.minutes.saved')}", 13.5, bold=True, name="meeting-minutes-state"
        )
        folder = ElidedLabel(
            str(c.state.files.pdf_path.parent),
            t.font(11.5),
            t.palette.muted,
            name="meeting-minutes-folder",
            mode=Qt.TextElideMode.ElideMiddle,
        )
        left.addWidget(folder)
        files = c.state.files
        open_pdf = big_button(tr("meeting.minutes.open"), t, name="minutes-open")
        open_pdf.clicked.connect(lambda: sig.path_opened.emit(files.pdf_path))
        open_folder = big_button(tr("meeting.minutes.folder"), t, name="minutes-folder")
        open_folder.clicked.connect(lambda: sig.path_opened.emit(files.pdf_path.parent))
        left.addWidget(open_pdf)
        left.addWidget(open_folder)
        send_view = c.send_view
        if send_view is not None:
            # A long list of those absent scrolls; the view outlives the page (see rebuild).
            scroll = self.send_scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            scroll.setStyleSheet("QScrollArea { background: white; border: none; }")
            scroll.viewport().setStyleSheet("background: white;")
            scroll.verticalScrollBar().setStyleSheet(scrollbar_style(t))
            immediate_taps(scroll)
            scroll.setWidget(send_view)
            self.body_row.addWidget(scroll, 7)
            send_view.show()
