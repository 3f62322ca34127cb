"""Messages read as they arrive: HTML only, odd charsets, broken MIME, replies and forwards."""

from __future__ import annotations

import afterview_mail_corpus as corpus
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
