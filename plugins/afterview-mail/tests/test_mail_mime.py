"""The lean reader: a message's headers and parts read straight from its bytes, answering as
the standard library's full parse does, and leaving to it every message it cannot vouch for."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

import afterview_mail_corpus as corpus
import pytest
from afterview_mail import parse_mail, read_mail
from afterview_mail.mime import Unusual, lean_parts
from hypothesis import given, settings
from hypothesis import strategies as st


def full(data: bytes) -> object:
    return parse_mail(email.message_from_bytes(data, policy=email.policy.compat32))


def test_every_corpus_message_reads_as_the_full_parse_and_most_without_it() -> None:
    lean = 0
    for _, data in corpus.messages():
        for form in (data, data.replace(b"\n", b"\r\n")):  # as built, and as IMAP sends it
            assert read_mail(form) == full(form)
        try:
            lean_parts(data)
            lean += 1
        except Unusual:
            pass
    # Only the deliberately broken messages need the full parser.
    broken = sum(1 for e in corpus.load() if e.style == "broken")
    assert lean == len(corpus.load()) - broken


def alternative(text: str, html: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Dana Reyes <dana@acme.example>"
    message["Subject"] = "Your interview"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return bytes(message)


def test_an_html_and_text_message_is_read_by_its_text_part() -> None:
    data = alternative("We would like to invite you.\n", "<p>Something <b>else</b></p>\n")
    headers, parts = lean_parts(data)
    assert headers["subject"] == "Your interview"
    assert [p.content_type() for p in parts] == ["text/plain", "text/html"]
    mail = read_mail(data)
    assert mail.text == "We would like to invite you."
    assert mail == full(data)


def test_a_base64_text_part_in_a_legacy_charset_keeps_its_accents() -> None:
    message = EmailMessage()
    message["From"] = "rh@lucerne.example"
    message["Subject"] = "Candidature"
    body = "Nous avons le regret de ne pas donner suite à votre candidature. Réf. élevée".encode(
        "iso-8859-1"
    )
    message.set_content(body, maintype="text", subtype="plain", cte="base64")
    del message["Content-Type"]
    message["Content-Type"] = 'text/plain; charset="ISO-8859-1"'
    data = bytes(message)
    assert b"base64" in data
    _, (part,) = lean_parts(data)
    assert part.charset() == "iso-8859-1"
    mail = read_mail(data)
    assert "donner suite à votre candidature" in mail.text
    assert mail == full(data)


def test_a_large_attachment_is_not_decoded_and_changes_nothing() -> None:
    message = EmailMessage()
    message["From"] = "jobs@globex.example"
    message["Subject"] = "Your application"
    message.set_content("Unfortunately we will not be moving forward with your application.")
    pdf = b"%PDF-1.7 " + bytes(range(256)) * 4096  # a megabyte
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename="offer.pdf")
    data = bytes(message)
    _, parts = lean_parts(data)
    assert [p.content_type() for p in parts] == ["text/plain", "application/pdf"]
    assert parts[1].disposition() == "attachment"
    assert parts[1].filename() == "offer.pdf"
    mail = read_mail(data)
    assert mail.text.startswith("Unfortunately")
    assert mail == full(data)


def read_all(data: bytes) -> None:
    _, parts = lean_parts(data)
    for part in parts:  # some are found only when the part is read
        part.payload()
        part.charset()


@pytest.mark.parametrize(
    ("what", "data"),
    [
        ("8-bit header", "Subject: Caf\xe9\r\n\r\nbody".encode("latin-1")),
        ("no blank line", b"Subject: hi\r\nnot a header\r\n"),
        ("mbox From_ line", b"From someone Mon Jan  1 00:00:00 2026\r\nSubject: hi\r\n\r\nx"),
        ("bare CR", b"Subject: hi\r\rbody"),
        (
            "RFC 2231 parameter",
            b"Content-Type: text/plain; charset*=utf-8''x\r\n\r\nbody",
        ),
        (
            "unclosed boundary",
            b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n\r\ntext\r\n',
        ),
        (
            "a message inside",
            b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
            b"Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\nx\r\n--b--\r\n",
        ),
        (
            "broken base64",
            b"Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nnot=base64!!",
        ),
    ],
)
def test_what_the_lean_reader_cannot_vouch_for_goes_to_the_full_parser(
    what: str, data: bytes
) -> None:
    with pytest.raises(Unusual):
        read_all(data)
    assert read_mail(data) == full(data), what


_LINE = st.sampled_from(
    [
        "We have decided to move forward with other candidates.",
        "Thank you for your time; we enjoyed it!",
        "  indented   line\twith\ttabs  ",
        "> quoted reply line",
        "On Mon, 4 May 2026 at 09:00, Sam <sam@example.net> wrote:",
        "---------- Forwarded message ---------",
        "From: Jobs <jobs@lucerne.example>",
        "Caf\u00e9 \u2019quoted\u2019 \u2013 dash",
        "",
        "=?utf-8?q?not_a_header?=",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    text=st.lists(_LINE, max_size=8).map("\n".join),
    html=st.lists(_LINE, max_size=4).map(lambda lines: "<p>" + "<br>".join(lines) + "</p>"),
    shape=st.sampled_from(["plain", "html", "alt", "mixed", "latin1", "qp"]),
    subject=st.sampled_from(["Re: Your application", "Fwd: News", "Caf\u00e9 update", "x" * 90]),
)
def test_built_messages_of_every_shape_read_as_the_full_parse(
    text: str, html: str, shape: str, subject: str
) -> None:
    message = EmailMessage()
    message["From"] = "Dana Reyes <dana@acme.example>"
    message["Reply-To"] = "Talent <talent@acme.example>"
    message["Subject"] = subject
    message["Date"] = "Tue, 5 May 2026 09:00:00 +0200"
    if shape == "html":
        message.set_content(html, subtype="html")
    elif shape == "latin1":
        message.set_content(
            text.encode("latin-1", "replace"), maintype="text", subtype="plain", cte="base64"
        )
        message.set_param("charset", "iso-8859-1")
    elif shape == "qp":
        message.set_content(text, cte="quoted-printable")
    else:
        message.set_content(text)
        if shape in ("alt", "mixed"):
            message.add_alternative(html, subtype="html")
        if shape == "mixed":
            message.add_attachment(b"\x00\x01" * 300, maintype="application", subtype="pdf")
    for data in (bytes(message), bytes(message).replace(b"\n", b"\r\n")):
        assert read_mail(data) == full(data)


def test_control_characters_in_a_header_are_no_line_breaks() -> None:
    data = b"Subject: a\x0cb\x1cc\r\nFrom: x@y.example\x0b\r\n\r\nbody\x0c more\r\n"
    headers, _ = lean_parts(data)
    assert headers["subject"] == "a\x0cb\x1cc"
    assert read_mail(data) == full(data)
