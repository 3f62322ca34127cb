"""A message's headers and leaf parts, read straight from its bytes.

Building a full :mod:`email` tree of every message costs as much as everything else afterview
does to read one. Most mail is plain, well-formed MIME: a header block of ASCII lines, then
one text part or a multipart of text, HTML and attachments. :func:`lean_parts` reads such a
message's headers and splits it into its leaf parts with bytes searches only, decoding
nothing; a part's payload is decoded when it is asked for, so an attachment nobody reads is
never decoded. Every answer it gives is the one :mod:`email` (``compat32``, as
``message_from_bytes`` reads) would give: where the two could differ (8-bit or malformed
headers, a boundary that never closes, an encoded parameter, a message inside a message, a
uuencoded or broken base64 part) it raises :class:`Unusual`, and the caller reads the message
with :mod:`email` instead.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Callable, Iterator
from email.utils import collapse_rfc2231_value, unquote

__all__ = ["LeanPart", "Unusual", "lean_parts"]

#: A header field as the standard library's parser reads it: a name of printable characters
#: other than the colon, a colon, the blanks it skips, then the value: the rest of the line and
#: every line after it that starts with a blank (a folded header). Possessive, so that a block
#: that is no header block fails at once.
_FIELD = re.compile(r"([\x21-\x39\x3b-\x7e]++):[ \t]*+([^\n]*+\n(?:[ \t][^\n]*+\n)*+)")
_BLOCK = re.compile(r"(?:[\x21-\x39\x3b-\x7e]++:[^\n]*+\n(?:[ \t][^\n]*+\n)*+)*+")
#: Nested multiparts deeper than this are left to the full parser.
_DEPTH = 8


class Unusual(Exception):
    """The message is not one this reader answers for: read it with :mod:`email`."""


def _headers(block: str) -> dict[str, str]:
    """Each header's first value, under its name in lower case, as ``compat32`` gives it: the
    value with its folding kept, the leading blanks and the final line break taken off."""
    if not block.endswith("\n"):
        block += "\n"  # the last header of a message without a body
    if _BLOCK.fullmatch(block) is None:
        raise Unusual  # a line that is no header: the parser would see a defect there
    # Reversed, so that the first of two headers of one name is the one kept.
    return {name.lower(): value.rstrip("\r\n") for name, value in reversed(_FIELD.findall(block))}


def _split(data: bytes) -> tuple[dict[str, str], bytes]:
    """The headers and the body of a message or a part."""
    if data[:1] == b"\n" or data[:2] == b"\r\n":
        return {}, data[1 if data[:1] == b"\n" else 2 :]
    ends = [i for i in (data.find(b"\n\r\n"), data.find(b"\n\n")) if i >= 0]
    if ends:
        end = min(ends)
        head, body = data[: end + 1], data[end + (3 if data[end + 1 : end + 2] == b"\r" else 2) :]
    else:
        head, body = data, b""
    try:
        block = head.decode("ascii")
    except UnicodeDecodeError:
        raise Unusual from None  # 8-bit headers: the parser keeps them in its own way
    return (_headers(block) if block else {}), body


def _params(value: str) -> dict[str, str]:
    """A header's parameters (after its first ``;``), unquoted, the first of each name."""
    head, sep, rest = value.partition(";")
    if "=" in head:
        raise Unusual
    found: dict[str, str] = {}
    s = sep + rest
    # The standard library's split: at each ``;`` outside a quoted string.
    while s[:1] == ";":
        s = s[1:]
        end = s.find(";")
        while end > 0 and (s.count('"', 0, end) - s.count('\\"', 0, end)) % 2:
            end = s.find(";", end + 1)
        if end < 0:
            end = len(s)
        piece, s = s[:end], s[end:]
        name, eq, raw = piece.partition("=")
        name = name.strip().lower()
        if "*" in name or "\\" in raw:
            raise Unusual  # RFC 2231 (encoded or continued values), or escapes in a quoted one
        found.setdefault(name, unquote(raw.strip()) if eq else "")
    return found


