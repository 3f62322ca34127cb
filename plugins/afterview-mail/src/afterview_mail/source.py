"""Where mail is read from: an IMAP folder, an mbox file, a maildir, ``.eml`` files.

``open_source(url)`` gives a :class:`Source` for

* ``imaps://user@host[:port]/FOLDER`` (TLS; ``imap://`` only for a server on this machine),
  see :mod:`afterview_mail.imap` for the password and XOAUTH2;
* ``mbox:/path/to/file`` and ``maildir:/path/to/dir``, read by the standard library's
  :mod:`mailbox`;
* ``eml:/path`` (or a path ending in ``.eml``): one message, or every ``.eml`` file of a folder.

An IMAP folder remembers where reading stopped (a :class:`Cursor`); files are read whole each
time, and what was already proposed is recognised by the message's digest.
"""

from __future__ import annotations

import email
import email.policy
import mailbox
from collections.abc import Iterator
from datetime import date
from email.message import Message
from pathlib import Path
from typing import Protocol, runtime_checkable

import attrs

from afterview import DataError, mask_url
from afterview_mail.proposals import Cursor

__all__ = ["FileSource", "Source", "open_source"]


@runtime_checkable
class Source(Protocol):
    """Where messages come from. A source may also have a ``pending`` attribute: how many
    messages the read under way has to give, once it knows (after the first is given); a read
    of many is shared with worker processes (:mod:`afterview_mail.workers`)."""

    #: The URL, secrets masked.
    url: str

    @property
    def key(self) -> str:
        """What the cursor of this source is kept under."""
        ...

    def messages(
        self, *, since: date | None, cursor: Cursor | None
    ) -> Iterator[tuple[Message | bytes, Cursor | None]]:
        """Each message after ``cursor`` (and sent on or after ``since``), parsed or as its
        bytes, with the cursor to keep once it is handled (None for a source without one)."""
        ...

    def close(self) -> None: ...


def _sent_on_or_after(data: bytes, since: date | None) -> bool:
    if since is None:
        return True
    from email.parser import BytesHeaderParser
    from email.utils import parsedate_to_datetime

    headers = BytesHeaderParser(policy=email.policy.compat32).parsebytes(data)
    try:
        sent = parsedate_to_datetime(str(headers.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        return True  # no readable date: read it rather than miss it
    return sent.date() >= since


@attrs.define
class FileSource:
    """An mbox file, a maildir, or ``.eml`` files."""

    kind: str
    path: Path
    url: str = attrs.field(init=False)
    #: How many messages the read under way has to give (known once it has looked).
    pending: int | None = attrs.field(init=False, default=None)

    def __attrs_post_init__(self) -> None:
        self.url = f"{self.kind}:{self.path}"

    @property
    def key(self) -> str:
        return self.url

    def _all(self) -> Iterator[bytes]:
        # Each message's bytes, as an IMAP server gives them: read by the same reader.
        if self.kind == "mbox":
            if not self.path.is_file():
                raise DataError(f"{self.url}: no such mbox file")
            box = mailbox.mbox(self.path, create=False)
            try:
                self.pending = len(box)
                for key in box.iterkeys():
                    yield box.get_bytes(key)
            finally:
                box.close()
        elif self.kind == "maildir":
            if not (self.path / "cur").is_dir() and not (self.path / "new").is_dir():
                raise DataError(f"{self.url}: not a maildir (no cur/ or new/ inside)")
            folder = mailbox.Maildir(self.path, create=False)
            keys = sorted(folder.iterkeys())
            self.pending = len(keys)
            for key in keys:
                try:
                    data = folder.get_bytes(key)
                except KeyError:
                    continue  # moved or deleted since it was listed
                yield data
        else:
            files = sorted(self.path.glob("*.eml")) if self.path.is_dir() else [self.path]
            self.pending = len(files)
            for file in files:
                try:
                    data = file.read_bytes()
                except OSError as exc:
                    raise DataError(f"cannot read {file}: {exc.strerror or exc}") from None
                yield data

    def messages(
        self, *, since: date | None, cursor: Cursor | None
    ) -> Iterator[tuple[Message | bytes, Cursor | None]]:
        for data in self._all():
            if _sent_on_or_after(data, since):
                yield data, None

    def close(self) -> None:
        pass


def open_source(url: str) -> Source:
    """The source ``url`` names.

    :raises DataError: a URL of no known kind, or a plain ``imap://`` to another machine.
    :raises SecretError: a secret reference in an IMAP URL names no secret.
    """
    scheme, sep, rest = url.partition(":")
    scheme = scheme.lower()
    if scheme in ("imap", "imaps"):
        from afterview.secret_references import resolve
        from afterview_mail.imap import ImapSource

        # A password or token named by reference ({keyring:NAME}, {env:NAME}) is looked up
        # now, as the core's plugin host does for the URLs it opens.
        return ImapSource(resolve(url).url)
    if sep and scheme in ("mbox", "maildir", "eml"):
        path = rest.removeprefix("//") if rest.startswith("///") else rest
        return FileSource(scheme, Path(path).expanduser())
    if url.lower().endswith(".eml"):
        return FileSource("eml", Path(url).expanduser())
    raise DataError(
        f"{mask_url(url, scheme_only=True)} is not a mail source: use imaps://user@host/FOLDER, "
        "mbox:PATH, maildir:PATH or eml:PATH"
    )
