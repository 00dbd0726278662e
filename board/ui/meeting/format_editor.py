"""A team's own meeting formats: the list (the sources' formats and the team's copies) with
"Kopiér og tilpas", and the editor where the team renames a copy, adds, removes and reorders
its steps, and changes a step's minutes and its questions.

A team format holds its texts literally (``MeetingFormat.texts``), so what the team types is
what the meeting shows; the editor keeps every key of the copy and makes new keys only for
new steps and questions. What the editor can tell at once (an empty name or title, minutes
that are not a whole number) is shown at the field; what the service refuses is shown in the
sheet in the user's words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from board.domain.errors import BoardError
from board.domain.meeting_formats import FormatStep, MeetingFormat, Question, Speaking
from board.i18n import tr
from board.meeting_formats import format_text
from board.ui.common.band_widgets import immediate_taps
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import (
    FieldError,
    big_button,
    heading,
    line_edit,
    note,
    scrolling,
    text_edit,
)
from board.ui.meeting.format_words import duration_text

FOLLOW_UP = "– "  # a line of questions that starts so is asked under the one before


@dataclass
class StepDraft:
    """One step as the editor holds it while the team changes it."""

    title: str
    minutes: str  # as typed; "" for a step that takes what the fixed steps leave
    questions: str  # one question a line, follow-ups marked with FOLLOW_UP
    step: FormatStep | None = None  # the step it was copied from (None: a new step)
    keys: list[Question] = field(default_factory=list)  # the step's questions as they were


def _questions_text(fmt: MeetingFormat, step: FormatStep) -> str:
    lines: list[str] = []
    for question in step.questions:
        lines.append(format_text(fmt, question.key))
        lines += [FOLLOW_UP + format_text(fmt, k) for k in question.follow_up_keys]
    return "\n".join(lines)


def drafts_of(fmt: MeetingFormat) -> list[StepDraft]:
    return [
        StepDraft(
            title=format_text(fmt, step.title_key),
            minutes=str(step.minutes) if step.weight is None and step.minutes else "",
            questions=_questions_text(fmt, step),
            step=step,
            keys=list(step.questions),
        )
        for step in fmt.steps
    ]


def _square(button: QPushButton, theme: Theme) -> QPushButton:
    """A one-sign button as wide as it is tall (▲, ▼, ×)."""
    button.setFont(theme.font(16, bold=True))
    button.setFixedWidth(theme.touch + theme.px(6))
    button.setStyleSheet(button.styleSheet() + "QPushButton { padding: 0; }")
    return button


class _Keys:
    """New keys for a team format's new texts, never one the format already has."""

    def __init__(self, fmt: MeetingFormat) -> None:
        self.prefix = fmt.key
        self.taken = set(fmt.texts) | set(fmt.text_keys()) | {s.key for s in fmt.steps}

    def new(self, kind: str) -> str:
        n = 1
        while f"{self.prefix}.{kind}_{n}" in self.taken:
            n += 1
        key = f"{self.prefix}.{kind}_{n}"
        self.taken.add(key)
        return key


