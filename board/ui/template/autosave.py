"""Fields that save themselves (AutoField) and the set of them a page saves before an action."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from shiboken6 import isValid

from board.i18n import tr
from board.ui.common.theme import Theme
from board.ui.template.editors import GrowingText
from board.ui.template.remote_choice import BOTH, TAKE, RemoteChoice, place_under
from board.ui.template.template_widgets import label

IDLE_MS = 1500  # a pause in typing this long saves too (a power cut loses at most that)
_sessions = itertools.count(1)


class AutoField(QObject):
    """One field of a record that saves itself: when left, after a pause, and on close.

    ``saved`` is the value the record has as far as this screen knows. What the user typed
    and could not save (the text was refused) stays in the field, marked, and is saved again
    the next time the field is left.

    Another screen's change (``set_value`` with a value this screen did not save) replaces
    the text only while the user is not editing the field (focused, or with unsaved text);
    otherwise it is offered under the field (``theirs``, a RemoteChoice) and nothing is saved
    until the user chooses: keep mine, use theirs, or both.
    """

    def __init__(
        self,
        widget: QLineEdit | QPlainTextEdit,
        name: str,
        save: Callable[[AutoField], bool | None],
        *,
        strip: bool = False,
        idle_ms: int = IDLE_MS,
        theme: Theme | None = None,
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.name = name
        self._save = save
        self._strip = strip
        self._theme = theme
        self.saved = ""
        self.theirs: str | None = None  # another screen's text, waiting for the user's choice
        self.choice: RemoteChoice | None = None
        self.session: int | None = None
        self.failed = False
        self._note: QLabel | None = None  # "Ikke gemt endnu", in the field's corner
        self._setting = False
        self._saving = False
        self._heard: str | None = None  # the record's value reported during our own save
        self.held = False  # the record is gone (archived elsewhere): read-only, not saved
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self.commit)
        widget.installEventFilter(self)
        widget.textChanged.connect(self._on_text)
        if not widget.objectName():
            widget.setObjectName(f"field-{name}")

    def value(self) -> str:
        w = self.widget
        text = w.text() if isinstance(w, QLineEdit) else w.toPlainText()
        return text.strip() if self._strip else text

    def dirty(self) -> bool:
        return self.value() != self.saved

    def focused(self) -> bool:
        """The field has the keyboard (or will have it again when its window is active)."""
        w = self.widget
        return w.hasFocus() or (w.isVisible() and w.window().focusWidget() is w)

    def editing(self) -> bool:
        return self.focused() or self.dirty()

    def set_value(self, value: str) -> None:
        """The record's value came from the service: show it, unless the user is editing
        the field; then a value that differs from the text is offered as a choice."""
        if self._saving:  # the answer to our own save, or the reload after its refusal
            self._heard = value
            return
        if value == self.value():
            self.saved = value  # both screens agree: nothing to choose
            self._settle()
        elif not self.editing():
            self._show_text(value)
            self.saved = value
            self._settle()
        elif value == self.saved:
            self._settle()  # the other screen is back at the text this field started from
        elif value != self.theirs:
            self._offer(value)
        self._mark()

    def load(self, value: str) -> None:
        """Another record in the same field (another learning cycle): show its value."""
        self._show_text(value)
        self.saved = value
        self._settle()
        self._mark()

    def _show_text(self, value: str) -> None:
        if self.value() == value:
            return
        self._setting = True
        if isinstance(self.widget, QLineEdit):
            self.widget.setText(value)
        else:
            self.widget.setPlainText(value)
        self._setting = False

    def _settle(self) -> None:
        """No choice waits (any more); the field is as saved or as typed."""
        self.theirs = None
        if self.choice is not None:
            self.choice.hide()
        if not self.dirty():
            self.failed = False

    def _offer(self, theirs: str) -> None:
        self._timer.stop()
        self.theirs = theirs
        if self.choice is None and self._theme is not None:
            self.choice = RemoteChoice(self._theme)
            self.choice.chosen.connect(self.choose)
            if not place_under(self.widget, self.choice):
                self.choice.deleteLater()
                self.choice = None
        if self.choice is not None:
            self.choice.offer(theirs)

    def choose(self, choice: str) -> bool:
        """Behold min / Brug deres / Begge: the text that holds now, saved on the version
        the other screen wrote (so it is not refused again)."""
        theirs = self.theirs
        if theirs is None:
            return True
        mine = self.value()
        self.saved = theirs  # the record as it is now
        self._settle()
        if choice == TAKE:
            self._show_text(theirs)
        elif choice == BOTH:
            # One line cannot hold a blank line: there the two texts share it.
            joint = " / " if isinstance(self.widget, QLineEdit) else "\n\n"
            self._show_text(f"{mine.rstrip()}{joint}{theirs}")
        ok = self.commit()
        self._mark()
        return ok

    def _on_text(self, *_args: object) -> None:
        if not self._setting:
            self._timer.start()

    def commit(self) -> bool:
        """Save now if the text differs from the record; True when nothing is left unsaved.

        While another screen's text waits for a choice nothing is saved (False); a field
        left without typing takes their text.
        """
        self._timer.stop()
        if self.held:  # its record is gone: nothing can be saved, the text stays
            self._mark(True)
            return not self.dirty()
        if self.theirs is not None:
            if self.dirty() or self.focused():
                self._mark(True)
                return not self.dirty()
            self.choose(TAKE)
            return True
        if not self.dirty():
            return True
        ok = self._try_save()
        if ok is False and self._heard is not None and self.theirs is None:
            # Refused because the record moved on, but not this field (or to this very
            # text): the version is fresh now, so the text is saved once more.
            ok = self._try_save() if self.dirty() else True
        if ok is None:  # waits for another field (a new criterion needs its text first)
            return True
        if ok:
            self.saved = self.value()
        self.failed = not ok and self.theirs is None
        self._mark()
        return bool(ok)

    def _try_save(self) -> bool | None:
        if self.session is None:
            self.session = next(_sessions)
        self._saving, self._heard = True, None
        try:
            ok = self._save(self)
        finally:
            self._saving = False
        heard = self._heard
        if ok is False and heard is not None and heard != self.saved:
            if heard == self.value():
                self.saved = heard  # the other screen wrote the same text
            else:
                self._offer(heard)  # they changed this very field: the user chooses
        return ok

    def _mark(self, waiting: bool = False) -> None:
        unsaved = (self.failed or waiting or self.theirs is not None) and self.dirty()
        if bool(self.widget.property("unsaved")) != unsaved:
            self.widget.setProperty("unsaved", unsaved)
            self.widget.style().unpolish(self.widget)
            self.widget.style().polish(self.widget)
        self._show_note(unsaved)

    def _show_note(self, unsaved: bool) -> None:
        """The text is in the field but not in the database (the server is away, another
        screen changed the record): said in words, calmly, in the field's corner."""
        note = self._note
        if not unsaved:
            if note is not None:
                note.hide()
            return
        if note is None:
            note = self._note = QLabel(tr("live.down.unsaved"), self.widget)
            note.setObjectName(f"unsaved-{self.name}")
            note.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            font = self.widget.font()
            if font.pixelSize() > 0:  # the theme sizes type in pixels
                font.setPixelSize(max(1, round(font.pixelSize() * 0.8)))
            else:
                font.setPointSizeF(font.pointSizeF() * 0.8)
            note.setFont(font)
            note.setStyleSheet(
                "QLabel { color: #7A5200; background: #FFE9B3; border: none;"
                " border-radius: 4px; padding: 1px 6px; }"
            )
        note.adjustSize()
        self._place_note()
        note.show()
        note.raise_()

    def _place_note(self) -> None:
        note = self._note
        if note is not None:
            inset = 4
            note.move(self.widget.width() - note.width() - inset, inset)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self._place_note()
        elif kind == QEvent.Type.FocusIn:
            self.session = next(_sessions)  # one visit to the field: one undo step
        elif kind == QEvent.Type.FocusOut:
            reason = event.reason() if isinstance(event, QFocusEvent) else None
            if reason is not Qt.FocusReason.PopupFocusReason:  # not the context menu
                self.commit()
        return False