class LeanPart:
    """A leaf part: its headers, and its payload decoded on demand."""

    __slots__ = ("_body", "headers")

    def __init__(self, headers: dict[str, str], body: bytes) -> None:
        self.headers = headers
        self._body = body

    def get(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def content_type(self, default: str = "text/plain") -> str:
        value = self.headers.get("content-type")
        if value is None:
            return default
        kind = value.partition(";")[0].strip().lower()
        return kind if kind.count("/") == 1 else "text/plain"

    def param(self, name: str, header: str = "content-type") -> str | None:
        value = self.headers.get(header)
        return None if value is None else _params(value).get(name)

    def charset(self) -> str | None:
        found = self.param("charset")
        return None if found is None else found.lower()

    def filename(self) -> str | None:
        found = self.param("filename", "content-disposition")
        if found is None:
            found = self.param("name")
        return None if found is None else collapse_rfc2231_value(found).strip()

    def disposition(self) -> str | None:
        value = self.headers.get("content-disposition")
        return None if value is None else value.partition(";")[0].strip().lower()

    def payload(self) -> bytes:
        """The payload with its transfer encoding undone, as ``get_payload(decode=True)``."""
        encoding = self.headers.get("content-transfer-encoding", "").lower()
        if encoding == "quoted-printable":
            return quopri.decodestring(self._body)
        if encoding == "base64":
            joined = b"".join(self._body.splitlines())
            if len(joined) % 4:
                raise Unusual  # the parser pads it and notes a defect
            try:
                return base64.b64decode(joined, validate=True)
            except binascii.Error:
                raise Unusual from None
        if encoding in ("x-uuencode", "uuencode", "uue", "x-uue"):
            raise Unusual
        return self._body


def _delimiters(body: bytes, boundary: bytes) -> Iterator[tuple[int, int, bool]]:
    """Each delimiter line of ``boundary`` in ``body``: where it starts, where the next line
    starts, and whether it closes the multipart (``--boundary--``)."""
    marker = b"--" + boundary
    size = len(body)
    at = body.find(marker)
    while at >= 0:
        if at == 0 or body[at - 1] == 0x0A:
            end = at + len(marker)
            closing = body.startswith(b"--", end)
            end += 2 if closing else 0
            while end < size and body[end] in b" \t":
                end += 1
            if end == size:
                yield at, end, closing
            elif body[end] == 0x0A:
                yield at, end + 1, closing
            elif body.startswith(b"\r\n", end):
                yield at, end + 2, closing
        at = body.find(marker, at + 1)


def _strip_eol(part: bytes) -> bytes:
    # The line break before a delimiter belongs to the delimiter (RFC 2046).
    if part.endswith(b"\r\n"):
        return part[:-2]
    return part[:-1] if part.endswith(b"\n") else part


def _leaves(
    headers: dict[str, str], body: bytes, depth: int, seen: Callable[[LeanPart], None]
) -> None:
    part = LeanPart(headers, body)
    kind = part.content_type()
    main = kind.partition("/")[0]
    if main == "message" or kind == "multipart/digest":
        raise Unusual  # a message inside: the parser reads it as one
    if main != "multipart":
        seen(part)
        return
    boundary = part.param("boundary")
    if not boundary or depth >= _DEPTH:
        raise Unusual
    start: int | None = None
    for at, end, closing in _delimiters(body, collapse_rfc2231_value(boundary).rstrip().encode()):
        if start is not None:
            if at == start:
                raise Unusual  # two delimiters in a row: the parser makes no part of it
            inner_headers, inner_body = _split(_strip_eol(body[start:at]))
            _leaves(inner_headers, inner_body, depth + 1, seen)
        if closing:
            if start is None:
                raise Unusual
            return
        start = end
    raise Unusual  # never closed (or no delimiter at all)


def lean_parts(data: bytes) -> tuple[dict[str, str], list[LeanPart]]:
    """The message's headers (the first of each name, lower case) and its leaf parts in the
    order :meth:`email.message.Message.walk` gives them.

    :raises Unusual: the message is not plain, well-formed MIME.
    """
    if data.startswith(b"From ") or data.count(b"\r") != data.count(b"\r\n"):
        raise Unusual  # an mbox From_ line, or lines ended by a bare CR
    headers, body = _split(data)
    found: list[LeanPart] = []
    _leaves(headers, body, 0, found.append)
    return headers, found
