"""This machine's settings: the mail server for minutes, where minutes are saved, when
the on-screen keyboard shows (a touch-only wall needs it, a laptop does not), and after how
many days the program's own backups are deleted.

The password goes to the system's keyring, never into the database or the settings file.
A machine without a keyring is told so calmly; the password is then kept only while the
program runs (by ThisMachine), and asked for again when minutes are sent after a restart.
Saved, the sheet says so through ``saved``; whoever opened it decides what follows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from board.domain import text
from board.domain.errors import BoardError
from board.i18n import tr
from board.settings import KEYBOARD_MODES, MAX_RETENTION_DAYS, Settings, SmtpSettings
from board.ui.common.band_widgets import label
from board.ui.common.save_places import minutes_folder
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import (
    big_button,
    choice_row,
    heading,
    labelled_field,
    line_edit,
    note,
    scrolling,
)
from board.ui.meeting.this_machine import ThisMachine

SECURITY = ("starttls", "ssl", "none")
KEYBOARD_LABELS = {
    "auto": "meeting.settings.keyboard.auto",
    "always": "meeting.settings.keyboard.always",
    "never": "meeting.settings.keyboard.never",
}


class SettingsSheet(Sheet):
    saved = Signal(str)  # what to tell the user: kept in the keyring, or for this session only
    formats_wanted = Signal()  # "Mødeformater …": the team's formats (board data, not this PC's)
    server_wanted = Signal()  # "Del tavlen via en server …": where this PC's boards live
    privacy_wanted = Signal()  # "Find persondata …": search the board (issue 13)

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        machine: ThisMachine,
        choose_folder: Callable[[Path], Path | None],
    ) -> None:
        # Two columns, wide enough for the whole sheet to show on a 1366x768 laptop without
        # scrolling (a finger's tap in a scrolling sheet is lost): mail on the left; this
        # computer's folder, keyboard and backups, and the way to the board's other settings,
        # on the right.
        super().__init__(host, theme, width=980, name="settings-sheet", side=True)
        self.machine = machine
        self.choose_folder = choose_folder
        current = machine.load()
        smtp = current.smtp
        outer = self.layout_
        outer.addWidget(heading(tr("meeting.settings.title"), theme))
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, theme.px(6), 0)
        columns.setSpacing(theme.px(16))
        lay = QVBoxLayout()
        lay.setSpacing(theme.px(6))
        side = QVBoxLayout()
        side.setSpacing(theme.px(6))
        columns.addLayout(lay, 1)
        columns.addLayout(side, 1)
        lay.addWidget(note(tr("meeting.settings.intro"), theme))

        def field(
            key: str, value: str, name: str, placeholder: str = "", into: QVBoxLayout = lay
        ) -> QLineEdit:
            return labelled_field(into, theme, tr(key), value, name, placeholder)

        self.host = field(
            "meeting.settings.host", smtp.host, "smtp-host", tr("meeting.settings.host_placeholder")
        )
        self.port = field("meeting.settings.port", str(smtp.port), "smtp-port")
        lay.addWidget(heading(tr("meeting.settings.security"), theme, 13))
        self.security, row = choice_row(
            self,
            theme,
            {kind: tr(f"meeting.settings.security.{kind}") for kind in SECURITY},
            smtp.security,
            "security",
        )
        lay.addLayout(row)
        self.user = field("meeting.settings.user", smtp.user, "smtp-user")
        self.from_field = field(
            "meeting.settings.sender",
            smtp.sender,
            "smtp-sender",
            tr("meeting.settings.sender_placeholder"),
        )
        self.password = field(
            "meeting.settings.password",
            "",
            "smtp-password",
            tr("meeting.settings.password_placeholder"),
        )
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        lay.addWidget(note(tr("meeting.settings.password_hint"), theme))
        side.addWidget(heading(tr("meeting.settings.folder"), theme, 13))
        folder_row = QHBoxLayout()
        self.folder = line_edit(theme, "", name="minutes-folder")
        self.folder.setText(str(minutes_folder(current.minutes_folder)))
        choose = big_button(tr("meeting.settings.choose"), theme, name="choose-folder")
        choose.clicked.connect(self._choose)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        side.addLayout(folder_row)
        side.addSpacing(theme.px(8))
        side.addWidget(heading(tr("meeting.settings.keyboard"), theme, 13))
        self.keyboard, row = choice_row(
            self,
            theme,
            {mode: tr(KEYBOARD_LABELS[mode]) for mode in KEYBOARD_MODES},
            current.onscreen_keyboard,
            "keyboard",
        )
        side.addLayout(row)
        side.addSpacing(theme.px(8))
        self.retention = field(
            "privacy.files.retention",
            str(current.backup_retention_days),
            "retention-days",
            into=side,
        )
        side.addWidget(note(tr("privacy.files.retention_hint"), theme))
        side.addSpacing(theme.px(8))
        # The board's other settings, each in a sheet of its own
        for key, name, wanted in (
            ("meeting.formats.open", "open-formats", self.formats_wanted),
            ("server.open", "open-server", self.server_wanted),
            ("privacy.find.open", "open-privacy-find", self.privacy_wanted),
        ):
            button = big_button(tr(key), theme, name=name)
            button.clicked.connect(self.closing(wanted.emit))
            side.addWidget(button)
        self.error = label(
            "", theme.font(12.5, bold=True), theme.palette.overdue, name="settings-error"
        )
        self.error.hide()
        lay.addWidget(self.error)
        lay.addStretch(1)
        side.addStretch(1)
        outer.addWidget(scrolling(body, theme), 1)
        buttons = QHBoxLayout()
        cancel = big_button(tr("meeting.cancel"), theme, name="settings-cancel")
        cancel.clicked.connect(self.dismiss)
        save = big_button(tr("meeting.settings.save"), theme, "primary", name="settings-save")
        save.clicked.connect(self.save)
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(save)
        outer.addLayout(buttons)

    def _choose(self) -> None:
        chosen = self.choose_folder(Path(self.folder.text().strip() or "."))
        if chosen is not None:
            self.folder.setText(str(chosen))

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def save(self) -> bool:
        try:
            port = int(self.port.text().strip() or "0")
        except ValueError:
            port = 0
        if not 1 <= port <= 65535:
            self._fail(tr("meeting.settings.bad_port", value=self.port.text().strip()))
            return False
        try:
            sender = text.email(self.from_field.text(), "field.smtp_sender")
            user = text.name(self.user.text(), "field.smtp_user", required=False)
        except BoardError as exc:
            self._fail(exc.message())
            return False
        chosen = self.security.checkedId()
        smtp = SmtpSettings(
            host=self.host.text().strip(),
            port=port,
            security=SECURITY[chosen] if chosen >= 0 else "starttls",
            user=user,
            sender=sender,
        )
        retention = self.retention.text().strip()
        if not (retention.isascii() and retention.isdigit()) or not (
            1 <= int(retention) <= MAX_RETENTION_DAYS
        ):
            self._fail(tr("privacy.files.bad_retention", value=retention))
            return False
        keyboard = self.keyboard.checkedId()
        new = Settings(
            smtp=smtp,
            minutes_folder=self.folder.text().strip(),
            onscreen_keyboard=KEYBOARD_MODES[keyboard] if keyboard >= 0 else "auto",
            server=self.machine.load().server,  # its own sheet changes it
            backup_retention_days=int(retention),
        )
        try:
            self.machine.save(new)
        except BoardError as exc:
            self._fail(exc.message())
            return False
        password = self.password.text()
        kept = tr("meeting.settings.saved")
        if password and not self.machine.store_password(smtp, password):
            # No keyring here: remembered while the program runs, asked for again later.
            kept = tr("meeting.settings.no_keyring")
        self.close_sheet()
        self.saved.emit(kept)
        return True