class FieldSet(QObject):
    """The self-saving fields of one page: saved all at once before an action or a close.

    ``entered`` reports a field taking the focus, so the page can scroll it into view.
    """

    entered = Signal(QWidget)

    def __init__(self, parent: QObject, theme: Theme) -> None:
        super().__init__(parent)
        self.theme = theme
        self._fields: list[AutoField] = []

    def add(
        self,
        widget: QLineEdit | QPlainTextEdit,
        name: str,
        save: Callable[[AutoField], bool | None],
        *,
        strip: bool = False,
    ) -> AutoField:
        auto = AutoField(widget, name, save, strip=strip, theme=self.theme)
        widget.installEventFilter(self)
        self._fields.append(auto)
        return auto

    def text_field(
        self,
        into: QVBoxLayout,
        name: str,
        label_key: str,
        lines: int,
        save: Callable[[AutoField], bool],
        *,
        placeholder: str = "",
    ) -> AutoField:
        """A labelled multi-line field that grows with its text, added to ``into``."""
        t = self.theme
        box = QVBoxLayout()
        box.setSpacing(t.px(4))
        if label_key:
            box.addWidget(label(tr(label_key), t.font(12.5, bold=True)))
        edit = GrowingText(t, lines, placeholder or tr("tpl.placeholder.text"))
        box.addWidget(edit)
        into.addLayout(box)
        return self.add(edit, name, save)

    def discard(self, field: AutoField) -> None:
        """A field that goes away with its row (a removed criterion)."""
        if field in self._fields:
            self._fields.remove(field)

    def flush(self) -> bool:
        """Save every field now; False if one could not be saved (its text stays in it)."""
        ok = True
        for field in list(self._fields):
            if isValid(field.widget):
                ok = field.commit() and ok
        return ok

    def keep_both(self) -> None:
        """The page goes away while a choice waits (the window closes): nothing typed may
        be lost, nor what the other screen wrote, so each such field keeps both texts."""
        for field in list(self._fields):
            if field.theirs is not None and isValid(field.widget):
                field.choose(BOTH if field.dirty() else TAKE)

    def hold(self, held: bool) -> None:
        """The page's record is gone (True) or back (False): the fields are read-only and
        save nothing meanwhile, so what is typed stays in them."""
        for field in self._fields:
            if isValid(field.widget):
                field.held = held
                field.widget.setReadOnly(held)

    def unsaved_text(self) -> str:
        """The text of every field that differs from its record, one paragraph each."""
        return "\n\n".join(
            f.value() for f in self._fields if isValid(f.widget) and f.dirty() and f.value()
        )

    def waiting(self) -> AutoField | None:
        """A field whose text waits for the user's choice against another screen's text."""
        return next((f for f in self._fields if f.theirs is not None and isValid(f.widget)), None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self.entered.emit(watched)
        return False