def edited_format(fmt: MeetingFormat, name: str, drafts: list[StepDraft]) -> MeetingFormat:
    """The format as the team edited it: its texts literal, its keys kept where it can.
    A format of fixed steps only lasts as long as they do together."""
    keys = _Keys(fmt)
    texts = dict(fmt.texts)
    texts[fmt.name_key] = name.strip()
    steps: list[FormatStep] = []
    for draft in drafts:
        base = draft.step
        if base is None:
            step_key = keys.new("step")
            base = FormatStep(
                key=step_key.rsplit(".", 1)[-1],
                title_key=f"{step_key}.title",
                speaking=Speaking.EVERYONE,
            )
        texts[base.title_key] = draft.title.strip()
        questions: list[Question] = []
        for line in (raw.strip() for raw in draft.questions.splitlines()):
            if not line:
                continue
            if line.startswith(FOLLOW_UP.strip()) and questions:
                key = keys.new("follow_up")
                texts[key] = line[len(FOLLOW_UP.strip()) :].strip()
                last = questions[-1]
                questions[-1] = replace(last, follow_up_keys=(*last.follow_up_keys, key))
                continue
            old = draft.keys[len(questions)] if len(questions) < len(draft.keys) else None
            key = old.key if old is not None else keys.new("question")
            texts[key] = line
            questions.append(Question(key))
        minutes = int(draft.minutes) if draft.minutes.strip() else None
        if minutes is None:
            timing = {
                "minutes": None,
                "weight": base.weight or 1,
                "low_minutes": None,
                "at_most": False,
            }
        else:
            low = base.low_minutes if base.low_minutes and base.low_minutes < minutes else None
            timing = {"minutes": minutes, "weight": None, "low_minutes": low}
        steps.append(replace(base, questions=tuple(questions), **timing))  # type: ignore[arg-type]
    if all(step.weight is None for step in steps):
        # Only fixed steps: the meeting is as long as they are together.
        total = sum(step.minutes or 0 for step in steps)
        return replace(fmt, steps=tuple(steps), texts=texts, minutes=total, durations=(total,))
    return replace(fmt, steps=tuple(steps), texts=texts)


