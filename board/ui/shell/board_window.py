"""The board window: a top bar (board, undo, redo, archive, wall mode), messages, the board.

Wall mode is full screen with type sized for reading from 3 m; window mode is for laptops.
Every question and menu is an in-window sheet with big targets.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QImage,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from board.dates import compact_date, long_date
from board.domain.entities import BoardState
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.board.board_widget import BoardWidget
from board.ui.board.learning_points_sheet import LearningPointsSheet
from board.ui.board.move_dialogs import (
    CardActionsSheet,
    GoalActionsSheet,
    LogDecisionSheet,
    OwnerDeadlineSheet,
)
from board.ui.board.navigation_sheets import ArchiveSheet, BoardsSheet
from board.ui.common.onscreen_keyboard import OnscreenKeyboard
from board.ui.common.qt_app import ensure_app
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme, install_fonts
from board.ui.common.widgets import big_button
from board.ui.meeting.meeting_controller import MeetingController
from board.ui.meeting.minutes_actions import MINUTES_PHOTO_SCALE, MINUTES_PHOTO_SIZE
from board.ui.operations.board_store import ALL_LANES, BoardStore
from board.ui.operations.live import LiveUpdates
from board.ui.operations.operations import BoardOperations
from board.ui.shell.read_only import ReadOnlyPages
from board.ui.shell.status_banner import StatusBanner
from board.ui.template.base_page import current_page
from board.ui.template.goal_page import open_goal_template
from board.ui.template.template_page import open_card_template

if TYPE_CHECKING:
    from datetime import datetime

    from board.persistence.database import Database

MESSAGE_MS = 12_000


class TopBar(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("top-bar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.row = QHBoxLayout(self)
        self.board_button = QPushButton(self)
        self.board_button.setObjectName("board-switch")
        self.date = QLabel(self)
        # The date gives way (long, short, none) before the buttons do; see fit_date.
        self.date.setMinimumWidth(1)
        self._dates: tuple[str, str] = ("", "")
        # "Næste: Fremdriftsmøde tors. 10.12. kl. 9.00", set by the meeting (meeting_bar.py);
        # it gives way after the long date and before the short one.
        self.next_meeting = QLabel(self)
        self.next_meeting.setObjectName("next-meeting")
        self.next_meeting.setMinimumWidth(1)
        self._next: tuple[str, str] = ("", "")
        self.undo_button = QPushButton(self)
        self.undo_button.setObjectName("undo")
        self.redo_button = QPushButton(self)
        self.redo_button.setObjectName("redo")
        self.archive_button = QPushButton(self)
        self.archive_button.setObjectName("archive")
        self.points_button = QPushButton(self)
        self.points_button.setObjectName("learning-points")
        self.mode_button = QPushButton(self)
        self.mode_button.setObjectName("wall-mode")
        # The stand-up: start or return to the meeting, earlier meetings, this machine's mail.
        self.meeting_button = QPushButton(self)
        self.meeting_button.setObjectName("meeting")
        self.history_button = QPushButton(self)
        self.history_button.setObjectName("meetings")
        self.settings_button = QPushButton(self)
        self.settings_button.setObjectName("settings")
        self.row.addWidget(self.board_button)
        self.row.addSpacing(12)
        self.row.addWidget(self.date)
        self.row.addSpacing(12)
        self.row.addWidget(self.next_meeting)
        self.row.addStretch(1)
        for button in (self.meeting_button, self.history_button, self.settings_button):
            self.row.addWidget(button)
        self.row.addSpacing(12)
        for button in (
            self.undo_button, self.redo_button, self.points_button, self.archive_button,
            self.mode_button,
        ):  # fmt: skip
            self.row.addWidget(button)
        self.theme: Theme | None = None

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.row.setContentsMargins(theme.gap, theme.px(7), theme.gap, theme.px(7))
        self.row.setSpacing(theme.px(8))
        for button in (
            self.undo_button, self.redo_button, self.archive_button, self.mode_button,
            self.meeting_button, self.history_button, self.settings_button, self.points_button,
        ):  # fmt: skip
            styled = big_button(button.text(), theme, "bar")
            button.setStyleSheet(styled.styleSheet())
            button.setFont(styled.font())
            button.setMinimumHeight(theme.touch)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            styled.deleteLater()
        self.board_button.setFont(theme.bar_font)
        self.board_button.setMinimumHeight(theme.touch)
        self.board_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.board_button.setStyleSheet(
            f"QPushButton {{ color: white; background: transparent; border: none;"
            f" padding: 0 {theme.px(6)}px; text-align: left; }}"
            f"QPushButton:pressed {{ background: #3A4B5C; border-radius: {theme.px(8)}px; }}"
            f"QPushButton:focus {{ border: {theme.px(2)}px solid white; border-radius:"
            f" {theme.px(8)}px; }}"
        )
        for label in (self.date, self.next_meeting):
            label.setFont(theme.hint_font)
            label.setStyleSheet("color: #C9D3DD;")

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        if self.theme is not None:
            p.fillRect(self.rect(), self.theme.palette.bar)
        p.end()

    def set_date(self, long_text: str, short_text: str) -> None:
        self._dates = (long_text, short_text)
        self.fit_date()

    def set_next(self, long_text: str, short_text: str = "") -> None:
        """The next meeting, with and without its format's name ("" for none)."""
        if (long_text, short_text) != self._next:
            self._next = (long_text, short_text)
            self.next_meeting.setToolTip(long_text)
            self.fit_date()

    def fit_date(self) -> None:
        """The date and the next meeting, each long where there is room, short where not:
        the next meeting gives way after the long date and before the short one."""
        row = self.row
        shown = [
            w for w in (
                self.board_button, self.meeting_button, self.history_button,
                self.settings_button, self.undo_button, self.redo_button, self.archive_button,
                self.mode_button, self.points_button,
            ) if not w.isHidden()
        ]  # fmt: skip
        margins = row.contentsMargins()
        used = sum(w.sizeHint().width() for w in shown) + margins.left() + margins.right()
        used += row.spacing() * (len(shown) + 5) + 36  # between items, and the three gaps
        room = self.width() - used
        metrics = self.date.fontMetrics()
        long_date, short_date = self._dates
        long_next, short_next = self._next
        choices = [
            (long_date, long_next), (short_date, long_next), (short_date, short_next),
            ("", long_next), ("", short_next), (short_date, ""),
        ]  # fmt: skip
        day, coming = next(
            (
                (d, n)
                for d, n in choices
                if metrics.horizontalAdvance(d) + metrics.horizontalAdvance(n) <= room
            ),
            ("", ""),
        )
        if day != self.date.text():
            self.date.setText(day)
        if coming != self.next_meeting.text():
            self.next_meeting.setText(coming)
        self.next_meeting.setVisible(bool(coming))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_date()


