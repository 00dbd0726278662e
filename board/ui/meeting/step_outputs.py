"""What a meeting's step page offers under its questions: the step's notes field and the
quick outputs its format step produces (FormatStep.produces): Ny idé, Beslutning and
Læringspunkt. On the review step, the learning points since the last review, each turned
into an idea or a decision by a tap.

The widgets draw and ask MeetingOutputs; they keep nothing (a page is made anew often).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from board.dates import compact_date
from board.domain.entities import LearningPoint
from board.domain.meeting_formats import FormatStep, Produces
from board.i18n import tr, tr_n
from board.ui.common.band_widgets import immediate_taps, label
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button, scrolling, text_edit
from board.ui.meeting.meeting_outputs import MeetingOutputs
from board.ui.meeting.meeting_widgets import bound, compact
from board.ui.meeting.output_sheets import cpr_warning_label

REVIEW_STEP = "review"  # the periodic review's step key (fminutes' formats)


class StepNotes(QWidget):
    """The step's notes: saved as they are typed (after a pause, or when the field is
    left); a calm warning under it while the saved text holds a CPR-like number."""

    def __init__(self, theme: Theme, step: FormatStep, outputs: MeetingOutputs, lines: int = 2):
        super().__init__()
        self.setObjectName("step-notes-box")
        self.step_key = step.key
        self.outputs = outputs
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(theme.px(4))
        self.field = text_edit(
            theme,
            tr("meeting.notes.placeholder"),
            "step-notes",
            lines=lines,
            field="field.step_notes",
        )
        self.field.setPlainText(outputs.notes(step.key))
        self.field.textChanged.connect(self._typed)
        self.field.installEventFilter(self)
        lay.addWidget(self.field)
        self.warning = cpr_warning_label(theme, "step-notes-cpr")
        lay.addWidget(self.warning)
        self._warn(outputs.cpr.get(step.key, ()))
        outputs.notes_saved.connect(self._saved)

    def _typed(self) -> None:
        self.outputs.notes_typed(self.step_key, self.field.toPlainText())

    def _saved(self, step_key: str, found: tuple[str, ...]) -> None:
        if step_key == self.step_key:
            self._warn(found)

    def _warn(self, found: tuple[str, ...]) -> None:
        if found:
            self.warning.setText(tr("meeting.notes.cpr_warning", numbers=", ".join(found)))
        self.warning.setVisible(bool(found))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.FocusOut:
            popup = isinstance(event, QFocusEvent) and (
                event.reason() is Qt.FocusReason.PopupFocusReason  # its context menu
            )
            if not popup:
                self.outputs.flush_notes()
        return False


def output_buttons(theme: Theme, step: FormatStep, outputs: MeetingOutputs) -> list[QWidget]:
    """The quick outputs the step produces, as big buttons (none when it produces none)."""
    offered = [
        (Produces.IDEAS, "step-new-idea", "meeting.output.idea", outputs.new_idea),
        (Produces.DECISIONS, "step-new-decision", "meeting.output.decision", outputs.new_decision),
    ]
    buttons: list[QWidget] = []
    for produced, name, key, action in offered:
        # The review makes its ideas and decisions from the points it lists (ReviewList).
        if produced in step.produces and step.key != REVIEW_STEP:
            button = big_button(f"+ {tr(key)}", theme, name=name)
            compact(button, theme)
            button.clicked.connect(bound(action, step))
            buttons.append(button)
    if Produces.LEARNING_POINTS in step.produces:
        button = big_button(f"+ {tr('meeting.output.point')}", theme, name="step-new-point")
        compact(button, theme)
        button.clicked.connect(lambda: outputs.new_point(step))
        buttons.append(button)
    return buttons


class StepOutputs(QWidget):
    """The notes field with the step's quick outputs under it: the column a generic step
    page shows beside its questions (StepPages._outputs_row)."""

    def __init__(
        self,
        theme: Theme,
        step: FormatStep,
        outputs: MeetingOutputs,
        *,
        lines: int = 3,
    ) -> None:
        super().__init__()
        self.setObjectName(f"step-outputs-{step.key}")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(theme.px(6))
        self.notes = StepNotes(theme, step, outputs, lines)
        lay.addWidget(self.notes)
        for button in output_buttons(theme, step, outputs):
            lay.addWidget(button)  # one under the other: each reads in full
        lay.addStretch(1)


class ReviewList(QWidget):
    """Periodisk gennemgang: the learning points since the last review, newest first;
    each becomes an idea (Idéer) or a decision (an activity with owner and deadline)."""

    def __init__(self, theme: Theme, step: FormatStep, outputs: MeetingOutputs) -> None:
        super().__init__()
        self.setObjectName("review-list")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(theme.px(4))
        points = outputs.review_points()
        lay.addWidget(
            label(
                tr_n("meeting.review.title", len(points)),
                theme.font(13, bold=True),
                theme.palette.text,
                name="review-title",
            )
        )
        body = QWidget()
        rows = QVBoxLayout(body)
        rows.setContentsMargins(0, 0, theme.px(4), 0)
        rows.setSpacing(theme.px(4))
        if not points:
            rows.addWidget(label(tr("meeting.review.none"), theme.font(12), theme.palette.muted))
        for point in points:
            rows.addWidget(self._row(theme, step, outputs, point))
        rows.addStretch(1)
        scroll = scrolling(body, theme)
        scroll.setObjectName("review-scroll")
        immediate_taps(scroll)
        lay.addWidget(scroll, 1)

    def _row(
        self, theme: Theme, step: FormatStep, outputs: MeetingOutputs, point: LearningPoint
    ) -> QWidget:
        frame = QFrame()
        frame.setObjectName(f"review-point-{point.id}")
        frame.setStyleSheet(
            f"QFrame#review-point-{point.id} {{ background: {theme.palette.lane.name()};"
            f" border-radius: {theme.px(6)}px; }}"
            "QLabel { background: transparent; }"
        )
        words = QVBoxLayout(frame)
        words.setContentsMargins(theme.px(8), theme.px(4), theme.px(8), theme.px(6))
        words.setSpacing(theme.px(2))
        about = " · ".join(p for p in (compact_date(point.noted_on), point.case_label) if p)
        words.addWidget(label(about, theme.font(11), theme.palette.muted))
        text = QLabel(point.text)
        text.setWordWrap(True)
        text.setFont(theme.font(12.5, bold=True))
        text.setObjectName(f"review-text-{point.id}")
        words.addWidget(text)
        # Under the point, not beside it: the column is narrow beside the step's prompt.
        line = QHBoxLayout()
        line.setSpacing(theme.px(6))
        idea = big_button(tr("meeting.review.as_idea"), theme, name=f"review-idea-{point.id}")
        compact(idea, theme)
        idea.clicked.connect(lambda: outputs.point_as_idea(step, point))
        decision = big_button(
            tr("meeting.review.as_decision"), theme, name=f"review-decision-{point.id}"
        )
        compact(decision, theme)
        decision.clicked.connect(lambda: outputs.point_as_decision(step, point))
        line.addWidget(idea, 1)
        line.addWidget(decision, 1)
        words.addLayout(line)
        return frame
