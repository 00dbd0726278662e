"""Minutes by e-mail, against a real SMTP server on 127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

import email
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from smtp_server import Inbox, free_port, serving

from board import i18n
from board.export.mail import (
    Attachment,
    Recipient,
    SendResult,
    build_message,
    send_each,
    write_draft,
)
from board.settings import SmtpSettings

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(reversed(range(256))) * 10


def _authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
    ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"hemmelig"
    return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    with serving() as running:
        yield running


@pytest.fixture
def inbox_with_login() -> Iterator[tuple[Inbox, int]]:
    with serving(authenticator=_authenticator, auth_require_tls=False) as running:
        yield running


def _message(recipient: Recipient) -> EmailMessage:
    return build_message(
        "Tavlen <tavle@kommune.example>",
        [recipient],
        "Referat – fremdriftsmøde – Spædbarnsindsatsen",
        f"Hej {recipient.name}\n\nReferatet er vedhæftet.",
        [
            Attachment("referat.pdf", PDF, "application/pdf"),
            Attachment("tavle.png", PNG, "image/png"),
        ],
    )


def _settings(port: int, **extra: object) -> SmtpSettings:
    return SmtpSettings(
        host="127.0.0.1", port=port, security="none", sender="tavle@kommune.example", **extra
    )  # type: ignore[arg-type]


def test_each_absent_person_receives_the_minutes_with_attachments_byte_for_byte(
    inbox: tuple[Inbox, int],
) -> None:
    handler, port = inbox
    recipients = [
        Recipient("Mette Lund", "mette@kommune.example"),
        Recipient("Joan Berg", "joan@kommune.example"),
    ]
    progress: list[SendResult] = []
    results = send_each(_settings(port), None, _message, recipients, progress.append)
    assert [r.ok for r in results] == [True, True]
    assert progress == results
    assert [rcpt for rcpt, _ in handler.messages] == [
        ["mette@kommune.example"],
        ["joan@kommune.example"],
    ]
    _, first = handler.messages[0]
    assert first["Subject"] == "Referat – fremdriftsmøde – Spædbarnsindsatsen"
    assert "Hej Mette Lund" in first.get_body(("plain",)).get_content()
    attachments = {a.get_filename(): a.get_content() for a in first.iter_attachments()}
    assert attachments == {"referat.pdf": PDF, "tavle.png": PNG}


def test_a_refused_address_fails_alone_with_a_reason(inbox: tuple[Inbox, int]) -> None:
    i18n.set_language("da")
    handler, port = inbox
    recipients = [Recipient("Afvist", Inbox.refused), Recipient("Lene", "lene@kommune.example")]
    results = send_each(_settings(port), None, _message, recipients)
    assert [r.ok for r in results] == [False, True]
    assert results[0].detail == "mailserveren afviste adressen – tjek mailadressen"
    assert [rcpt for rcpt, _ in handler.messages] == [["lene@kommune.example"]]


def test_no_server_gives_every_recipient_a_clear_failure() -> None:
    i18n.set_language("da")
    recipients = [Recipient("A", "a@kommune.example"), Recipient("B", "b@kommune.example")]
    results = send_each(_settings(free_port()), None, _message, recipients)
    assert [r.ok for r in results] == [False, False]
    assert all("forbindelse" in r.detail for r in results)


def test_login_with_the_right_and_the_wrong_password(
    inbox_with_login: tuple[Inbox, int],
) -> None:
    i18n.set_language("da")
    handler, port = inbox_with_login
    recipients = [Recipient("Mette", "mette@kommune.example")]
    wrong = send_each(_settings(port, user="tavle"), "forkert", _message, recipients)
    assert not wrong[0].ok and "adgangskode" in wrong[0].detail
    assert handler.messages == []
    right = send_each(_settings(port, user="tavle"), "hemmelig", _message, recipients)
    assert right[0].ok
    assert len(handler.messages) == 1


def test_starttls_to_a_server_without_it_fails_clearly(inbox: tuple[Inbox, int]) -> None:
    i18n.set_language("en")
    _, port = inbox
    settings = _settings(port)
    settings.security = "starttls"
    [result] = send_each(settings, None, _message, [Recipient("A", "a@kommune.example")])
    assert not result.ok and "TLS" in result.detail


def test_draft_opens_as_an_unsent_message_with_attachments(tmp_path: Path) -> None:
    path = tmp_path / "referat.eml"
    write_draft(path, _message(Recipient("Mette Lund", "mette@kommune.example")))
    parsed = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert parsed["X-Unsent"] == "1"
    assert "mette@kommune.example" in parsed["To"]
    attachments = {a.get_filename(): a.get_content() for a in parsed.iter_attachments()}
    assert attachments == {"referat.pdf": PDF, "tavle.png": PNG}
