"""The board's general learning points (læringspunkter, 003): listed newest first, searched
as you type, noted, corrected and archived, and saved as PDF or CSV for the other teams'
leaders.

A CPR number in a point's text is saved and then warned about calmly at the field, with the
point kept open for correcting; in the case label it is refused at the field (the service's
rule). Archiving is taken back with the sheet's own "Fortryd", as the archive restores cards.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from board.dates import compact_date, file_date
from board.domain.entities import LearningPoint, Meeting
from board.domain.errors import BoardError
from board.domain.file_names import safe_name
from board.i18n import tr
from board.ui.common.save_places import SavePlaceSheet, usual_places
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import (
    big_button,
    field_style,
    heading,
    line_edit,
    note,
    scrolling,
    text_edit,
)

if TYPE_CHECKING:
    from board.ui.operations.operations import BoardOperations
    from board.ui.operations.results import Saved

WARNING_BG = "#FFF4D6"  # the calm amber of the CPR warning before minutes are sent
WARNING_EDGE = "#C98A00"


class LearningPointsSheet(Sheet):
    def __init__(self, host: QWidget, theme: Theme, ops: BoardOperations) -> None:
        super().__init__(host, theme, width=780, name="learning-points-sheet", side=True)
        self.ops = ops
        self.editing: LearningPoint | None = None
        self.archived: LearningPoint | None = None  # the last archived point, for "Fortryd"
        self._meetings: dict[int, Meeting] = ops.learning_point_meetings()
        lay = self.layout_
        lay.addWidget(heading(tr("ui.points.title"), theme))
        self.search = line_edit(theme, tr("ui.points.search"), "points-search")
        self.search.textChanged.connect(lambda _text: self.refresh())
        lay.addWidget(self.search)

        self.form_title = heading(tr("ui.points.new"), theme, 14)
        lay.addWidget(self.form_title)
        self.text = text_edit(
            theme, tr("ui.points.text_hint"), "point-text", lines=2, field="field.learning_point"
        )
        lay.addWidget(self.text)
        self.warning = QLabel()
        self.warning.setObjectName("point-cpr-warning")
        self.warning.setWordWrap(True)
        self.warning.setFont(theme.hint_font)
        self.warning.setStyleSheet(
            f"QLabel#point-cpr-warning {{ background: {WARNING_BG}; color: #3D2E00;"
            f" border: none; border-left: {theme.px(5)}px solid {WARNING_EDGE};"
            f" padding: {theme.px(6)}px {theme.px(10)}px; }}"
        )
        self.warning.hide()
        lay.addWidget(self.warning)
        row = QHBoxLayout()
        self.case = line_edit(
            theme, tr("ui.points.case_hint"), "point-case", field="field.case_label"
        )
        self.who = QComboBox()
        self.who.setObjectName("point-who")
        self.who.setFont(theme.title_font)
        self.who.setMinimumHeight(theme.touch)
        self.who.setStyleSheet(f"QComboBox {{ {field_style(theme)} }}")
        self.who.addItem(tr("ui.points.nobody"), None)
        for person in ops.store.people:
            self.who.addItem(person.name, person.id)
        row.addWidget(self.case, 3)
        row.addWidget(self.who, 2)
        lay.addLayout(row)
        buttons = QHBoxLayout()
        self.save = big_button(tr("ui.points.add"), theme, "primary", name="point-save")
        self.save.clicked.connect(self._save)
        self.cancel = big_button(tr("save.cancel"), theme, name="point-cancel")
        self.cancel.clicked.connect(self._clear_form)
        self.cancel.hide()
        buttons.addWidget(self.save)
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        lay.addLayout(buttons)

        self.undo_row = QFrame()
        undo = QHBoxLayout(self.undo_row)
        undo.setContentsMargins(0, 0, 0, 0)
        undo.addWidget(note(tr("ui.points.archived"), theme), 1)
        undo_button = big_button(tr("ui.undo"), theme, name="point-undo")
        undo_button.clicked.connect(self._restore)
        undo.addWidget(undo_button)
        self.undo_row.hide()
        lay.addWidget(self.undo_row)

        self.body = QWidget()
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(theme.px(6))
        lay.addWidget(scrolling(self.body, theme), 1)

        self.status = note("", theme)
        self.status.setObjectName("points-status")
        self.status.hide()
        lay.addWidget(self.status)
        bottom = QHBoxLayout()
        pdf = big_button(tr("ui.points.pdf"), theme, name="points-pdf")
        pdf.clicked.connect(lambda: self._export("pdf"))
        csv_button = big_button(tr("ui.points.csv"), theme, name="points-csv")
        csv_button.clicked.connect(lambda: self._export("csv"))
        done = big_button(tr("ui.done"), theme, "primary", name="points-done")
        done.clicked.connect(self.dismiss)
        bottom.addWidget(pdf)
        bottom.addWidget(csv_button)
        bottom.addStretch(1)
        bottom.addWidget(done)
        lay.addLayout(bottom)
        self.refresh()

    # --- the list ------------------------------------------------------------------------

    def refresh(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        query = self.search.text()
        points = self.ops.find_learning_points(query)
        if not points:
            empty = tr("ui.points.no_match" if query.strip() else "ui.points.empty")
            self.rows.addWidget(note(empty, self.theme))
        for point in points:
            self.rows.addWidget(self._row(point))
        self.rows.addStretch(1)

    def _about(self, point: LearningPoint) -> str:
        """ "1.12.2026 · Sag A · Gitte Holm · Teamsparring 24.11.2026" """
        parts = [compact_date(point.noted_on), point.case_label]
        person = self.ops.store.person(point.noted_by_id)
        parts.append(person.name if person is not None else "")
        meeting = self._meetings.get(point.meeting_id) if point.meeting_id else None
        if meeting is not None:
            kind = tr(f"meeting.{meeting.kind.value}")
            parts.append(f"{kind} {compact_date(meeting.started_at.date())}")
        return "  ·  ".join(p for p in parts if p)

    def _row(self, point: LearningPoint) -> QWidget:
        theme = self.theme
        frame = QFrame()
        frame.setObjectName(f"point-{point.id}")
        frame.setStyleSheet(
            f"QFrame#point-{point.id} {{ background: {theme.palette.lane.name()};"
            f" border-radius: {theme.px(8)}px; }}"
            "QLabel { background: transparent; }"
        )
        row = QHBoxLayout(frame)
        row.setContentsMargins(*(theme.px(10),) * 4)
        words = QVBoxLayout()
        words.addWidget(note(self._about(point), theme))
        text = QLabel(point.text)
        text.setObjectName(f"point-text-{point.id}")
        text.setWordWrap(True)
        text.setFont(theme.title_font)
        text.setStyleSheet(f"color: {theme.palette.text.name()};")
        words.addWidget(text)
        row.addLayout(words, 1)
        edit = big_button(tr("ui.points.edit"), theme, name=f"point-edit-{point.id}")
        edit.clicked.connect(lambda _=False, p=point: self._start_edit(p))
        archive = big_button(tr("ui.points.archive"), theme, name=f"point-archive-{point.id}")
        archive.clicked.connect(lambda _=False, p=point: self._archive(p))
        row.addWidget(edit)
        row.addWidget(archive)
        return frame

    # --- add, edit, archive --------------------------------------------------------------

    def _start_edit(self, point: LearningPoint) -> None:
        self.clear_errors()
        self.warning.hide()
        self.editing = point
        self.text.setPlainText(point.text)
        self.case.setText(point.case_label)
        self.who.setCurrentIndex(max(0, self.who.findData(point.noted_by_id)))
        self.form_title.setText(tr("ui.points.edit_title"))
        self.save.setText(tr("ui.points.save"))
        self.cancel.show()
        self.text.setFocus()

    def _clear_form(self) -> None:
        self.clear_errors()
        self.editing = None
        self.text.clear()
        self.case.clear()
        self.who.setCurrentIndex(0)
        self.warning.hide()
        self.form_title.setText(tr("ui.points.new"))
        self.save.setText(tr("ui.points.add"))
        self.cancel.hide()

    def _save(self) -> None:
        text, case = self.text.toPlainText(), self.case.text()
        who = self.who.currentData()
        editing = self.editing
        saved: Saved | None = self.attempt(
            lambda: (
                self.ops.edit_learning_point(editing, text, case, who)
                if editing is not None
                else self.ops.add_learning_point(text, case, who)
            )
        )
        if saved is None:
            if editing is not None:  # changed elsewhere: the list shows it as it is now
                self.refresh()
            return
        self._clear_form()
        if saved.cpr_warning:
            # Saved; kept open so the number can be replaced at once.
            self._start_edit(saved.point)
            self.warning.setText(tr("ui.points.cpr_warning", numbers=", ".join(saved.cpr)))
            self.warning.show()
        self.refresh()

    def _archive(self, point: LearningPoint) -> None:
        archived = self.attempt(lambda: self.ops.archive_learning_point(point))
        if archived is None:
            self.refresh()
            return
        if self.editing is not None and self.editing.id == point.id:
            self._clear_form()
        self.archived = archived
        self.undo_row.show()
        self.refresh()

    def _restore(self) -> None:
        point, self.archived = self.archived, None
        self.undo_row.hide()
        if point is not None:
            self.attempt(lambda: self.ops.restore_learning_point(point))
        self.refresh()

    # --- PDF and CSV ---------------------------------------------------------------------

    def _export(self, kind: str) -> None:
        board = self.ops.store.board
        board_name = board.name if board is not None else ""
        today = self.ops.store.today
        stem = safe_name(tr("ui.points.file", board=board_name, date=file_date(today)), 70)
        name = f"{stem}.{kind}"
        title = tr("ui.points.save_pdf" if kind == "pdf" else "ui.points.save_csv")
        host = self.parentWidget()
        assert host is not None
        # Over this sheet, not instead of it: the list stays open behind the places.
        SavePlaceSheet(
            host, self.theme, title, name, usual_places(host),
            lambda folder: self._write(kind, folder / name),
        ).open()  # fmt: skip

    def _write(self, kind: str, path: Path) -> None:
        report = self.attempt(self.ops.learning_points_report)
        if report is None:
            return
        # Imported here: reportlab loads only when someone saves.
        from board.export.learning_points import (
            write_learning_points_csv,
            write_learning_points_pdf,
        )

        writer: Callable[..., None] = (
            write_learning_points_pdf if kind == "pdf" else write_learning_points_csv
        )
        with suppress(OSError):  # the write below says so, in the user's words
            path.parent.mkdir(parents=True, exist_ok=True)  # Documents may not exist yet
        try:
            writer(report, path)
        except BoardError as exc:
            self.show_error(exc, exc.message())
            return
        self.status.setText(tr("ui.points.saved", path=str(path)))
        self.status.show()