class MessageBar(QFrame):
    """One calm line: what went wrong and what to do; closes itself after a while.

    It lies over the top of the board, under the top bar, and never pushes the lanes
    down: a card just moved to the bottom of a lane stays in view while it is shown."""

    def __init__(self, parent: QWidget, below: QWidget, *also: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("message")
        self._below = (below, *also)  # under the lowest of them that shows
        row = self._row = QHBoxLayout(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setObjectName("message-text")
        self.close_button = QPushButton("×", self)
        self.close_button.setObjectName("message-close")
        self.close_button.setAccessibleName(tr("ui.close"))
        self.close_button.clicked.connect(self.hide)
        row.addWidget(self.label, 1)
        row.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        parent.installEventFilter(self)
        self.hide()

    def apply_theme(self, theme: Theme) -> None:
        self._row.setContentsMargins(theme.px(14), theme.px(4), theme.px(6), theme.px(4))
        self.setStyleSheet(
            f"QFrame#message {{ background: #FFF4D6; border: none;"
            f" border-left: {theme.px(6)}px solid #C98A00;"
            f" border-bottom: {max(1, theme.px(1))}px solid #C98A00; }}"
            f"QLabel {{ color: {theme.palette.text.name()}; }}"
            f"QPushButton {{ border: none; color: {theme.palette.text.name()}; }}"
        )
        self.label.setFont(theme.title_font)
        self.close_button.setFont(theme.font(20, bold=True))
        self.close_button.setFixedSize(theme.touch, theme.touch)
        self.place()

    def place(self) -> None:
        parent = self.parentWidget()
        assert parent is not None  # made with the window as its parent
        width = parent.width()
        layout = self._row
        layout.activate()
        height = max(layout.totalHeightForWidth(width), layout.totalMinimumSize().height())
        bottom = max((w.geometry().bottom() for w in self._below if not w.isHidden()), default=-1)
        self.setGeometry(0, bottom + 1, width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest) and self.isVisible():
            self.place()
        return False

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.show()
        self.place()
        self.raise_()  # over the board and over a sheet's dimming
        self._timer.start(MESSAGE_MS)

    def withdraw(self, text: str) -> None:
        """``text`` no longer holds (the action it was about has succeeded since)."""
        if self.isVisible() and self.label.text() == text:
            self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


class BoardWindow(QWidget):
    def __init__(
        self,
        db: Database | None,  # None: a picture of a given BoardState only
        board_id: int | None,
        *,
        wall: bool = False,
        photo: bool = False,
    ) -> None:
        super().__init__()
        install_fonts()
        self.setObjectName("board-window")
        self.photo = photo
        self.wall = wall
        self.store = BoardStore(self)
        self.ops = BoardOperations(db, self.store, self)
        self.theme = self._make_theme()
        self.sheet: Sheet | None = None
        self.successor: BoardWindow | None = None  # the window ⚙ moved this one's board to
        self._screen_watched = False
        self._normal_geometry: QRect | None = None  # the window's place before the wall
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.top = TopBar(self)
        # The server away, or a display screen's read-only role: for as long as it holds.
        self.status = StatusBanner(self)
        self.message = MessageBar(self, self.top, self.status)  # an overlay, not in the layout
        self.board = BoardWidget(self.store, self.ops, self.theme)
        layout.addWidget(self.top)
        layout.addWidget(self.status)
        layout.addWidget(self.board, 1)
        self.read_only = False
        self._read_only_pages: ReadOnlyPages | None = None
        self.meetings: MeetingController | None = None  # docks its panel under the board
        if not photo:
            self.meetings = MeetingController(self, db, self.minutes_photo)
        # Docked under everything when a finger is to type (Windows opens none for Qt).
        self.keyboard: OnscreenKeyboard | None = None
        if not photo:
            self.keyboard = OnscreenKeyboard(self, self.theme, self._keyboard_mode)
        # Other screens' changes to the database (one watcher per attached database).
        self.live: LiveUpdates | None = None
        self._wire()
        if db is not None and db.read_only:
            self.set_read_only(True)
        self.apply_theme()
        if board_id is not None:
            self.ops.open_board(board_id)
        self._refresh_bar()
        if db is not None and not photo:
            self._watch(db)

    def attach(self, db: Database, board_id: int) -> None:
        """The database behind a window made without one and painted from the start's quick
        read (board/app.py): the board is read again through the service, and from here on
        the window is the one ``BoardWindow(db, board_id)`` makes."""
        self.ops.attach(db)
        if self.meetings is not None:
            self.meetings.attach(db)
        if db.read_only:
            self.set_read_only(True)
        self.ops.open_board(board_id)
        self._watch(db)

    # --- live updates: another screen changed the database ---------------------------------

    def _watch(self, db: Database) -> None:
        if self.live is not None:
            self.live.stop()
            self.live.deleteLater()
        live = self.live = LiveUpdates(db, self)
        live.changed.connect(self._on_remote_change)
        live.lost.connect(self._on_connection_lost)
        live.restored.connect(self._on_connection_restored)
        live.start()

    def _on_remote_change(self, boards: frozenset[int] | None) -> None:
        """Another screen (or process) changed ``boards`` (None: maybe any board)."""
        board_id = self.ops.board_id
        if board_id is None or (boards is not None and board_id not in boards):
            return
        self.ops.refresh()
        page = current_page(self)
        if page is not None:
            page.on_remote_change()  # fields not being edited follow; typed text stays
        if self.meetings is not None:
            self.meetings.on_remote_change()
        self._refresh_bar()  # the board's name may have changed

    def set_read_only(self, read_only: bool) -> None:
        """A database role that may only read (a display screen): the board says so and
        offers no edits — no drag, no ⊕, no undo, no meeting, template pages read-only —
        rather than refusing them one by one; the live updates come all the same."""
        self.read_only = read_only
        self.board.set_read_only(read_only)
        self.status.set_read_only(read_only)
        if read_only and self._read_only_pages is None:
            self._read_only_pages = ReadOnlyPages(self)
        elif not read_only and self._read_only_pages is not None:
            self._read_only_pages.remove()
            self._read_only_pages = None
        self._refresh_bar()

    def switch_database(self, db: Database, board_id: int) -> None:
        """⚙ moved this machine's boards (to a server or back to this computer): a new window
        on ``db`` takes this one's place, as a start would open it; ``db`` closes with the
        application (this window's database stays with whoever opened it)."""
        successor = BoardWindow(db, board_id, wall=self.wall)
        if self.meetings is not None and successor.meetings is not None:
            successor.meetings.settings_path = self.meetings.settings_path
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(db.close)
        if self.wall:
            successor.set_wall(True)
        else:
            successor.setGeometry(self.geometry())
            successor.show()
        self.successor = successor  # kept alive while this window is
        self.close()

    # --- a photo: this window drawn offscreen from a BoardState ---------------------------

    @classmethod
    def draw(
        cls,
        state: BoardState,
        size: tuple[int, int] = (1920, 1080),
        wall: bool = False,
        scale: float = 1,
        day: date | None = None,
        pixels: tuple[int, int] | None = None,
    ) -> QImage:
        """The board window laid out at ``size`` and drawn at ``scale`` times as many pixels
        (2 = sharp when zoomed), without the undo, archive and mode buttons. ``day`` dates the
        picture (its heading and what counts as overdue), so a past meeting's photo never
        changes with today's date. ``pixels`` is the image's exact size (default size x scale)."""
        app = ensure_app()
        width, height = size
        window = cls(None, None, wall=wall, photo=True)
        try:
            window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
            window.resize(width, height)
            window.store.load(state)
            if day is not None:
                window.store.today = day
                window.store.reloaded.emit()
                window.store.changed.emit(ALL_LANES)
            window.show()
            window.set_wall(wall)
            window.resize(width, height)
            app.processEvents()
            image_width, image_height = pixels or (round(width * scale), round(height * scale))
            image = QImage(image_width, image_height, QImage.Format.Format_RGB32)
            image.setDevicePixelRatio(scale)
            image.fill(window.theme.palette.window)
            window.render(image)
            return image
        finally:
            window.close()
            window.deleteLater()

    @classmethod
    def minutes_photo(cls, state: BoardState, day: date) -> QImage:
        """The board as the minutes show it, dated ``day`` (GUI thread: it draws widgets)."""
        return cls.draw(state, MINUTES_PHOTO_SIZE, False, MINUTES_PHOTO_SCALE, day)

    # --- setup ---------------------------------------------------------------------------

    def _wire(self) -> None:
        ops, top = self.ops, self.top
        ops.message.connect(self.show_message)
        ops.recovered.connect(self.message.withdraw)
        ops.prompt.connect(self._on_prompt)
        ops.board_opened.connect(lambda _id: self._refresh_bar())
        ops.undo_stack.indexChanged.connect(self._on_undo_index)
        ops.undo_stack.canUndoChanged.connect(lambda _ok: self._refresh_bar())
        ops.undo_stack.canRedoChanged.connect(lambda _ok: self._refresh_bar())
        self.store.reloaded.connect(self._refresh_bar)
        # A change from another screen waits while a card is being dragged.
        ops.held = lambda: self.board.drag.active
        self.board.drag.finished.connect(ops.release)
        self.board.open_card.connect(self.open_card)
        self.board.lanes[Lane.GOALS].open_goal.connect(self.open_goal)
        self.board.card_actions.connect(self.show_card_actions)
        self.board.goal_actions.connect(self.show_goal_actions)
        top.undo_button.clicked.connect(self.undo)
        top.redo_button.clicked.connect(self.redo)
        top.archive_button.clicked.connect(self.show_archive)
        top.points_button.clicked.connect(self.show_learning_points)
        top.mode_button.clicked.connect(lambda: self.set_wall(not self.wall))
        top.board_button.clicked.connect(self.show_boards)
        for seq, slot in (
            (QKeySequence.StandardKey.Undo, self.undo),
            (QKeySequence.StandardKey.Redo, self.redo),
            (QKeySequence("F11"), lambda: self.set_wall(not self.wall)),
            (QKeySequence.StandardKey.New, self.board.lanes[Lane.IDEAS].start_add),
        ):
            QShortcut(seq, self, slot)
        if self.meetings is not None:  # the top bar's meeting buttons ask the meeting
            top.meeting_button.clicked.connect(self.meetings.toggle)
            top.history_button.clicked.connect(self.meetings.show_history)
            top.settings_button.clicked.connect(self.meetings.show_settings)
        # Ctrl+Y redoes everywhere; where the platform's redo keys hold it already (Linux,
        # Windows) a second shortcut on it would be ambiguous and neither would fire.
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Y") not in redo_keys:
            QShortcut(QKeySequence("Ctrl+Y"), self, self.redo)
        if self.photo:
            for button in (
                top.undo_button, top.redo_button, top.archive_button, top.mode_button,
                top.meeting_button, top.history_button, top.settings_button, top.points_button,
            ):  # fmt: skip
                button.hide()

    def _make_theme(self) -> Theme:
        if self.wall:
            # The wall's type follows the screen's height, whatever the window is yet: on a
            # 4K panel without OS scaling (2160 logical pixels) everything is twice as many
            # pixels as on Full HD, the same millimetres on the same 55-inch screen. A photo
            # has no screen: its own size counts.
            screen = None if self.photo else self.screen()
            height = screen.geometry().height() if screen is not None else self.height()
            return Theme.for_wall(max(height, 480))
        screen = self.screen()
        dpi = screen.logicalDotsPerInch() if screen is not None and not self.photo else 96.0
        return Theme.for_window(dpi)

    def _keyboard_mode(self) -> str:
        """This machine's choice, read when a text field gets the focus (⚙ may change it)."""
        if self.meetings is None:
            return "never"
        return self.meetings.load_settings().onscreen_keyboard

    def apply_theme(self) -> None:
        self.top.apply_theme(self.theme)
        self.message.apply_theme(self.theme)
        self.status.apply_theme(self.theme)
        self.board.set_theme(self.theme)
        if self.meetings is not None:
            self.meetings.apply_theme(self.theme)
        if self.keyboard is not None:
            self.keyboard.apply_theme(self.theme)
        self._refresh_bar()
        self.top.row.activate()
        self._layout.activate()  # new sizes now, not at the next turn of the event loop

    def set_wall(self, wall: bool) -> None:
        """Full screen with large type (the stand-up), or a normal window (a laptop)."""
        self.close_sheet()
        self.wall = wall
        if not self.photo:
            screen = self.screen()
            if wall:
                if not self.isFullScreen() and self.isVisible():
                    self._normal_geometry = self.geometry()
                # The whole screen, said explicitly: on an X server without a window manager
                # (a kiosk) nobody acts on "full screen", and the window kept its own size.
                if screen is not None:
                    self.setGeometry(screen.geometry())
                self.showFullScreen()
                if screen is not None and self.geometry() != screen.geometry():
                    self.setGeometry(screen.geometry())
            else:
                self.showNormal()
                if self._normal_geometry is not None:
                    self.setGeometry(self._normal_geometry)
        self.theme = self._make_theme()
        self.apply_theme()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        handle = self.windowHandle()
        if handle is not None and not self._screen_watched:
            # Moved to a screen with another scaling: follow it.
            handle.screenChanged.connect(lambda _screen: self._retheme())
            self._screen_watched = True

    def _retheme(self) -> None:
        theme = self._make_theme()
        if theme != self.theme:
            self.theme = theme
            self.apply_theme()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.wall:
            theme = self._make_theme()
            if theme != self.theme:
                self.theme = theme
                self.apply_theme()

    def _refresh_bar(self) -> None:
        top = self.top
        board = self.store.board
        name = board.name if board is not None else tr("app.name")
        top.board_button.setText(name if self.photo else f"{name}  ▾")
        top.board_button.setToolTip(tr("ui.boards.title"))
        today = self.store.today
        top.set_date(long_date(today, capital=True), compact_date(today))
        stack = self.ops.undo_stack
        if not isValid(stack):  # the window is being torn down
            return
        top.undo_button.setText(f"↶  {tr('ui.undo')}")
        top.redo_button.setText(f"↷  {tr('ui.redo')}")
        for button in (top.undo_button, top.redo_button):
            button.setVisible(not self.read_only and not self.photo)
        top.undo_button.setEnabled(stack.canUndo())
        top.redo_button.setEnabled(stack.canRedo())
        top.undo_button.setToolTip(stack.undoText())
        top.redo_button.setToolTip(stack.redoText())
        top.archive_button.setText(tr("ui.archive"))
        # The wall shows few, big buttons (the meeting's among them); the archive is a laptop's.
        top.archive_button.setVisible(not self.wall and not self.photo and not self.read_only)
        top.points_button.setText(tr("ui.points.title"))
        # Like the archive, a laptop's; on the wall the board list opens it (room for the
        # next meeting on the bar).
        top.points_button.setVisible(not self.wall and not self.photo and not self.read_only)
        top.mode_button.setText(tr("ui.mode.window" if self.wall else "ui.mode.wall"))
        if self.meetings is not None:
            self.meetings.refresh_bar()
            if self.read_only:  # a meeting writes; a display screen only shows the board
                top.meeting_button.hide()
        self.setWindowTitle(f"{name} – {tr('app.name')}")

    # --- messages and undo ---------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.message.show_message(text)

    # --- the server goes away and comes back (LiveUpdates' lost and restored) ------------

    def _on_connection_lost(self, when: datetime) -> None:
        """A calm banner with the time of the last contact, for as long as it lasts; what
        is typed stays in its field (marked as not saved yet) and is saved on return."""
        self.status.set_lost(when)

    def _on_connection_restored(self) -> None:
        """The banner goes; a template field or a meeting step's notes that could not be
        saved meanwhile are saved now (the board catches up through the ``changed`` that
        follows)."""
        self.status.set_lost(None)
        page = current_page(self)
        if page is not None:
            page.flush()
        if self.meetings is not None:  # a meeting step's notes, kept as drafts meanwhile
            self.meetings.outputs.flush_notes()

    def undo(self) -> None:
        self.close_sheet()
        self.ops.undo_stack.undo()

    def redo(self) -> None:
        self.close_sheet()
        self.ops.undo_stack.redo()

    def _on_undo_index(self, _index: int) -> None:
        # A question about a move that was just undone no longer applies.
        if isinstance(self.sheet, OwnerDeadlineSheet | LogDecisionSheet):
            self.close_sheet()
        self._refresh_bar()

    # --- sheets --------------------------------------------------------------------------

    def _open_sheet(self, sheet: Sheet) -> Sheet:
        self.close_sheet()
        self.sheet = sheet
        sheet.closed.connect(lambda s=sheet: self._sheet_closed(s))
        sheet.open()
        return sheet

    def _sheet_closed(self, sheet: Sheet) -> None:
        if self.sheet is sheet:
            self.sheet = None
            view = self.board.lane_of(self.board.selection) if self.board.selection else None
            if view is not None:
                view.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_sheet(self) -> None:
        if self.sheet is not None:
            sheet, self.sheet = self.sheet, None
            sheet.close_sheet()

    def _card_anchor(self, card_id: int) -> QRect | None:
        view = self.board.lane_of(card_id)
        if view is None:
            return None
        view.ensure_visible(card_id)
        rect = view.card_rect(card_id)
        if rect is None:
            return None
        return QRect(view.mapTo(self, rect.topLeft()), rect.size())

    def open_card(self, card_id: int) -> None:
        """A tap on a card: its improvement-model template, as a page over the board."""
        self.close_sheet()
        open_card_template(self, card_id)

    def open_goal(self, goal_id: int) -> None:
        """A tap on a goal in Mål: the goal's own template."""
        self.close_sheet()
        open_goal_template(self, goal_id)

    def show_goal_template(self, goal_id: int) -> None:
        """A goal's template asked for by a card's page (which has closed itself)."""
        open_goal_template(self, goal_id)

    def show_card_actions(self, card_id: int, anchor: QRect) -> None:
        card = self.store.card(card_id)
        if card is None:
            return
        view = self.board.lanes[card.lane]
        self._open_sheet(
            CardActionsSheet(
                self,
                self.theme,
                card,
                anchor,
                on_open=lambda: self.open_card(card_id),
                on_rename=lambda: view.start_rename(card_id),
                on_archive=lambda: self.ops.archive_card(card_id),
                on_move=lambda lane: self.board.move_card(card_id, lane, None),
            )
        )

    def show_goal_actions(self, goal_id: int, anchor: QRect) -> None:
        goal = self.store.goal(goal_id)
        if goal is None:
            return
        view = self.board.lanes[Lane.GOALS]
        self._open_sheet(
            GoalActionsSheet(
                self,
                self.theme,
                goal,
                anchor,
                on_edit=lambda: view.start_goal_edit(goal_id),
                on_archive=lambda: self.ops.archive_goal(goal_id),
            )
        )

    def _on_prompt(self, kind: str, card_id: int) -> None:
        card = self.store.card(card_id)
        if card is None or self.photo:
            return
        anchor = self._card_anchor(card_id)
        if kind == "owner":
            self._open_sheet(
                OwnerDeadlineSheet(
                    self,
                    self.theme,
                    card,
                    self.store.people,
                    anchor,
                    add_person=self.ops.add_person,
                    save=lambda owner, deadline: self.ops.set_owner_deadline(
                        card_id, owner, deadline
                    ),
                    today=self.store.today,
                )
            )
        elif kind == "log":
            self._open_sheet(
                LogDecisionSheet(
                    self,
                    self.theme,
                    card,
                    anchor,
                    save=lambda decision, learning: self.ops.write_log(card_id, decision, learning),
                    undo_move=self.undo,
                )
            )

    def show_boards(self) -> None:
        self._open_sheet(
            BoardsSheet(
                self,
                self.theme,
                self.ops.list_boards(),
                self.ops.board_id,
                on_open=self.ops.open_board,
                on_create=None
                if self.read_only
                else lambda name: self.ops.create_board(name) is not None,
                on_learning_points=None if self.read_only else self.show_learning_points,
            )
        )

    def show_archive(self) -> None:
        self._open_sheet(
            ArchiveSheet(
                self,
                self.theme,
                self.ops.archived_cards(),
                on_restore=self.ops.restore_card,
                on_erase=self.ops.erase_card,
            )
        )

    def show_learning_points(self) -> None:
        self._open_sheet(LearningPointsSheet(self, self.theme, self.ops))

    def closeEvent(self, event: QCloseEvent) -> None:
        # An idea typed but not yet confirmed is kept, as if Enter had been pressed.
        for view in self.board.lanes.values():
            if view.editing is not None and view.editor.text().strip():
                view.commit_editor()
        if self.live is not None:
            self.live.stop()
        if self._read_only_pages is not None:  # nothing left to keep read-only
            self._read_only_pages.remove()
            self._read_only_pages = None
        super().closeEvent(event)
