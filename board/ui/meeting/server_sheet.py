"""⚙ »Del tavlen via en server«: where this machine's boards live, a file here or a shared
PostgreSQL server, so that the wall and the laptops show one board.

Host, port, database, user and TLS go into this machine's settings; the password only into
the system's keyring (never the settings file, a log or the title). »Test forbindelsen«
connects on a worker thread and says calmly what is wrong. Saved, the sheet offers to move
now, copying the board shown onto the server when it is not there yet.

TLS: »Bekræft certifikat« (verify-full) or »Krypteret« (require); »Ingen« only for a server
on this machine (localhost), where nothing crosses a network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from board import settings as machine_settings
from board.domain.errors import BoardError
from board.i18n import tr, tr_n
from board.settings import SSLMODES, ServerSettings
from board.ui.common.band_widgets import label
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import (
    big_button,
    choice_row,
    heading,
    labelled_field,
    note,
    scrolling,
)
from board.ui.meeting.minutes_actions import Job, start
from board.ui.meeting.this_machine import ThisMachine
from board.ui.operations.server import (
    ServerFacts,
    local_url,
    open_board_place,
    test_server,
    url_of,
)

if TYPE_CHECKING:
    from board.persistence.database import Database

WHERE = ("local", "server")
WHERE_LABELS = {"local": "server.where.local", "server": "server.where.server"}
TLS_LABELS = {
    "verify-full": "server.tls.verify_full",
    "require": "server.tls.require",
    "disable": "server.tls.disable",
}


class ServerSheet(Sheet):
    # Moved: the opened database and the board to show there (the window takes it over).
    switch_wanted = Signal(object, int)

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        machine: ThisMachine,
        source: Database | None,  # the database shown now: its board may go along
        board_id: int | None,
        board_name: str,
    ) -> None:
        super().__init__(host, theme, width=560, name="server-sheet", side=True)
        self.machine = machine
        self.source = source
        self.board_id = board_id
        self.board_name = board_name
        self._job: Job | None = None
        self._password = ""  # typed this session: used to move now, even without a keyring
        self._saved = ServerSettings()  # what »Gem« kept: where »Skift nu« goes
        server = machine.load().server
        outer = self.layout_
        outer.addWidget(heading(tr("server.title"), theme))
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, theme.px(6), 0)
        lay.setSpacing(theme.px(6))
        lay.addWidget(note(tr("server.intro"), theme))
        self.where = QButtonGroup(self)
        row = QHBoxLayout()
        for n, kind in enumerate(WHERE):
            button = big_button(
                tr(WHERE_LABELS[kind]), theme, name=f"server-{kind}", checkable=True
            )
            button.setChecked((kind == "server") == server.active)
            self.where.addButton(button, n)
            row.addWidget(button)
        lay.addLayout(row)
        self.form = QWidget()
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(theme.px(6))

        def field(key: str, value: str, name: str, placeholder: str = "") -> QLineEdit:
            return labelled_field(form, theme, tr(key), value, name, placeholder)

        self.host = field("server.host", server.host, "server-host", tr("server.host_placeholder"))
        self.port = field("server.port", str(server.port), "server-port")
        self.database = field(
            "server.database", server.database, "server-database", tr("server.database_placeholder")
        )
        self.user = field("server.user", server.user, "server-user")
        self.password = field(
            "server.password", "", "server-password", tr("server.password_placeholder")
        )
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addWidget(heading(tr("server.tls"), theme, 13))
        self.tls, row = choice_row(
            self,
            theme,
            {mode: tr(TLS_LABELS[mode]) for mode in SSLMODES},
            server.sslmode,
            "server-tls",
        )
        form.addLayout(row)
        form.addWidget(note(tr("server.tls_hint"), theme))
        test_row = QHBoxLayout()
        self.test_button = big_button(tr("server.test"), theme, name="server-test")
        self.test_button.clicked.connect(self.test)
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        form.addLayout(test_row)
        self.result = label(
            "", theme.font(12.5, bold=True), theme.palette.text, name="server-result"
        )
        self.result.setWordWrap(True)
        self.result.hide()
        form.addWidget(self.result)
        lay.addWidget(self.form)
        self.form.setVisible(server.active)
        self.where.idToggled.connect(lambda _id, _on: self._show_form())
        self.error = label(
            "", theme.font(12.5, bold=True), theme.palette.overdue, name="server-error"
        )
        self.error.setWordWrap(True)
        self.error.hide()
        lay.addWidget(self.error)
        lay.addStretch(1)
        outer.addWidget(scrolling(body, theme), 1)
        # The form's buttons; after saving, the question whether to move now replaces them.
        self.buttons = QWidget()
        buttons = QHBoxLayout(self.buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        cancel = big_button(tr("meeting.cancel"), theme, name="server-cancel")
        cancel.clicked.connect(self.dismiss)
        save = big_button(tr("meeting.settings.save"), theme, "primary", name="server-save")
        save.clicked.connect(self.save)
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(save)
        outer.addWidget(self.buttons)
        self.question = QWidget()
        ask = QVBoxLayout(self.question)
        ask.setContentsMargins(0, 0, 0, 0)
        self.asked = note("", theme)
        self.asked.setObjectName("server-question")
        ask.addWidget(self.asked)
        self.copy = big_button(
            tr("server.copy", name=board_name), theme, name="server-copy", checkable=True
        )
        self.copy.setChecked(True)
        ask.addWidget(self.copy)
        row = QHBoxLayout()
        later = big_button(tr("server.later"), theme, name="server-later")
        later.clicked.connect(self.dismiss)
        self.switch_button = big_button(tr("server.switch"), theme, "primary", name="server-switch")
        self.switch_button.clicked.connect(self.switch)
        row.addWidget(later)
        row.addStretch(1)
        row.addWidget(self.switch_button)
        ask.addLayout(row)
        self.question.hide()
        outer.addWidget(self.question)

    # --- the form ---------------------------------------------------------------------------

    @property
    def shared(self) -> bool:
        return self.where.checkedId() == WHERE.index("server")

    def _show_form(self) -> None:
        self.form.setVisible(self.shared)
        self.error.hide()

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _read(self) -> ServerSettings | None:
        """The server as typed, or None after saying what is missing."""
        self.error.hide()
        try:
            port = int(self.port.text().strip() or "0")
        except ValueError:
            port = 0
        if not 1 <= port <= 65535:
            self._fail(tr("meeting.settings.bad_port", value=self.port.text().strip()))
            return None
        chosen = self.tls.checkedId()
        server = ServerSettings(
            active=True,
            host=self.host.text().strip(),
            port=port,
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            sslmode=SSLMODES[chosen] if chosen >= 0 else SSLMODES[0],
        )
        if not server.configured:
            self._fail(tr("server.missing"))
            return None
        if server.sslmode == "disable" and not server.plain_allowed:
            self._fail(tr("server.plain_remote"))
            return None
        return server

    def _url(self, server: ServerSettings) -> str:
        typed = self.password.text() or self._password
        return url_of(server, typed or machine_settings.get_password(server))

    # --- »Test forbindelsen« ----------------------------------------------------------------

    def test(self) -> None:
        server = self._read()
        if server is None or self._job is not None:
            return
        url = self._url(server)
        self.test_button.setEnabled(False)
        self._say(tr("server.testing"), self.theme.palette.text)
        job = self._job = Job(lambda _progress: test_server(url))
        job.signals.finished.connect(self._tested)
        job.signals.failed.connect(self._test_failed)
        start(job)

    def _say(self, text: str, color: object) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(f"color: {color.name()};")  # type: ignore[attr-defined]
        self.result.show()

    def _tested(self, facts: ServerFacts) -> None:
        self._job = None
        self.test_button.setEnabled(True)
        said = (
            tr_n("server.test_ok", len(facts.boards)) if facts.boards else tr("server.test_empty")
        )
        self._say(said, self.theme.palette.text)

    def _test_failed(self, message: str) -> None:
        self._job = None
        self.test_button.setEnabled(True)
        self._say(message, self.theme.palette.overdue)

    # --- saving, and moving now -------------------------------------------------------------

    def save(self) -> bool:
        current = self.machine.load()
        if self.shared:
            server = self._read()
            if server is None:
                return False
        else:
            server = current.server
            server.active = False  # the server stays filled in for the way back
        current.server = server
        try:
            self.machine.save(current)
        except BoardError as exc:  # the file cannot be written
            self._fail(exc.message())
            return False
        said = tr("server.saved_server" if server.active else "server.saved_local")
        password = self.password.text()
        if server.active and password:
            self._password = password
            self.password.clear()
            if not machine_settings.set_password(server, password):
                said = tr("server.no_keyring")
        self._saved = server
        self.buttons.hide()
        self.form.setEnabled(False)
        for button in self.where.buttons():
            button.setEnabled(False)
        self.asked.setText(said)
        self.copy.setVisible(
            server.active and self.source is not None and self.board_id is not None
        )
        self.question.show()
        return True

    def switch(self) -> None:
        if self._job is not None:
            return
        server = self._saved
        url = self._url(server) if server.active else local_url()
        copy = self.copy.isVisible() and self.copy.isChecked()
        source, board_id = self.source, self.board_id
        self.switch_button.setEnabled(False)
        self.asked.setText(tr("server.switching"))
        job = self._job = Job(lambda _progress: open_board_place(url, source, board_id, copy))
        job.signals.finished.connect(self._switched)
        job.signals.failed.connect(self._switch_failed)
        start(job)

    def _switched(self, opened: tuple[Database, int]) -> None:
        self._job = None
        self.close_sheet()
        self.switch_wanted.emit(*opened)

    def _switch_failed(self, message: str) -> None:
        self._job = None
        self.switch_button.setEnabled(True)
        self.asked.setText(message)
