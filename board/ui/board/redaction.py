"""»Erstat med [slettet]« in Find persondata (issue 13): the chosen hits are redacted for good
after a confirmation that says it cannot be undone and what the program cannot reach (minutes
already e-mailed, copies saved outside it); »Hvad er slettet« lists the board's record of
erasures (when, by whom, what, how many places; never the text) for the data protection
officer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from board.dates import compact_date_time
from board.i18n import tr, tr_n
from board.ui.common.widgets import big_button, note

if TYPE_CHECKING:
    from board.ui.board.privacy_sheet import FindPersonalDataSheet
    from board.ui.operations.results import ErasureEntry, Hit, Redaction


class Redacting:
    """The redaction's buttons and confirmation, added to a Find persondata sheet."""

    def __init__(
        self,
        sheet: FindPersonalDataSheet,
        redact: Callable[[str, list[Hit]], Redaction | None],
        sent_among: Callable[[list[Hit]], int],
        erasures: Callable[[], list[ErasureEntry]],
        backups_holding: Callable[[list[str]], list[Path]] = lambda _texts: [],
        delete_backups: Callable[[list[Path]], int] = lambda _paths: 0,
    ) -> None:
        self.sheet = sheet
        self._redact = redact
        self._sent_among = sent_among
        self._erasures = erasures
        self._backups_holding = backups_holding
        self._delete_backups = delete_backups
        self.backups: list[Path] = []  # those that may still hold the text just redacted
        theme = sheet.theme
        self.button = big_button(tr("privacy.erase.redact"), theme, name="privacy-erase-redact")
        self.button.clicked.connect(self.ask)
        self.log_button = big_button(tr("privacy.erase.log"), theme, name="privacy-erase-log")
        self.log_button.clicked.connect(self.show_log)
        sheet.add_action(self.log_button)
        sheet.add_action(self.button)
        sheet.chosen_changed.connect(self._update)

        self.confirm = QFrame()
        self.confirm.setObjectName("privacy-erase-confirm")
        self.confirm.setStyleSheet(
            "QFrame#privacy-erase-confirm { background: #FDECEA;"
            f" border-radius: {theme.px(8)}px; }} QLabel {{ background: transparent; }}"
        )
        box = QVBoxLayout(self.confirm)
        box.setContentsMargins(*(theme.px(12),) * 4)
        self.question = QLabel()
        self.question.setObjectName("privacy-erase-question")
        self.question.setWordWrap(True)
        self.question.setFont(theme.title_font)
        box.addWidget(self.question)
        self.reach = note("", theme)
        self.reach.setObjectName("privacy-erase-reach")
        box.addWidget(self.reach)
        row = QHBoxLayout()
        row.addStretch(1)
        no = big_button(tr("privacy.erase.no"), theme, name="privacy-erase-no")
        no.clicked.connect(self.confirm.hide)
        yes = big_button(tr("privacy.erase.yes"), theme, "primary", name="privacy-erase-yes")
        yes.clicked.connect(self.run)
        row.addWidget(no)
        row.addWidget(yes)
        box.addLayout(row)
        self.confirm.hide()
        # After a redaction: the backups that may still hold the text, and their deletion.
        self.backup_box = QFrame()
        self.backup_box.setObjectName("privacy-erase-backups")
        backup_row = QHBoxLayout(self.backup_box)
        backup_row.setContentsMargins(0, 0, 0, 0)
        self.backup_note = note("", theme)
        self.backup_note.setObjectName("privacy-erase-backups-note")
        backup_row.addWidget(self.backup_note, 1)
        self.backup_button = big_button(
            tr("privacy.erase.delete_backups"), theme, name="privacy-erase-delete-backups"
        )
        self.backup_button.clicked.connect(self.remove_backups)
        backup_row.addWidget(self.backup_button)
        self.backup_box.hide()
        self.log = note("", theme)
        self.log.setObjectName("privacy-erase-records")
        self.log.hide()
        lay = sheet.layout_  # above the action row, the sheet's last item
        lay.insertWidget(lay.count() - 1, self.confirm)
        lay.insertWidget(lay.count() - 1, self.backup_box)
        lay.insertWidget(lay.count() - 1, self.log)
        self._update()

    def _update(self) -> None:
        self.button.setEnabled(bool(self.sheet.chosen_hits()))

    def ask(self) -> None:
        """Say what will happen, what cannot be undone and what is out of reach."""
        hits = self.sheet.chosen_hits()
        if not hits:
            return
        self.log.hide()
        self.question.setText(tr_n("privacy.erase.confirm", len(hits)))
        sent = self._sent_among(hits)
        reach = [tr_n("privacy.erase.sent", sent)] if sent else []
        self.reach.setText(" ".join([*reach, tr("privacy.erase.outside")]))
        self.confirm.show()

    def run(self) -> None:
        hits = self.sheet.chosen_hits()
        self.confirm.hide()
        text = self.sheet.last_search or ""
        done = self._redact(text, hits)
        if done is None:
            return
        self.backups = self._backups_holding([text] if text.strip() else [h.found for h in hits])
        if self.backups:
            self.backup_note.setText(
                tr_n("privacy.erase.backups", len(self.backups))
                + "\n"
                + "\n".join(str(p) for p in self.backups)
            )
            self.backup_button.setEnabled(True)
            self.backup_box.show()
        self.sheet.search_again()
        said = tr_n("privacy.erase.done", done.places)
        if not done.scrubbed:
            said += " " + tr("privacy.erase.not_scrubbed")
        self.sheet.status.setText(said)

    def remove_backups(self) -> None:
        """Delete the backups that may still hold the text (the user asked, in the sheet)."""
        gone = self._delete_backups(self.backups)
        self.backup_note.setText(tr_n("privacy.erase.backups_deleted", gone))
        self.backup_button.setEnabled(False)
        self.backups = []

    def show_log(self) -> None:
        """»Hvad er slettet«: one line per erasure, newest first (never the text)."""
        if self.log.isVisible():
            self.log.hide()
            return
        entries = self._erasures()
        lines = [
            tr(
                "privacy.erase.log_line",
                when=compact_date_time(e.made_at),
                who=e.made_by or "—",
                what=tr(e.what_key),
                places=tr_n("privacy.erase.places", e.places),
            )
            for e in entries
        ]
        self.log.setText("\n".join(lines) if lines else tr("privacy.erase.log_empty"))
        self.confirm.hide()
        self.log.show()
