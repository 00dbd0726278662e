"""Pieces of the sending view that only draw: the progress bar, one result per person, and
the drafts saved with a button to open each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout

from board.export.mail import Recipient, SendResult
from board.i18n import tr
from board.ui.common.band_widgets import ElidedLabel, WrapButton, label
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button

OK_TEXT = QColor("#1E6B34")
FAIL_TEXT = QColor("#8E2430")


def progress_bar(t: Theme) -> QProgressBar:
    bar = QProgressBar()
    bar.setObjectName("send-progress")
    bar.setTextVisible(False)
    bar.setFixedHeight(t.px(10))
    bar.setStyleSheet(
        f"QProgressBar {{ background: {t.palette.lane.name()}; border: none;"
        f" border-radius: {t.px(5)}px; }}"
        f"QProgressBar::chunk {{ background: #2E8B57; border-radius: {t.px(5)}px; }}"
    )
    return bar


def result_label(t: Theme, result: SendResult, number: int) -> QLabel:
    """ "Sendt til …" or "Fejlede for …: why"."""
    r = result.recipient
    if result.ok:
        text = f"✓  {tr('mail.result.sent', name=r.name, email=r.email)}"
    else:
        text = "✗  " + tr("mail.result.failed", name=r.name, email=r.email, reason=result.detail)
    return label(
        text, t.font(13), OK_TEXT if result.ok else FAIL_TEXT, name=f"send-result-{number}"
    )


def drafts_saved(
    lay: QVBoxLayout,
    t: Theme,
    paths: list[Path],
    recipients: list[Recipient],
    open_path: Callable[[Path], None],
) -> None:
    """Saved: one draft per person, each opened by its own button, and the folder."""
    folder_path = paths[0].parent
    lay.addWidget(
        label(
            tr("meeting.send.draft_saved"), t.font(13, bold=True), OK_TEXT, name="send-draft-saved"
        )
    )
    lay.addWidget(
        ElidedLabel(
            str(folder_path),
            t.font(12),
            t.palette.muted,
            name="send-draft-folder",
            mode=Qt.TextElideMode.ElideMiddle,
        )
    )
    for n, (path, recipient) in enumerate(zip(paths, recipients, strict=False)):
        open_draft = WrapButton(
            tr("meeting.send.open_draft_to", name=recipient.name),
            t,
            "primary" if n == 0 else "secondary",
            name=f"open-draft-{n}",
            size=13,
        )
        open_draft.clicked.connect(lambda _=False, p=path: open_path(p))
        lay.addWidget(open_draft)
    folder = big_button(tr("meeting.minutes.folder"), t, name="open-draft-folder")
    folder.clicked.connect(lambda: open_path(folder_path))
    lay.addWidget(folder)
