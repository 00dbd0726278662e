"""Which file to import, chosen on the wall with a finger: the measurement files (CSV and
.xlsx) in the usual places (the minutes folder, Documents, a USB stick), newest first.

The wall has no file dialog (see common/save_places.py); a file is put where the board
saves its own files, most often on a stick.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget

from board.dates import compact_date
from board.i18n import tr
from board.ui.common.band_widgets import WrapButton
from board.ui.common.save_places import Place, usual_places
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button, heading, note

SUFFIXES = (".csv", ".xlsx", ".txt")
SHOWN = 10  # the newest files; an older one is found by saving it again


def measurement_files(places: list[Place]) -> list[tuple[Path, Place]]:
    """The files that may hold measurements, directly in each place, newest first."""
    found: dict[Path, tuple[float, Place]] = {}
    for place in places:
        with suppress(OSError):  # a stick pulled out, a folder not made yet
            for path in place.path.iterdir():
                if path.suffix.lower() in SUFFIXES and path.is_file():
                    found.setdefault(path, (path.stat().st_mtime, place))
    newest = sorted(found.items(), key=lambda item: item[1][0], reverse=True)
    return [(path, place) for path, (_mtime, place) in newest[:SHOWN]]


class FilePickerSheet(Sheet):
    def __init__(self, host: QWidget, theme: Theme, on_choose: Callable[[Path], None]) -> None:
        super().__init__(host, theme, width=640, name="file-picker-sheet")
        self._on_choose = on_choose
        lay = self.layout_
        lay.addWidget(heading(tr("tpl.data.import_choose"), theme))
        files = measurement_files(usual_places(host))
        if not files:
            lay.addWidget(note(tr("tpl.data.import_none"), theme))
        for index, (path, place) in enumerate(files):
            day = compact_date(_day(path))
            button = WrapButton(f"{path.name}\n{place.label} · {day}", theme, "secondary",
                                name=f"file-{index}", size=14)  # fmt: skip
            button.setToolTip(str(path))
            button.clicked.connect(lambda _=False, p=path: self._choose(p))
            lay.addWidget(button)
        cancel = big_button(tr("save.cancel"), theme, name="file-cancel")
        cancel.clicked.connect(self.dismiss)
        lay.addWidget(cancel)

    def _choose(self, path: Path) -> None:
        self.close_sheet()
        self._on_choose(path)


def _day(path: Path) -> date:
    return date.fromtimestamp(path.stat().st_mtime)