class FormatEditorSheet(Sheet):
    """Tilpas mødeformatet: name, steps (title, minutes, questions), their order."""

    saved = Signal(object)  # the MeetingFormat as the service saved it

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        fmt: MeetingFormat,
        save: Callable[[MeetingFormat], MeetingFormat | None],
    ) -> None:
        super().__init__(host, theme, width=900, name="format-editor", side=True)
        self.fmt = fmt
        self._save = save
        self.drafts = drafts_of(fmt)
        self._marks: list[FieldError] = []
        self._edited: MeetingFormat | None = None  # as last sent to be saved
        self.titles: list[QLineEdit] = []
        self.minutes: list[QLineEdit] = []
        self.questions: list[QWidget] = []
        lay = self.layout_
        lay.addWidget(heading(tr("meeting.formats.edit_title"), theme))
        lay.addWidget(note(tr("meeting.formats.edit_intro"), theme))
        self.name = line_edit(theme, tr("meeting.formats.name"), "format-name")
        self.name.setText(format_text(fmt, fmt.name_key))
        lay.addWidget(self.name)
        self.body = QWidget()
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(0, 0, theme.px(6), 0)
        self.rows.setSpacing(theme.px(8))
        scroll = scrolling(self.body, theme)
        immediate_taps(scroll)
        lay.addWidget(scroll, 1)
        bottom = QHBoxLayout()
        add = big_button(f"+ {tr('meeting.formats.add_step')}", theme, name="format-add-step")
        add.clicked.connect(self._add_step)
        cancel = big_button(tr("meeting.cancel"), theme, name="format-cancel")
        cancel.clicked.connect(self.dismiss)
        ok = big_button(tr("meeting.formats.save"), theme, "primary", name="format-save")
        ok.clicked.connect(self._on_save)
        bottom.addWidget(add)
        bottom.addStretch(1)
        bottom.addWidget(cancel)
        bottom.addWidget(ok)
        lay.addLayout(bottom)
        self._build_rows()

    # --- the steps -----------------------------------------------------------------------

    def _read(self) -> None:
        """What is typed into the rows, back into the drafts (before they are rebuilt)."""
        for draft, title, minutes, questions in zip(
            self.drafts, self.titles, self.minutes, self.questions, strict=True
        ):
            draft.title = title.text()
            draft.minutes = minutes.text()
            draft.questions = questions.toPlainText()  # type: ignore[attr-defined]

    def _build_rows(self) -> None:
        self._clear_marks()
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.titles, self.minutes, self.questions = [], [], []
        for n, draft in enumerate(self.drafts):
            self.rows.addWidget(self._row(n, draft))
        self.rows.addStretch(1)

    def _row(self, n: int, draft: StepDraft) -> QWidget:
        t = self.theme
        frame = QFrame()
        frame.setObjectName(f"format-step-{n}")
        frame.setStyleSheet(
            f"QFrame#format-step-{n} {{ background: {t.palette.lane.name()};"
            f" border-radius: {t.px(8)}px; }}"
            "QLabel { background: transparent; }"
        )
        rows = QVBoxLayout(frame)
        rows.setContentsMargins(*(t.px(8),) * 4)
        rows.setSpacing(t.px(6))
        top = QHBoxLayout()
        top.setSpacing(t.px(6))
        title = line_edit(t, tr("meeting.formats.step_title"), f"format-step-title-{n}")
        title.setText(draft.title)
        minutes = line_edit(t, tr("meeting.formats.rest"), f"format-step-minutes-{n}")
        minutes.setText(draft.minutes)
        minutes.setToolTip(tr("meeting.formats.minutes_hint"))
        minutes.setFixedWidth(t.px(110))
        top.addWidget(title, 1)
        top.addWidget(minutes)
        top.addWidget(note(tr("meeting.formats.minutes"), t))
        for text, name, move, key in (
            ("▲", "up", -1, "meeting.formats.move_up"),
            ("▼", "down", 1, "meeting.formats.move_down"),
        ):
            button = _square(big_button(text, t, name=f"format-step-{name}-{n}"), t)
            button.setEnabled(0 <= n + move < len(self.drafts))
            button.setAccessibleName(tr(key))
            button.clicked.connect(lambda _=False, i=n, d=move: self._move(i, d))
            top.addWidget(button)
        remove = _square(big_button("×", t, name=f"format-step-remove-{n}"), t)
        remove.setAccessibleName(tr("meeting.formats.remove_step"))
        remove.setEnabled(len(self.drafts) > 1)
        remove.clicked.connect(lambda _=False, i=n: self._remove(i))
        top.addWidget(remove)
        rows.addLayout(top)
        questions = text_edit(
            t, tr("meeting.formats.questions_hint"), f"format-step-questions-{n}", lines=3
        )
        questions.setPlainText(draft.questions)
        rows.addWidget(questions)
        self.titles.append(title)
        self.minutes.append(minutes)
        self.questions.append(questions)
        return frame

    def _move(self, index: int, by: int) -> None:
        self._read()
        to = index + by
        if 0 <= to < len(self.drafts):
            self.drafts[index], self.drafts[to] = self.drafts[to], self.drafts[index]
            self._build_rows()

    def _remove(self, index: int) -> None:
        self._read()
        if len(self.drafts) > 1:
            del self.drafts[index]
            self._build_rows()

    def _add_step(self) -> None:
        self._read()
        self.drafts.append(StepDraft(title="", minutes="", questions=""))
        self._build_rows()
        self.titles[-1].setFocus()

    # --- saving --------------------------------------------------------------------------

    def _clear_marks(self) -> None:
        for mark in list(self._marks):
            mark.clear()
        self._marks = []
        self.clear_errors()

    def _mark(self, widget: QWidget, message: str) -> None:
        mark = FieldError(widget, self.theme)
        mark.show(message)
        self._marks.append(mark)
        # Gone by itself once the field's text changes.
        mark.cleared.connect(lambda m=mark: self._marks.remove(m) if m in self._marks else None)

    def _check(self) -> bool:
        """What can be told at once, at its field, in the user's words."""
        first: QWidget | None = None
        if not self.name.text().strip():
            self._mark(self.name, tr("error.required", field=tr("meeting.formats.name")))
            first = self.name
        for draft, title, minutes in zip(self.drafts, self.titles, self.minutes, strict=True):
            if not draft.title.strip():
                self._mark(title, tr("error.required", field=tr("meeting.formats.step_title")))
                first = first or title
            value = draft.minutes.strip()
            if value and (not value.isdigit() or not 0 < int(value) <= 600):
                self._mark(minutes, tr("meeting.formats.bad_minutes", value=value))
                first = first or minutes
        if first is not None:
            first.setFocus()
        return first is None

    def show_error(self, error: BoardError, message: str) -> bool:
        """A refusal that names a step ("trin nr. 2, …") is shown at that step's field."""
        where = error.params.get("where")
        widget: QWidget | None = None
        if isinstance(where, tuple) and len(where) == 2 and where[0] == "texts":
            widget = self._text_field(str(where[1]))
        elif isinstance(where, tuple) and len(where) >= 2 and where[0] == "steps":
            index, part = where[1], where[2] if len(where) > 2 else ""
            if isinstance(index, int) and 0 <= index < len(self.titles):
                fields: dict[object, QWidget] = {
                    "minutes": self.minutes[index],
                    "weight": self.minutes[index],
                    "low_minutes": self.minutes[index],
                    "questions": self.questions[index],
                }
                widget = fields.get(part, self.titles[index])
        if widget is None or not self.isVisible():
            return super().show_error(error, message)
        self._mark(widget, message)
        widget.setFocus()
        return True

    def _text_field(self, key: str) -> QWidget | None:
        """The field a text of the format was typed in (its name, a title, a question)."""
        if key == self.fmt.name_key:
            return self.name
        for n, step in enumerate(self._edited.steps if self._edited else ()):
            if key == step.title_key:
                return self.titles[n]
            if any(key in (q.key, *q.follow_up_keys) for q in step.questions):
                return self.questions[n]
        return None

    def _on_save(self) -> None:
        self._read()
        self._clear_marks()
        if not self._check():
            return
        fmt = self._edited = edited_format(self.fmt, self.name.text(), self.drafts)
        saved = self.attempt(lambda: self._save(fmt))
        if saved is not None:
            self.saved.emit(saved)
            self.close_sheet()


