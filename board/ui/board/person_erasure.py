"""»Slet personen for altid …« in Find persondata (issue 13, item 3): when a chosen hit is a
person's own record, the person who has left becomes a neutral label (»Tidligere medarbejder
n«) everywhere, old minutes too, history kept — after a confirmation that says so, that it
cannot be undone and what the program cannot reach."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from board.i18n import tr, tr_n
from board.ui.common.widgets import big_button, note

if TYPE_CHECKING:
    from board.ui.board.privacy_sheet import FindPersonalDataSheet
    from board.ui.operations.results import Hit, Redaction


class ErasingPerson:
    """The person erasure's button and confirmation, added to a Find persondata sheet."""

    def __init__(
        self,
        sheet: FindPersonalDataSheet,
        person_to_erase: Callable[[int], tuple[str, str] | None],
        erase_person: Callable[[int, str], Redaction | None],
        sent_among: Callable[[list[Hit]], int],
    ) -> None:
        self.sheet = sheet
        self._person_to_erase = person_to_erase
        self._erase_person = erase_person
        self._sent_among = sent_among
        self._asked: tuple[int, str] | None = None  # the person and label confirmed
        theme = sheet.theme
        self.button = big_button(tr("privacy.erase.person"), theme, name="privacy-erase-person")
        self.button.clicked.connect(self.ask)
        sheet.add_action(self.button)
        sheet.chosen_changed.connect(self._update)

        self.confirm = QFrame()
        self.confirm.setObjectName("privacy-erase-person-confirm")
        self.confirm.setStyleSheet(
            "QFrame#privacy-erase-person-confirm { background: #FDECEA;"
            f" border-radius: {theme.px(8)}px; }} QLabel {{ background: transparent; }}"
        )
        box = QVBoxLayout(self.confirm)
        box.setContentsMargins(*(theme.px(12),) * 4)
        self.question = QLabel()
        self.question.setObjectName("privacy-erase-person-question")
        self.question.setWordWrap(True)
        self.question.setFont(theme.title_font)
        box.addWidget(self.question)
        self.reach = note("", theme)
        self.reach.setObjectName("privacy-erase-person-reach")
        box.addWidget(self.reach)
        row = QHBoxLayout()
        row.addStretch(1)
        no = big_button(tr("privacy.erase.no"), theme, name="privacy-erase-person-no")
        no.clicked.connect(self.confirm.hide)
        yes = big_button(
            tr("privacy.erase.person_yes"), theme, "primary", name="privacy-erase-person-yes"
        )
        yes.clicked.connect(self.run)
        row.addWidget(no)
        row.addWidget(yes)
        box.addLayout(row)
        self.confirm.hide()
        lay = sheet.layout_  # above the action row, the sheet's last item
        lay.insertWidget(lay.count() - 1, self.confirm)
        self._update()

    def _chosen_person(self) -> int | None:
        """The one person whose own record is among the chosen hits (none, or several: None)."""
        ids = {h.ref[-1] for h in self.sheet.chosen_hits() if h.place == "person"}
        return ids.pop() if len(ids) == 1 else None

    def _update(self) -> None:
        self.button.setVisible(any(h.place == "person" for h in self.sheet.hits()))
        self.button.setEnabled(self._chosen_person() is not None)

    def ask(self) -> None:
        """Say whose name becomes which label, everywhere, for good, history kept."""
        person_id = self._chosen_person()
        found = None if person_id is None else self._person_to_erase(person_id)
        if person_id is None or found is None:
            return
        name, label = found
        self._asked = (person_id, label)
        self.question.setText(tr("privacy.erase.person_confirm", name=name, label=label))
        sent = self._sent_among(self.sheet.hits())
        reach = [tr_n("privacy.erase.sent", sent)] if sent else []
        self.reach.setText(" ".join([*reach, tr("privacy.erase.outside")]))
        self.confirm.show()

    def run(self) -> None:
        self.confirm.hide()
        if self._asked is None:
            return
        person_id, label = self._asked
        self._asked = None
        done = self._erase_person(person_id, label)
        if done is None:
            return
        self.sheet.search_again()
        self._update()
        said = tr_n("privacy.erase.person_done", done.places, label=label)
        if not done.scrubbed:
            said += " " + tr("privacy.erase.not_scrubbed")
        self.sheet.status.setText(said)
