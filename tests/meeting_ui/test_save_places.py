"""No tiny English dialogs: Qt's own dialogs speak Danish, and on the wall the minutes and
their drafts are saved where a finger points (the minutes folder, Documents, a USB stick)
instead of in Qt's file dialog. File names are safe everywhere and shortened at a word."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QPushButton, QWidget

from board import i18n
from board.domain.file_names import safe_name, shorten
from board.ui.common.qt_app import ensure_app
from board.ui.common.save_places import default_minutes_folder, is_removable, pdf_name

from .helpers import FakeClock, screenshot, tap, wait_for
from .test_sending import hold_meeting


def _texts(widget) -> set[str]:  # type: ignore[no-untyped-def]
    found = {w.text() for w in widget.findChildren(QLabel)}
    return found | {w.text() for w in widget.findChildren(QPushButton)}


def test_the_minutes_folder_is_named_in_danish_and_an_earlier_one_is_kept(qtbot) -> None:
    """ "Referater fra Forbedringstavle" under Documents; where minutes already live under the
    folder's earlier name ("Forbedringstavle referater"), they go on going there."""
    i18n.set_language("da")
    ensure_app()
    docs = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    assert default_minutes_folder() == docs / "Referater fra Forbedringstavle"
    earlier = docs / "Forbedringstavle referater"
    earlier.mkdir(parents=True)
    try:
        assert default_minutes_folder() == earlier
    finally:
        earlier.rmdir()


def test_qts_own_dialogs_speak_the_users_language(qtbot) -> None:
    i18n.set_language("da")
    ensure_app()
    danish = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert [b.text() for b in danish.buttons()] == ["Annuller"]
    dialog = QFileDialog(None, "", "", "")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    # Qt's catalog (qtbase_da.qm) gives most; the app's catalogs fill its gaps ("Look in").
    assert {"&Kig i:", "&Filnavn:", "Fil&type:", "&Åbn", "Annuller"} <= _texts(dialog)
    i18n.set_language("en")
    ensure_app()  # every window asks for the app: the language chosen then counts
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert [b.text() for b in english.buttons()] == ["Cancel"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, with its Documents."""
    folder = tmp_path / "home"
    (folder / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return folder


def test_on_the_wall_the_minutes_and_drafts_go_where_a_finger_points(
    wall, qtbot, demo_db, board_id, clock: FakeClock, home: Path, minutes_dir: Path
) -> None:
    hold_meeting(wall, qtbot, demo_db, board_id, ["Gitte Holm", "Hanne Krogh"], clock)
    c = wall.meetings
    c.sending.choose_folder = lambda start: pytest.fail("the file dialog opened on the wall")
    view = c.send_view
    tap(c.panel, "send-minutes-button")  # "Gem referat og mailkladder"
    sheet = wall.findChild(QWidget, "save-place-sheet")
    assert sheet.isVisible()
    places = {b.objectName() for b in sheet.findChildren(QPushButton) if b.isVisible()}
    assert {"place-minutes", "place-documents", "place-cancel"} <= places
    for name in ("place-minutes", "place-documents"):
        button = sheet.findChild(QPushButton, name)
        assert button.height() >= wall.theme.touch  # a finger's target, not a 20 px control
    assert sheet.findChild(QLabel, "place-documents-path").toolTip() == str(home / "Documents")
    screenshot(wall, "meeting-wall-save-places")
    tap(sheet, "place-documents")
    wait_for(qtbot, lambda: bool(view.draft_paths))
    documents = home / "Documents"
    pdf = documents / c.state.files.pdf_path.name
    assert pdf.exists() and (documents / c.state.files.png_path.name).exists()
    reader = PdfReader(BytesIO(pdf.read_bytes()))  # a real PDF, the minutes of this board
    assert len(reader.pages) >= 1 and "Spædbarnsindsatsen" in reader.pages[0].extract_text()
    assert all(p.parent == documents and p.exists() for p in view.draft_paths)
    assert len(view.draft_paths) == 3


def test_a_removable_drive_is_recognised_where_systems_mount_them() -> None:
    assert is_removable("/media/lene/USB-NØGLE", "linux")
    assert is_removable("/run/media/lene/KINGSTON", "linux")
    assert not is_removable("/", "linux") and not is_removable("/home", "linux")
    assert is_removable("/Volumes/USB", "darwin") and not is_removable("/", "darwin")
    assert is_removable("E:/", "win32") and not is_removable("C:/", "win32")


def test_file_names_are_safe_and_shortened_at_a_word() -> None:
    title = "Skabelon 2 - Forberedende møde med barselgangen i graviditetens sidste uger"
    name = pdf_name(title, 60)
    assert name == "Skabelon 2 - Forberedende møde med barselgangen i.pdf"
    assert all(word in title.split() for word in name.removesuffix(".pdf").split())
    assert pdf_name("Skabelon 3 - Kort titel.pdf") == "Skabelon 3 - Kort titel.pdf"
    assert safe_name('Plan: "Hvem/hvad?" <A|B>*') == "Plan Hvem hvad A B"
    assert safe_name("Referat ...  ") == "Referat"
    assert safe_name("NUL") == "NUL_" and safe_name("com1.txt") == "com1.txt_"
    assert shorten("en to tre fire", 9) == "en to tre"
    assert shorten("en to tre fire", 8) == "en to"
