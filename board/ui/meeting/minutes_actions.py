"""Making, saving and sending the minutes of a meeting (no widgets here).

- The board photo is drawn on the GUI thread (it uses the window's widgets, ~0.1 s at
  3840x2160); encoding it as PNG, the PDF and the file writes run on a worker thread.
- The photo is dated the meeting's day, so a past meeting's photo (and so its PDF) is made
  again byte for byte, whenever it is made.
- ``privacy_texts`` lists every text of the minutes with where it is, for the CPR check.
- Sending and drafts build one e-mail per absent person from the same bytes as the files.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from board.atomic_file import write_bytes
from board.dates import compact_date, file_date, file_time, sentence_date
from board.domain.errors import BoardError
from board.domain.file_names import safe_name
from board.domain.lanes import Lane
from board.domain.minutes import Minutes, minutes_day
from board.domain.planning import PlannedMeeting
from board.domain.privacy import find_cpr_numbers
from board.export.mail import Attachment, Recipient, build_message, write_draft
from board.i18n import tr
from board.logs import log_crash
from board.ui.common.images import png_bytes

if TYPE_CHECKING:
    from email.message import EmailMessage

_log = logging.getLogger(__name__)

CALENDAR_MIME = "text/calendar"
CALENDAR_PARAMS = (("method", "PUBLISH"), ("charset", "utf-8"))  # as the file says: Outlook

# The picture in the minutes: laid out as a 1920x1080 wall, drawn at 3840x2160 so it stays
# sharp when the PDF is zoomed (as the CLI's).
MINUTES_PHOTO_SIZE = (1920, 1080)
MINUTES_PHOTO_SCALE = 2

# --------------------------------------------------------------------------- the files


def _safe(name: str) -> str:
    """A file name part that Windows, macOS and Linux all accept, cut at a word boundary."""
    return safe_name(name, 80)


@dataclass(frozen=True, slots=True)
class MinutesFiles:
    """The minutes as written: the same bytes go into the files and into the e-mails; the
    invitation to the next meeting (.ics) when the meeting planned one."""

    pdf_path: Path
    png_path: Path
    pdf: bytes
    png: bytes
    ics_path: Path | None = None
    ics: bytes | None = None

    def attachments(self) -> list[Attachment]:
        found = [
            Attachment(self.pdf_path.name, self.pdf, "application/pdf"),
            Attachment(self.png_path.name, self.png, "image/png"),
        ]
        if self.ics_path is not None and self.ics is not None:
            found.append(Attachment(self.ics_path.name, self.ics, CALENDAR_MIME, CALENDAR_PARAMS))
        return found

    def written(self) -> list[tuple[Path, bytes]]:
        files = [(self.pdf_path, self.pdf), (self.png_path, self.png)]
        if self.ics_path is not None and self.ics is not None:
            files.append((self.ics_path, self.ics))
        return files


def file_names(minutes: Minutes) -> tuple[str, str]:
    stamp = minutes.started_at or datetime.combine(minutes_day(minutes), datetime.min.time())
    params = {
        "date": file_date(stamp.date()),
        "time": file_time(stamp),
        "board": _safe(minutes.board_name),
    }
    return (
        f"{_safe(tr('meeting.file.minutes', **params))}.pdf",
        f"{_safe(tr('meeting.file.photo', **params))}.png",
    )


def invitation_name(plan: PlannedMeeting) -> str:
    """Named like the minutes, but with the next meeting's day and time: the file says when
    the meeting it invites to is."""
    params = {
        "date": file_date(plan.starts_at.date()),
        "time": file_time(plan.starts_at),
        "board": _safe(plan.board_name),
    }
    return f"{_safe(tr('meeting.file.invitation', **params))}.ics"


def write_minutes(
    minutes: Minutes,
    image: QImage,
    folder: Path,
    save: bool = True,
    plan: PlannedMeeting | None = None,
) -> MinutesFiles:
    """PNG and PDF from the drawn photo (worker thread: no widgets), and the invitation to
    ``plan`` (the next meeting) if there is one, written atomically into ``folder`` unless
    ``save`` is False (a past meeting's minutes made to be sent)."""
    png = png_bytes(image)
    from board.export.minutes_pdf import minutes_pdf_bytes  # reportlab: only when needed

    pdf = minutes_pdf_bytes(minutes, png)
    pdf_name, png_name = file_names(minutes)
    ics_path = ics = None
    if plan is not None:
        from board.export.invitation import invitation_bytes

        ics_path, ics = folder / invitation_name(plan), invitation_bytes(plan)
    files = MinutesFiles(folder / pdf_name, folder / png_name, pdf, png, ics_path, ics)
    if save:
        save_files(files)
    return files


def save_files(files: MinutesFiles) -> None:
    folder = files.pdf_path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise BoardError("error.write_file", path=str(folder)) from None
    for path, data in files.written():
        write_bytes(path, data)


def copy_files(files: MinutesFiles, folder: Path) -> MinutesFiles:
    """The same minutes written into another folder (for a draft), byte for byte."""
    if folder.resolve() == files.pdf_path.parent.resolve():
        return files
    ics_path = folder / files.ics_path.name if files.ics_path is not None else None
    copy = MinutesFiles(
        folder / files.pdf_path.name,
        folder / files.png_path.name,
        files.pdf,
        files.png,
        ics_path,
        files.ics,
    )
    for path, data in copy.written():
        write_bytes(path, data)
    return copy


# --------------------------------------------------------------------------- privacy


@dataclass(frozen=True, slots=True)
class Hit:
    where: str
    masked: str
    card_number: int | None  # the card to open to fix it, if it is a card's text


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("ref", "position"):
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def privacy_texts(minutes: Minutes) -> list[tuple[str, str, int | None]]:
    """Every text the minutes (PDF, photo and e-mail) carry, with where it stands.

    The where-labels never repeat the text itself: a hit is shown masked, nothing more.
    """
    texts: list[tuple[str, str, int | None]] = [
        (tr("meeting.where.board"), minutes.board_name, None),
        (
            tr("meeting.where.people"),
            "\n".join((*minutes.present, *minutes.absent, minutes.facilitator)),
            None,
        ),
    ]
    for lane, cards in minutes.lanes.items():
        for card in cards:
            where = tr("meeting.where.card", number=card.number, lane=tr(lane.label_key))
            texts.append((where, f"{card.title}\n{card.description}", card.number))
    for n, goal in enumerate(minutes.goals, 1):
        texts.append((tr("meeting.where.goal", number=n), "\n".join(_strings(goal)), None))
    for n, entry in enumerate(minutes.log, 1):
        texts.append((tr("meeting.where.log", number=n), "\n".join(_strings(entry)), None))
    for n, agreement in enumerate(minutes.agreements, 1):
        body = f"{agreement.what}\n{agreement.owner}\n{agreement.card}"
        texts.append((tr("meeting.where.agreement", number=n), body, None))
    changes = "\n".join(f"{c.title}\n{c.decision}" for c in minutes.changes)
    texts.append((tr("meeting.where.changes"), changes, None))
    # What a meeting of any format noted: each step's notes, who held its roles, its
    # learning points (text and case label) and its new ideas (cards: searched above too).
    for n, step in enumerate(minutes.steps, 1):
        title = step.title_text or tr(step.step.title_key)
        where = tr("meeting.where.step", number=n, title=title)
        texts.append((where, step.notes, None))
    roles = "\n".join(r.name for r in minutes.roles)
    texts.append((tr("meeting.where.people"), roles, None))
    for n, point in enumerate(minutes.learning_points, 1):
        where = tr("meeting.where.learning_point", number=n)
        texts.append((where, f"{point.text}\n{point.case_label}\n{point.noted_by}", None))
    for idea in minutes.ideas:
        where = tr("meeting.where.card", number=idea.number, lane=tr(Lane.IDEAS.label_key))
        texts.append((where, idea.title, idea.number))
    return texts


def privacy_hits(minutes: Minutes) -> list[Hit]:
    texts = privacy_texts(minutes)
    numbers = {where: number for where, _, number in texts}
    return [
        Hit(h.where, h.masked, numbers.get(h.where))
        for h in find_cpr_numbers((where, text) for where, text, _ in texts)
    ]


# --------------------------------------------------------------------------- e-mail


def _day_text(day: date | None) -> str:
    return compact_date(day) if day else ""


def subject(minutes: Minutes) -> str:
    return tr(
        "meeting.mail.subject",
        kind=minutes.format_name or tr(f"meeting.{minutes.kind}"),
        board=minutes.board_name,
        date=_day_text(minutes_day(minutes)),
    )


def _format_words(minutes: Minutes) -> str:
    """The meeting in a sentence: "teamsparringen", or a team format's own name."""
    if minutes.format_name:
        return tr("meeting.mail.kind.team", name=minutes.format_name)
    return tr(f"meeting.mail.kind.{minutes.kind}")


def body(minutes: Minutes, name: str) -> str:
    """A short plain-text e-mail to one person: hello, which meeting it was, the agreements
    (a guided meeting's decisions), its learning points, the next meeting."""
    day = minutes_day(minutes)
    lines = [
        tr("meeting.mail.hello", name=name),
        "",
        tr(
            "meeting.mail.intro",
            kind=_format_words(minutes),
            board=minutes.board_name,
            date=sentence_date(day) if day else "",
        ),
        "",
    ]
    if minutes.agreements:
        lines.append(tr("meeting.mail.decisions" if minutes.guided else "meeting.mail.agreements"))
        for a in minutes.agreements:
            parts = [a.what]
            if a.owner:
                parts.append(a.owner)
            if a.deadline:
                parts.append(_day_text(a.deadline))
            lines.append(f"- {' – '.join(parts)}")
        lines.append("")
    if minutes.learning_points:
        lines.append(tr("meeting.mail.learning_points"))
        lines += [f"- {point.text}" for point in minutes.learning_points]
        lines.append("")
    if minutes.next_meeting_on:
        lines += [tr("meeting.mail.next", date=sentence_date(minutes.next_meeting_on)), ""]
    lines.append(tr("meeting.mail.signature", facilitator=minutes.facilitator or tr("app.name")))
    return "\n".join(lines) + "\n"


def make_message(minutes: Minutes, files: MinutesFiles, sender: str, to: Recipient) -> EmailMessage:
    """The e-mail to one absent person, greeted by name."""
    message = build_message(
        sender, [to], subject(minutes), body(minutes, to.name), files.attachments()
    )
    if not sender:
        del message["From"]  # the mail program fills in the user's own address
    return message


def write_draft_files(
    minutes: Minutes, files: MinutesFiles, sender: str, to: list[Recipient], folder: Path
) -> list[Path]:
    """One .eml draft per absent person with an address (each greeted by name), attachments
    included; the person's name ends the file name so each draft is found."""
    stem = Path(file_names(minutes)[0]).stem
    paths = []
    for recipient in to:
        path = folder / f"{stem} - {_safe(recipient.name)}.eml"
        write_draft(path, make_message(minutes, files, sender, recipient))
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- workers


class JobSignals(QObject):
    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    """Runs ``work(progress)`` on a worker thread; results come back as queued signals."""

    def __init__(self, work: Callable[[Callable[[object], None]], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps it (and its signals) alive
        self.work = work
        self.signals = JobSignals()
        self.done = False

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit)
        except BoardError as exc:
            self.done = True
            self.signals.failed.emit(exc.message())
        except Exception as exc:  # the wall must say something calm, never crash
            log_crash(exc)
            self.done = True
            self.signals.failed.emit(tr("error.generic"))
        else:
            self.done = True
            self.signals.finished.emit(result)


_pool: QThreadPool | None = None


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
    return _pool


def start(job: Job) -> Job:
    pool().start(job)
    return job
