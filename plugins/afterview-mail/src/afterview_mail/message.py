"""One email, reduced to what classifying and matching it needs.

Whatever the source (IMAP, mbox, maildir, an ``.eml`` file), a message is read here, once,
into a :class:`Mail`: from its bytes by the lean reader (:mod:`afterview_mail.mime`) when it is
plain, well-formed MIME, else from the standard library's :mod:`email` tree; the sender, the
subject, the date, the text a person would read (the plain part, else the HTML part with its
tags taken out), the replied-to text cut off, and any calendar invitation attached. Charsets
that are declared wrongly or not at all are decoded as well as they can be rather than refused:
mail in the wild is often like that.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import html
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from typing import Protocol

import attrs

from afterview_mail.mime import Unusual, lean_parts

__all__ = ["Mail", "parse_mail", "read_mail"]

#: Text beyond this many characters is not read: the facts sit at the top of a message.
MAX_TEXT = 6000

_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]+>", re.IGNORECASE | re.DOTALL)
_BREAKS = re.compile(r"<\s*(br|/p|/div|/tr|/li|/h[1-6])\b[^>]*>", re.IGNORECASE)
_GAPS = re.compile(r"\n{3,}")
_REPLY = re.compile(r"(re|aw|sv)\s*:", re.I)
_FORWARD = re.compile(r"(fwd?|wg)\s*:", re.I)
#: Runs of blanks, each to become one space; a lone space is left as it is (replacing each
#: would cost one substitution a word).
_SPACES = re.compile(r"[ \t\r\f\v\xa0]{2,}|[\t\r\f\v\xa0]")
#: Where the message a reply quotes begins: "On Tue, ... wrote:" (which mail programs wrap over
#: two lines when it is long), a separator line, or Outlook's block of the quoted message's
#: headers ("From: …" then "Sent: …"), in English, French, German and Spanish.
_QUOTE_START = re.compile(
    r"^(?:(?:on|le|am|el) [^\n]{5,200}(?:\n[^\n]{1,120})?"
    r"(?:wrote|a écrit|schrieb[^\n]{0,100}|escribió)\s*:"
    r"|-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original)"
    r"\s*-{2,}|_{10,})\s*$"
    r"|^(?:from|von|de)\s?:[^\n]*\n(?:sent|gesendet|envoyé|enviado(?: el)?|date|datum)\s?:",
    re.IGNORECASE | re.MULTILINE,
)
#: The quoted message's headers, as Outlook writes them above a message it forwards.
_HEADER_BLOCK = re.compile(r"(?:from|von|de)\s?:", re.IGNORECASE)
_FORWARDED = re.compile(r"^-{2,}\s*(forwarded message|weitergeleitete nachricht)", re.I | re.M)
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


@attrs.frozen(kw_only=True)
class Mail:
    """A message as read: nothing here is stored; a proposal keeps only what it matched."""

    #: A stable id for the message: a hash of its ``Message-ID`` (or of its headers, without one).
    key: str
    sender: str = attrs.field(repr=False)
    sender_name: str = attrs.field(repr=False)
    #: Other addresses the message speaks for: ``Reply-To``, and the sender of a forwarded one.
    other_senders: tuple[str, ...] = attrs.field(default=(), repr=False)
    subject: str = attrs.field(default="", repr=False)
    sent_at: datetime | None = None
    text: str = attrs.field(default="", repr=False)
    #: Whether the message answers another (``In-Reply-To`` or a ``Re:`` subject).
    is_reply: bool = False
    forwarded: bool = False
    #: Calendar invitations attached (``text/calendar`` parts), as sent.
    calendars: tuple[bytes, ...] = attrs.field(default=(), repr=False)

    @property
    def domain(self) -> str:
        return self.sender.rpartition("@")[2]


class _Headers(Protocol):
    """A message's headers, asked for by their names in lower case (an :mod:`email` message
    does not mind the case; the lean reader's are a dict of lower-case names)."""

    def get(self, name: str, /) -> object | None: ...


