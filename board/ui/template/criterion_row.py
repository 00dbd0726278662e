"""One success criterion on a goal's page: an indicator (text, target, unit) or a sign."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from board.domain.entities import CriterionKind, SuccessCriterion
from board.i18n import tr
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button
from board.ui.operations.operations import BoardOperations
from board.ui.template.autosave import AutoField, FieldSet
from board.ui.template.editors import GrowingText, line_field
from board.ui.template.template_widgets import label


class CriterionRow(QWidget):
    """One indicator (text, target, unit) or sign (text), with a button to remove it."""

    adding = Signal(bool)  # True while its new criterion is being added, then False
    dropped = Signal()  # removed before it was ever saved: the page drops the row

    def __init__(
        self,
        theme: Theme,
        ops: BoardOperations,
        fields: FieldSet,
        goal_id: int,
        kind: CriterionKind,
        criterion: SuccessCriterion | None,
    ) -> None:
        super().__init__()
        t = theme
        self.ops = ops
        self.goal_id = goal_id
        self.kind = kind
        self.key_id: int | None = criterion.id if criterion else None  # None: not stored yet
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, t.px(6))
        lay.setSpacing(t.px(4))
        hint = f"tpl.goal.{kind.value}_hint"
        edit = GrowingText(t, 1, tr(hint))
        self.text = fields.add(edit, "text", self._save)
        self.fields = [self.text]
        self.remove = big_button(tr("tpl.goal.remove"), t, name="criterion-remove")
        self.remove.clicked.connect(self._remove)
        if kind is CriterionKind.INDICATOR:
            lay.addWidget(edit)
            grid = QGridLayout()
            grid.setHorizontalSpacing(t.px(6))
            grid.setVerticalSpacing(t.px(2))
            for column, (name, key) in enumerate((("target", "field.target"),
                                                  ("unit", "field.unit"))):  # fmt: skip
                grid.addWidget(label(tr(key), t.font(11.5), role="muted"), 0, column)
                edit_line = line_field(t, tr(key))
                edit_line.setAccessibleName(tr(key))
                grid.addWidget(edit_line, 1, column)
                grid.setColumnStretch(column, 1)
                self.fields.append(fields.add(edit_line, name, self._save, strip=True))
            grid.addWidget(self.remove, 1, 2)
            lay.addLayout(grid)
        else:
            row = QHBoxLayout()
            row.setSpacing(t.px(6))
            row.addWidget(edit, 1)
            row.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)
            lay.addLayout(row)
        self.latest = label("", t.font(11.5), role="muted")
        self.latest.hide()
        lay.addWidget(self.latest)
        if criterion is not None:
            self.show_criterion(criterion)

    def show_criterion(self, criterion: SuccessCriterion) -> None:
        for field in self.fields:
            field.set_value(getattr(criterion, field.name))

    def _save(self, field: AutoField) -> bool | None:
        if self.key_id is not None:
            return self.ops.edit_criterion(
                self.goal_id, self.key_id, {field.name: field.value()}, field.session
            )
        text = self.text.value()
        if not text.strip():
            return None  # a target typed before the text: saved together with the text
        values = {f.name: f.value() for f in self.fields}
        self.adding.emit(True)  # the criterion the store reports next is this row's
        try:
            new = self.ops.add_criterion(
                self.goal_id,
                self.kind,
                text,
                values.get("target", "").strip(),
                values.get("unit", "").strip(),
            )
        finally:
            self.adding.emit(False)
        if new is None:
            return False
        self.key_id = new.id
        self.show_criterion(new)
        return True

    def _remove(self) -> None:
        if self.key_id is None:
            self.dropped.emit()
        else:
            self.ops.remove_criterion(self.goal_id, self.key_id)  # the row goes on refresh
