"""Sending the minutes to those absent: one message per recipient, or a ready-to-send draft.

No Qt here: the window runs ``send_each`` on a worker thread and shows its progress.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from board.atomic_file import write_bytes
from board.i18n import tr
from board.settings import SmtpSettings

if TYPE_CHECKING:
    import smtplib
    from email.message import EmailMessage

# smtplib, ssl and email are imported where they are used: the window imports this module
# for its types, and a start paints before it needs them (board/app.py).

TIMEOUT_S = 20


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    data: bytes
    mime: str  # "application/pdf", "image/png", "text/calendar"
    params: tuple[tuple[str, str], ...] = ()  # of the Content-Type: ("method", "PUBLISH")


@dataclass(frozen=True, slots=True)
class Recipient:
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class SendResult:
    recipient: Recipient
    ok: bool
    detail: str  # translated: "sendt" or why it failed


def build_message(
    sender: str,
    to: Sequence[Recipient],
    subject: str,
    body: str,
    attachments: Sequence[Attachment],
) -> EmailMessage:
    from email.message import EmailMessage
    from email.utils import formataddr, formatdate, make_msgid

    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(formataddr((r.name, r.email)) for r in to)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="forbedringstavle.local")
    message.set_content(body)
    for item in attachments:
        maintype, subtype = item.mime.split("/", 1)
        message.add_attachment(
            item.data,
            maintype=maintype,
            subtype=subtype,
            filename=item.filename,
            params=dict(item.params) or None,
        )
    return message


def write_draft(path: Path, message: EmailMessage) -> None:
    """An .eml file that opens in the user's mail program as a message ready to send."""
    from email.message import EmailMessage

    draft = EmailMessage()
    for key, value in message.items():
        draft[key] = value
    draft.set_payload(message.get_payload())
    draft["X-Unsent"] = "1"  # Outlook and Thunderbird open it as a draft to send
    write_bytes(Path(path), bytes(draft))


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    import smtplib
    import ssl

    if settings.security == "ssl":
        return smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=TIMEOUT_S, context=ssl.create_default_context()
        )
    client = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_S)
    if settings.security == "starttls":
        try:
            client.starttls(context=ssl.create_default_context())
        except BaseException:
            client.close()  # refused: no socket is left open behind the error
            raise
    return client


def _reason(exc: BaseException) -> str:
    """Why sending failed, in words a team leader can act on."""
    import smtplib
    import socket
    import ssl

    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return tr("mail.fail.auth")
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return tr("mail.fail.recipient")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return tr("mail.fail.tls")
    if isinstance(exc, ssl.SSLError):
        return tr("mail.fail.tls")
    if isinstance(exc, socket.gaierror):
        return tr("mail.fail.host")
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return tr("mail.fail.timeout")
    if isinstance(exc, (ConnectionError, OSError)):
        return tr("mail.fail.connect")
    if isinstance(exc, smtplib.SMTPResponseException):
        return tr("mail.fail.server", code=exc.smtp_code)
    return tr("mail.fail.other")


def send_each(
    settings: SmtpSettings,
    password: str | None,
    make_message: Callable[[Recipient], EmailMessage],
    recipients: Sequence[Recipient],
    progress: Callable[[SendResult], None] | None = None,
) -> list[SendResult]:
    """Send one message per recipient over one connection; every recipient gets a result."""
    import smtplib

    results: list[SendResult] = []

    def report(result: SendResult) -> None:
        results.append(result)
        if progress is not None:
            progress(result)

    try:
        client = _connect(settings)
    except (OSError, smtplib.SMTPException) as exc:
        reason = _reason(exc)
        for recipient in recipients:
            report(SendResult(recipient, False, reason))
        return results
    try:
        if settings.user:
            client.login(settings.user, password or "")
        for recipient in recipients:
            try:
                client.send_message(make_message(recipient), settings.sender, [recipient.email])
                report(SendResult(recipient, True, tr("mail.sent")))
            except smtplib.SMTPServerDisconnected as exc:
                report(SendResult(recipient, False, _reason(exc)))
                break
            except (OSError, smtplib.SMTPException) as exc:
                report(SendResult(recipient, False, _reason(exc)))
    except (OSError, smtplib.SMTPException) as exc:
        reason = _reason(exc)
        for recipient in recipients[len(results) :]:
            report(SendResult(recipient, False, reason))
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()
    for recipient in recipients[len(results) :]:
        report(SendResult(recipient, False, tr("mail.fail.connect")))
    return results
