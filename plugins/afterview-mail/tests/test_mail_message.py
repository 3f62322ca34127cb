"""Messages read as they arrive: HTML only, odd charsets, broken MIME, replies and forwards."""

from __future__ import annotations

import afterview_mail_corpus as corpus
import pytest
from afterview_mail import read_mail

ENTRIES = {e.id: (i, e) for i, e in enumerate(corpus.load())}


def built(ident: str) -> bytes:
    index, entry = ENTRIES[ident]
    return corpus.build(entry, index)


def test_an_html_only_message_is_read_as_its_words() -> None:
    mail = read_mail(built("r01"))
    assert "<" not in mail.text
    assert "decided to move forward with other candidates" in mail.text
    assert mail.sender == "no-reply@myworkday.com"
    assert mail.sender_name == "Northwind Traders Talent"


def test_latin1_and_windows_1252_bodies_keep_their_accents_and_quotes() -> None:
    assert "intérêt" in read_mail(built("r07")).text
    cp1252 = read_mail(built("r13"))
    assert "we won\u2019t be taking your application further" in cp1252.text
    assert cp1252.subject == "Your application \u2013 Operations Coordinator"


def test_malformed_mime_with_an_unknown_charset_is_still_read() -> None:
    mail = read_mail(built("r17"))
    assert "your application has not been successful" in mail.text
    assert mail.calendars == ()


def test_a_forward_speaks_for_the_original_sender() -> None:
    mail = read_mail(built("r15"))
    assert mail.forwarded
    assert "jobs@lucernepublishing.com" in mail.other_senders
    assert "closer match" in mail.text


def test_a_reply_is_cut_where_the_quoted_message_begins() -> None:
    data = (
        b"From: Dana <dana@acme.example>\r\nSubject: Re: hello\r\nIn-Reply-To: <a@b>\r\n"
        b"Content-Type: text/plain\r\n\r\nSounds good.\r\n\r\n"
        b"On Mon, 4 May 2026 at 09:00, Sam <sam@example.net> wrote:\r\n"
        b"> We have decided to move forward with other candidates\r\n"
        b"We have decided to move forward with other candidates\r\n"
    )
    mail = read_mail(data)
    assert mail.is_reply
    assert mail.text == "Sounds good."


def test_the_calendar_of_an_invitation_is_kept_and_the_key_is_stable() -> None:
    first, again = read_mail(built("i01")), read_mail(built("i01"))
    assert len(first.calendars) == 1
    assert b"BEGIN:VEVENT" in first.calendars[0]
    assert first.key == again.key
    assert first.key != read_mail(built("i04")).key


def test_a_message_without_headers_or_body_is_read_as_empty() -> None:
    mail = read_mail(b"\r\n")
    assert (mail.sender, mail.subject, mail.text, mail.sent_at) == ("", "", "", None)


def _reply(body: str) -> bytes:
    head = (
        "From: Dana <dana@acme.example>\r\nSubject: Re: your application\r\n"
        "In-Reply-To: <a@b>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    )
    return (head + body.replace("\n", "\r\n")).encode()


QUOTED = "Unfortunately we have decided to move forward with other candidates.\n"


@pytest.mark.parametrize(
    "attribution",
    [
        # Outlook: a block of the quoted message's headers, no separator line.
        "From: Sam Ortiz <sam@acme.example>\nSent: Monday, May 4, 2026 9:00 AM\n"
        "To: Me <me@example.org>\nSubject: Your application\n",
        "Von: Sam Ortiz <sam@acme.example>\nGesendet: Montag, 4. Mai 2026 09:00\n"
        "An: Me\nBetreff: Ihre Bewerbung\n",
        "De : Sam Ortiz <sam@acme.example>\nEnvoyé : lundi 4 mai 2026 09:00\nÀ : Me\n",
        "De: Sam Ortiz <sam@acme.example>\nEnviado el: lunes, 4 de mayo de 2026 9:00\nPara: Me\n",
        # Gmail's attribution wrapped over two lines in plain text.
        "On Mon, May 4, 2026 at 9:00 AM Sam Ortiz from the Acme recruiting team <\n"
        "sam@acme.example> wrote:\n",
        "El lun, 4 may 2026 a las 9:00, Sam Ortiz (<sam@acme.example>) escribió:\n",
    ],
)
def test_a_reply_is_cut_at_the_quoted_message_in_the_forms_mail_programs_write(
    attribution: str,
) -> None:
    mail = read_mail(_reply("Thank you, that is kind of you to say.\n\n" + attribution + QUOTED))
    assert mail.text == "Thank you, that is kind of you to say."


def test_lines_quoted_with_a_mark_are_not_the_senders_words() -> None:
    body = "Thanks for letting me know.\n> " + QUOTED + ">> Earlier: we received your application\n"
    mail = read_mail(_reply(body))
    assert mail.text == "Thanks for letting me know."


def test_an_outlook_forward_speaks_for_the_original_sender() -> None:
    data = (
        "From: Me <me@example.org>\r\nSubject: FW: Your application\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nSee below.\r\n\r\n"
        "From: Sam Ortiz <sam@acme.example>\r\nSent: Monday, May 4, 2026 9:00 AM\r\n"
        "To: Me <me@example.org>\r\nSubject: Your application\r\n\r\n" + QUOTED
    ).encode()
    mail = read_mail(data)
    assert mail.forwarded
    assert "sam@acme.example" in mail.other_senders
    assert "move forward with other candidates" in mail.text