class _Part(Protocol):
    """A leaf part, as :mod:`email` or the lean reader (:mod:`afterview_mail.mime`) holds it."""

    def get(self, name: str) -> object | None: ...
    def content_type(self) -> str: ...
    def filename(self) -> str | None: ...
    def disposition(self) -> str | None: ...
    def charset(self) -> str | None: ...
    def payload(self) -> bytes | str: ...


class _TreePart:
    """A leaf of an :mod:`email` tree, seen as a :class:`_Part`."""

    __slots__ = ("part",)

    def __init__(self, part: Message) -> None:
        self.part = part

    def get(self, name: str) -> object | None:
        return self.part.get(name)

    def content_type(self) -> str:
        return self.part.get_content_type()

    def filename(self) -> str | None:
        return self.part.get_filename()

    def disposition(self) -> str | None:
        return self.part.get_content_disposition()

    def charset(self) -> str | None:
        return self.part.get_content_charset()

    def payload(self) -> bytes | str:
        payload = self.part.get_payload(decode=True)
        if isinstance(payload, bytes):
            return payload
        raw = self.part.get_payload()
        return raw if isinstance(raw, str) else ""


def _header(message: _Headers, name: str) -> str:
    value = message.get(name)
    if value is None:
        return ""
    text = str(value)
    if "=?" not in text:
        return text.strip()  # no encoded words: most headers, read without decoding
    try:
        return str(make_header(decode_header(str(value)))).strip()
    except (LookupError, UnicodeError, ValueError):
        # An unknown charset in an encoded word: keep what can be read.
        return str(value).strip()


def _decode(payload: bytes, charset: str | None) -> str:
    for candidate in (charset, "utf-8", "cp1252"):
        if not candidate:
            continue
        try:
            return payload.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("latin-1")


def _part_text(part: _Part) -> str:
    payload = part.payload()
    return payload if isinstance(payload, str) else _decode(payload, part.charset())


def html_to_text(markup: str) -> str:
    """The words of an HTML message, one block a line: enough to classify, not to display."""
    text = _BREAKS.sub("\n", markup)
    text = _TAGS.sub(" ", text)
    return html.unescape(text)


def _body(parts: Iterable[_Part]) -> tuple[str, tuple[bytes, ...]]:
    plain: list[str] = []
    rich: list[_Part] = []
    calendars: list[bytes] = []
    for part in parts:
        kind = part.content_type()
        # Reading a header's parameters is slow: only a part with a disposition has a name.
        disposed = part.get("Content-Disposition") is not None
        filename = (part.filename() or "").lower() if disposed else ""
        if kind in ("text/calendar", "application/ics") or filename.endswith(".ics"):
            payload = part.payload()
            if isinstance(payload, bytes) and payload.strip():
                calendars.append(payload)
            continue
        if disposed and part.disposition() == "attachment":
            continue
        if kind == "text/plain":
            plain.append(_part_text(part))
        elif kind == "text/html":
            rich.append(part)  # read only if no plain part says anything
    if any(p.strip() for p in plain):
        text = "\n".join(plain)
    else:
        text = "\n".join(html_to_text(_part_text(part)) for part in rich)
    return text, tuple(calendars)


def _tidy(text: str) -> str:
    text = text.replace("\r", "")
    # Blanks never span a line break: one substitution over the whole text does every line,
    # and a text with no blank to change (most) needs none.
    if "  " in text or any(blank in text for blank in "\t\f\v\xa0"):
        text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    kept = [line for line in lines if not line.startswith(">")] if ">" in text else lines
    tidy = "\n".join(kept)
    if "\n\n\n" in tidy:
        tidy = _GAPS.sub("\n\n", tidy)
    tidy = tidy.strip()
    return tidy[:MAX_TEXT]


def _own_text(text: str, *, forward: bool = False) -> tuple[str, str]:
    """The sender's own words, and the forwarded message if the rest is one (``forward``: the
    subject says it is one, so the headers block Outlook writes starts it)."""
    forwarded = _FORWARDED.search(text)
    if forwarded is not None:
        return text, text[forwarded.end() :]
    quote = _QUOTE_START.search(text)
    if quote is not None:
        if forward and _HEADER_BLOCK.match(quote.group()):
            return text, text[quote.start() :]
        return text[: quote.start()], ""
    return text, ""