class FormatsSheet(Sheet):
    """Mødeformater: every format the team can hold; a copy of one to make the team's own,
    and the team's own to change or put away."""

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        formats: list[MeetingFormat],
        *,
        copy: Callable[[MeetingFormat], object],
        edit: Callable[[MeetingFormat], object],
        archive: Callable[[MeetingFormat], object],
    ) -> None:
        super().__init__(host, theme, width=720, name="formats-sheet", side=True)
        lay = self.layout_
        lay.addWidget(heading(tr("meeting.formats.title"), theme))
        lay.addWidget(note(tr("meeting.formats.intro"), theme))
        body = QWidget()
        rows = QVBoxLayout(body)
        rows.setContentsMargins(0, 0, theme.px(6), 0)
        rows.setSpacing(theme.px(6))
        for fmt in formats:
            rows.addWidget(self._row(fmt, copy, edit, archive))
        rows.addStretch(1)
        scroll = scrolling(body, theme)
        immediate_taps(scroll)
        lay.addWidget(scroll, 1)
        done = big_button(tr("ui.done"), theme, "primary", name="formats-done")
        done.clicked.connect(self.dismiss)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(done)
        lay.addLayout(bottom)

    def _row(
        self,
        fmt: MeetingFormat,
        copy: Callable[[MeetingFormat], object],
        edit: Callable[[MeetingFormat], object],
        archive: Callable[[MeetingFormat], object],
    ) -> QWidget:
        t = self.theme
        frame = QFrame()
        frame.setObjectName(f"format-{fmt.key}")
        frame.setStyleSheet(
            f"QFrame#format-{fmt.key} {{ background: {t.palette.lane.name()};"
            f" border-radius: {t.px(8)}px; }}"
        )
        row = QHBoxLayout(frame)
        row.setContentsMargins(*(t.px(10),) * 4)
        words = QVBoxLayout()
        words.addWidget(heading(format_text(fmt, fmt.name_key), t, 14))
        about = duration_text(fmt.minutes)  # "30 min", "3 timer": as the guide says it
        if fmt.team:
            about = f"{about}  ·  {tr('meeting.formats.own')}"
        words.addWidget(note(about, t))
        row.addLayout(words, 1)
        actions: list[tuple[str, str, Callable[[MeetingFormat], object]]] = [
            ("meeting.formats.copy", "copy", copy)
        ]
        if fmt.team:
            actions += [
                ("meeting.formats.edit", "edit", edit),
                ("meeting.formats.archive", "archive", archive),
            ]
        for key, name, action in actions:
            button = big_button(tr(key), t, name=f"format-{name}-{fmt.key}")
            button.clicked.connect(self.closing(partial(action, fmt)))
            row.addWidget(button)
        return frame
