"""Where to save, chosen on the wall with a finger: a sheet of big buttons, one per place.

Qt's file dialog is a desktop tool (small controls, a typed path); on the wall the usual
places are enough: the minutes folder, Documents, and a USB stick or other removable drive
when one is plugged in. On a laptop the system's own dialog is used (in Danish, see
qt_app.install_qt_translations).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QStorageInfo, Qt
from PySide6.QtWidgets import QWidget

from board.domain.errors import BoardError
from board.domain.file_names import safe_name
from board.i18n import tr
from board.ui.common.band_widgets import ElidedLabel, WrapButton
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button, heading, note


@dataclass(frozen=True, slots=True)
class Place:
    key: str  # "minutes", "documents", "removable-0" …: the button's name is "place-<key>"
    label: str
    path: Path


def documents_folder() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs else Path.home()


def is_removable(root: str, platform: str = sys.platform) -> bool:
    """A mounted drive that is most likely a USB stick or a memory card.

    Qt does not say "removable", so this follows where systems mount them: /media and
    /run/media on Linux, /Volumes on macOS, any drive letter but the system's on Windows.
    """
    if platform.startswith("win"):
        system = os.environ.get("SYSTEMDRIVE", "C:").upper().rstrip("\\/")
        drive = root.upper().rstrip("\\/")
        return len(drive) == 2 and drive[1] == ":" and drive != system
    if platform == "darwin":
        return root.startswith("/Volumes/")
    return root.startswith(("/media/", "/run/media/"))


def removable_volumes() -> list[tuple[str, Path]]:
    """Removable drives that can be written to now: (name, folder)."""
    found = []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if volume.isValid() and volume.isReady() and not volume.isReadOnly() and is_removable(root):
            found.append((volume.displayName() or Path(root).name or root, Path(root)))
    return found


def save_places(minutes_folder: Path | None) -> list[Place]:
    """The minutes folder (when there is one), Documents, and each removable drive."""
    places: list[Place] = []
    if minutes_folder is not None:
        places.append(Place("minutes", tr("save.place.minutes"), minutes_folder))
    places.append(Place("documents", tr("save.place.documents"), documents_folder()))
    for n, (name, path) in enumerate(removable_volumes()):
        places.append(Place(f"removable-{n}", tr("save.place.removable", name=name), path))
    seen: set[str] = set()
    unique = []
    for place in places:
        key = os.path.normcase(os.path.abspath(place.path))
        if key not in seen:
            seen.add(key)
            unique.append(place)
    return unique


def default_minutes_folder() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(docs or Path.home())
    folder = base / tr("meeting.folder.default")
    # The folder's Danish name was corrected ("Referater fra Forbedringstavle"); a machine that
    # already keeps its minutes under the earlier name goes on using it, so they stay together.
    earlier = base / tr("meeting.folder.earlier")
    if not folder.exists() and earlier.is_dir():
        return earlier
    return folder


def minutes_folder(configured: str) -> Path:
    return Path(configured) if configured.strip() else default_minutes_folder()


def usual_places(window: QWidget) -> list[Place]:
    """The places for a window: its meetings' minutes folder (this machine's setting) first."""
    meetings = getattr(window, "meetings", None)
    if meetings is None:
        return save_places(None)
    return save_places(minutes_folder(meetings.load_settings().minutes_folder))


def pdf_name(text: str, limit: int = 70) -> str:
    """A PDF's file name from a title: safe everywhere, shortened at a word boundary."""
    stem = text[:-4] if text.lower().endswith(".pdf") else text
    return f"{safe_name(stem, limit)}.pdf"


class SavePlaceSheet(Sheet):
    """One big button per place (its name, its folder under it); a tap saves there."""

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        title: str,
        what: str,
        places: list[Place],
        on_choose: Callable[[Path], None],
    ) -> None:
        super().__init__(host, theme, width=560, name="save-place-sheet")
        self._on_choose = on_choose
        lay = self.layout_
        lay.addWidget(heading(title, theme))
        if what:
            lay.addWidget(note(what, theme))
        for place in places:
            button = WrapButton(place.label, theme, "secondary", name=f"place-{place.key}", size=14)
            button.setToolTip(str(place.path))
            button.clicked.connect(lambda _=False, p=place.path: self._choose(p))
            lay.addWidget(button)
            lay.addWidget(
                ElidedLabel(
                    str(place.path),
                    theme.font(11.5),
                    theme.palette.muted,
                    name=f"place-{place.key}-path",
                    mode=Qt.TextElideMode.ElideMiddle,
                )
            )
        cancel = big_button(tr("save.cancel"), theme, name="place-cancel")
        cancel.clicked.connect(self.dismiss)
        lay.addWidget(cancel)

    def _choose(self, path: Path) -> None:
        self.close_sheet()
        self._on_choose(path)


def write_and_tell(
    path: Path, write: Callable[[], None], say: Callable[[str], None], done: str
) -> None:
    """Run ``write`` (a file to ``path``) and ``say`` how it went, in the user's words:
    ``done`` (a text taking ``path``), the refusal's own message, or that it cannot be written."""
    try:
        write()
    except BoardError as exc:
        say(exc.message())
        return
    except OSError:
        say(tr("error.write_file", path=str(path)))
        return
    say(tr(done, path=str(path)))
