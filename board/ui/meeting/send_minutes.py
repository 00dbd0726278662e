"""Sending the minutes to those absent, in one tap, without freezing the wall.

- Before anything leaves the machine the minutes are checked for CPR-like numbers: a hit
  stops the sending and shows where (masked); sending anyway takes a deliberate second tap.
- With mail settings: one message per absent person with an address, sent on a worker
  thread; each result appears as it comes ("Sendt til …" / "Fejlede for …: why") and is
  recorded (who, when, result; never the contents).
- Without mail settings: the PDF and the photo are saved in a chosen folder beside one
  ready-to-send draft (.eml) for each of them, greeted by name, to open in the mail program.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from board.domain.entities import Meeting, Person
from board.domain.minutes import Minutes
from board.export.mail import Recipient, SendResult, send_each
from board.i18n import tr
from board.settings import Settings
from board.ui.common.band_widgets import ElidedLabel, WrapButton, band_field, clear_layout, label
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button, line_edit
from board.ui.meeting.host import SendingHost
from board.ui.meeting.minutes_actions import (
    Hit,
    Job,
    MinutesFiles,
    copy_files,
    make_message,
    privacy_hits,
    start,
    write_draft_files,
)
from board.ui.meeting.privacy_box import PrivacyBox
from board.ui.meeting.send_parts import drafts_saved, progress_bar, result_label
from board.ui.operations.meeting_operations import absent_recipients

_log = logging.getLogger(__name__)


class Outcome(Enum):
    NEEDS_PASSWORD = "needs-password"  # the worker found no password: ask for it, then again


class SendMinutesView(QWidget):
    """Send til fraværende: recipients, one button, progress, a result per person."""

    def __init__(
        self,
        host: SendingHost,
        theme: Theme,
        meeting: Meeting,
        minutes: Minutes,
        files: MinutesFiles,
    ) -> None:
        super().__init__()
        self.setObjectName("send-minutes")
        self.c = host
        self.theme = theme
        self.meeting = meeting
        self.minutes = minutes
        self.files = files
        self.confirmed = False  # the CPR warning was seen and sending confirmed on purpose
        self.job: Job | None = None
        self.finished = False
        self.results: list[SendResult] = []
        self.draft_paths: list[Path] = []  # one per absent person with an address
        self.recipients: list[Recipient] = []
        self.without: list[Person] = []
        self._total_n = 0
        self._pending_action: Callable[[], None] | None = None
        # Who it goes to on the left; the one button, progress and results on the right.
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(theme.px(16))
        self._left = QVBoxLayout()
        self._lay = QVBoxLayout()
        self.rebuild()

    # --- state ---------------------------------------------------------------------------

    @property
    def sending(self) -> bool:
        return self.job is not None and not self.finished

    @property
    def done(self) -> bool:
        # Set when "finished" arrives on the GUI thread, after every result it reported.
        return self.job is not None and self.finished

    def _settings(self) -> Settings:
        return self.c.machine.load()

    # --- drawing -------------------------------------------------------------------------

    def rebuild(self, privacy: list[Hit] | None = None, password: bool = False) -> None:
        t = self.theme
        clear_layout(self._row)
        self._left, self._lay = QVBoxLayout(), QVBoxLayout()
        for col in (self._left, self._lay):
            col.setSpacing(t.px(6))
        self._row.addLayout(self._left, 3)
        self._row.addLayout(self._lay, 4)
        self.recipients, self.without = absent_recipients(
            self.meeting, self.c.team(include_archived=True)
        )
        left = self._left
        if privacy:
            # The warning takes the whole width: where it is matters more than to whom.
            self._row.setStretch(0, 0)
            self._row.setStretch(1, 1)
            self._lay.addWidget(
                PrivacyBox(
                    t,
                    privacy,
                    confirm_text=tr("meeting.privacy.send_anyway"),
                    on_fix=self._fix_first,
                    on_confirm=self._confirmed,
                    note=tr("meeting.privacy.locked"),
                    on_find=self.c.find_personal_data,
                )
            )
            self.progress = QProgressBar()
            self.status = label("", t.font(13), t.palette.text, name="send-status")
            self.result_box = QVBoxLayout()
            return
        left.addWidget(label(tr("meeting.send.title"), t.font(15, bold=True), t.palette.text))
        if not self.recipients and not self.without:
            left.addWidget(label(tr("meeting.send.nobody_absent"), t.font(13), t.palette.muted))
        for r in self.recipients:
            left.addWidget(label(r.name, t.font(13, bold=True), t.palette.text))
            left.addWidget(ElidedLabel(r.email, t.font(12), t.palette.muted))
        for person in self.without:
            self._address_row(person)
        left.addStretch(1)
        lay = self._lay
        if password:
            self._password_box()
        elif self.draft_paths:
            # Saved: opening the draft is what comes next.
            drafts_saved(lay, t, self.draft_paths, self.recipients, self.c.open_path)
        else:
            self._buttons()
        self.progress = progress_bar(t)
        lay.addWidget(self.progress)
        self.status = label(
            self._status_text(), t.font(13, bold=True), t.palette.text, name="send-status"
        )
        lay.addWidget(self.status)
        self.result_box = QVBoxLayout()
        self.result_box.setSpacing(t.px(4))
        lay.addLayout(self.result_box)
        for result in self.results:
            self._result_row(result)
        lay.addStretch(1)
        self._update_progress()

    def _address_row(self, person: Person) -> None:
        t = self.theme
        self._left.addWidget(
            label(tr("meeting.send.no_address", name=person.name), t.font(13), t.palette.muted)
        )
        row = QHBoxLayout()
        field = band_field(
            line_edit(t, tr("meeting.send.address_placeholder"), name=f"email-{person.id}"), t
        )
        save = big_button(tr("meeting.send.address_save"), t, name=f"save-email-{person.id}")

        def store() -> None:
            if self.c.set_email(person, field.text()):
                self.rebuild()

        save.clicked.connect(store)
        field.returnPressed.connect(store)
        row.addWidget(field, 1)
        row.addWidget(save)
        self._left.addLayout(row)

    def _buttons(self) -> None:
        t = self.theme
        smtp = self._settings().smtp
        count = len(self.recipients)
        action: Callable[[], None]
        if smtp.configured:
            text = tr("meeting.send.button", count=count)
            action = self.send
        else:
            text = tr("meeting.send.draft_button")
            action = self.draft
        sent = self.done and bool(self.results)
        if not sent:  # once sent, one tap must not send it all again
            primary = WrapButton(
                text, t, name="send-minutes-button", accent=QColor("#2E8B57"), size=15
            )
            primary.setEnabled(count > 0 and not self.sending)
            primary.clicked.connect(lambda: action())
            self._lay.addWidget(primary)
        # Those it failed for, with their addresses as they are now (one may just be fixed).
        names = {r.recipient.name for r in self.results if not r.ok}
        failed = [r for r in self.recipients if r.name in names]
        if failed and sent:
            again = WrapButton(
                tr("meeting.send.retry", count=len(failed)),
                t,
                "secondary",
                name="send-retry",
                size=13,
            )
            again.clicked.connect(lambda: self.send(only=failed))
            self._lay.addWidget(again)
        if not smtp.configured:
            setup = big_button(tr("meeting.send.setup"), t, name="send-setup")
            setup.clicked.connect(self.c.show_settings)
            self._lay.addWidget(setup)
            self._lay.addWidget(label(tr("meeting.send.no_smtp"), t.font(12), t.palette.muted))

    def _password_box(self) -> None:
        t = self.theme
        smtp = self._settings().smtp
        self._lay.addWidget(
            label(
                tr("meeting.send.password", user=smtp.user, host=smtp.host),
                t.font(13),
                t.palette.text,
            )
        )
        self.password = band_field(line_edit(t, "", name="send-password"), t)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self._lay.addWidget(self.password)
        go = big_button(tr("meeting.send.with_password"), t, "primary", name="send-with-password")
        go.clicked.connect(self._with_password)
        self.password.returnPressed.connect(self._with_password)
        self._lay.addWidget(go)

    def _status_text(self) -> str:
        if self.sending:
            return tr("meeting.send.sending", done=len(self.results), count=self._total())
        if self.done and self.results:
            ok = sum(r.ok for r in self.results)
            return tr("meeting.send.summary", ok=ok, count=len(self.results))
        return ""

    def _total(self) -> int:
        return self._total_n if self._total_n else len(self.recipients)

    def _update_progress(self) -> None:
        self.progress.setRange(0, max(1, self._total()))
        self.progress.setValue(len(self.results))
        self.progress.setVisible(bool(self.results) or self.sending)
        self.status.setText(self._status_text())

    def _result_row(self, result: SendResult) -> None:
        self.result_box.addWidget(result_label(self.theme, result, self.result_box.count()))

    # --- sending -------------------------------------------------------------------------

    def send(self, only: list[Recipient] | None = None) -> None:
        """One tap: check for CPR numbers, then send on a worker thread."""
        if self.sending:
            return
        hits = [] if self.confirmed else privacy_hits(self.minutes)
        if hits:
            _log.info("sending stopped: %d CPR-like numbers in the minutes", len(hits))
            self._pending_action = lambda: self.send(only)
            self.rebuild(privacy=hits)
            return
        smtp = self._settings().smtp
        recipients = only if only is not None else self.recipients
        if not recipients:
            return
        machine = self.c.machine

        def work(progress: Callable[[object], None]) -> object:
            password = machine.password(smtp)
            if smtp.user and password is None:
                return Outcome.NEEDS_PASSWORD
            return send_each(
                smtp,
                password,
                lambda r: make_message(self.minutes, self.files, smtp.sender, r),
                recipients,
                progress,
            )

        # A retry keeps the earlier successes and sends only to those it failed for.
        self.results = [r for r in self.results if r.ok] if only is not None else []
        self._total_n = len(self.results) + len(recipients)
        job = Job(work)
        job.signals.progress.connect(self._on_progress)
        job.signals.finished.connect(self._on_finished)
        job.signals.failed.connect(self._on_failed)
        self.job = job
        self.finished = False
        self.rebuild()
        start(job)

    def _on_progress(self, result: object) -> None:
        assert isinstance(result, SendResult)
        self.results.append(result)
        self.c.record_dispatch(self.meeting.id, result)
        self._result_row(result)
        self._update_progress()

    def _on_finished(self, outcome: object) -> None:
        self.finished = True
        if outcome is Outcome.NEEDS_PASSWORD:
            self.job = None
            self.rebuild(password=True)
            return
        ok = sum(r.ok for r in self.results)
        _log.info("minutes sent %d, failed %d", ok, len(self.results) - ok)
        self.rebuild()

    def _on_failed(self, message: str) -> None:
        self.finished = True
        self.job = None
        self.c.message(message)
        self.rebuild()

    def _with_password(self) -> None:
        self.c.machine.use_password(self.password.text())
        self.send()

    def _fix_first(self) -> None:
        self.c.message(tr("meeting.privacy.not_sent"))
        self.rebuild()

    def _confirmed(self) -> None:
        _log.info("CPR warning confirmed by the user; sending anyway")
        self.confirmed = True
        if self._pending_action is not None:
            self._pending_action()

    # --- a draft instead -------------------------------------------------------------------

    def draft(self) -> None:
        """No mail server here: save the minutes and a ready-to-send draft in a folder."""
        if self.sending:
            return
        hits = [] if self.confirmed else privacy_hits(self.minutes)
        if hits:
            _log.info("draft stopped: %d CPR-like numbers in the minutes", len(hits))
            self._pending_action = self.draft
            self.rebuild(privacy=hits)
            return
        names = [path.name for path, _data in self.files.written()]
        self.c.ask_folder(self.files.pdf_path.parent, names, self._draft_to)

    def _draft_to(self, folder: Path) -> None:
        """The minutes, the photo and a draft per person, written into ``folder``."""
        if self.sending:
            return
        sender = self._settings().smtp.sender
        recipients = list(self.recipients)

        def work(progress: Callable[[object], None]) -> object:
            copy = copy_files(self.files, folder)
            return write_draft_files(self.minutes, copy, sender, recipients, folder)

        job = Job(work)
        job.signals.finished.connect(self._on_draft)
        job.signals.failed.connect(self._on_failed)
        self.job = job
        self.finished = False
        self.rebuild()
        start(job)

    def _on_draft(self, paths: object) -> None:
        assert isinstance(paths, list)
        self.finished = True
        self.draft_paths = paths
        _log.info("minutes drafts written for %d recipients", len(paths))
        self.rebuild()