def _key(message: _Headers) -> str:
    ident = _header(message, "message-id") or "\n".join(
        _header(message, h) for h in ("from", "date", "subject", "to")
    )
    return hashlib.sha256(ident.encode("utf-8", "replace")).hexdigest()[:24]


_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
#: ``Tue, 5 May 2026 09:00:00 +0200``: the date as RFC 5322 writes it.
_USUAL_DATE = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]\d{3}) "
    r"(\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)"
)


def _sent_at(message: _Headers) -> datetime | None:
    value = _header(message, "date")
    if not value:
        return None
    usual = _USUAL_DATE.fullmatch(value)
    if usual is not None:
        # The form nearly every mailer writes, read without the general parser; the same
        # moment it gives (an offset of -0000 says "zone unknown", read as UTC).
        day, month, year, hour, minute, second, sign, hours, minutes = usual.groups()
        offset = (int(hours) * 3600 + int(minutes) * 60) * (-1 if sign == "-" else 1)
        try:
            zone = UTC if offset == 0 and sign == "-" else timezone(timedelta(seconds=offset))
            return datetime(
                int(year),
                _MONTHS[month.lower()],
                int(day),
                int(hour),
                int(minute),
                int(second),
                tzinfo=zone,
            )
        except ValueError:
            pass  # out of range: the general parser decides
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


#: ``Name <address>``, ``"Name" <address>`` or a bare address: most From headers, read without
#: the full RFC 5322 parser.
_SIMPLE_FROM = re.compile(r'^\s*(?:"?([^"<>,;]*?)"?\s*)?<?([^\s<>",;@]+@[^\s<>",;]+?)>?\s*$')


def _from(value: str) -> tuple[str, str]:
    simple = _SIMPLE_FROM.match(value)
    if simple is not None:
        return (simple.group(1) or "").strip(), simple.group(2)
    return parseaddr(value)


def _mail(message: _Headers, parts: Iterable[_Part]) -> Mail:
    name, address = _from(_header(message, "from"))
    reply_to_header = _header(message, "reply-to")
    reply_to = (
        [a.lower() for _, a in getaddresses([reply_to_header]) if "@" in a]
        if reply_to_header
        else []
    )
    subject = _header(message, "subject")
    body, calendars = _body(parts)
    own, forwarded = _own_text(_tidy(body), forward=bool(_FORWARD.match(subject)))
    others = list(reply_to)
    if forwarded:
        # The first address in the forwarded block is whoever wrote the original.
        found = _ADDRESS.search(forwarded)
        if found is not None:
            others.append(found.group(0).lower())
    return Mail(
        key=_key(message),
        sender=address.strip().lower(),
        sender_name=name.strip(),
        other_senders=tuple(dict.fromkeys(a for a in others if a != address.lower())),
        subject=subject,
        sent_at=_sent_at(message),
        text=own.strip(),
        is_reply=bool(message.get("in-reply-to")) or bool(_REPLY.match(subject)),
        forwarded=bool(forwarded) or bool(_FORWARD.match(subject)),
        calendars=calendars,
    )


def parse_mail(message: Message) -> Mail:
    """Read a parsed message (from :mod:`email`, :mod:`mailbox` or imap-tools)."""
    return _mail(message, (_TreePart(p) for p in message.walk() if not p.is_multipart()))


def read_mail(data: bytes) -> Mail:
    """Read the bytes of one message (RFC 5322, as an ``.eml`` file or an IMAP server holds
    it): plain, well-formed MIME by the lean reader, anything else by :mod:`email`; both read
    it alike."""
    try:
        headers, parts = lean_parts(data)
        # A part's payload is decoded while the mail is read: it too may turn out unusual.
        return _mail(headers, parts)
    except Unusual:
        return parse_mail(email.message_from_bytes(data, policy=email.policy.compat32))


def addresses_in(text: str) -> Iterator[str]:
    for found in _ADDRESS.finditer(text):
        yield found.group(0).lower()
