"""Reading an IMAP folder with imap-tools: only what arrived since the last read.

``imaps://user@host[:port]/FOLDER`` (the folder defaults to ``INBOX``; ``imap://`` without TLS
is accepted only for a server on this machine). The secret comes from, in this order: the URL
(``imaps://user:PASSWORD@host/…``), ``AFTERVIEW_IMAP_PASSWORD``, or the system keyring (service
``afterview-mail``, user ``user@host``; install ``afterview-mail[keyring]``). With
``?auth=xoauth2`` the secret is an OAuth2 access token instead (``AFTERVIEW_IMAP_TOKEN``, or the
keyring under ``afterview-mail-oauth``), for providers that no longer accept passwords.

Where reading stopped is a :class:`Cursor`: the folder's ``UIDVALIDITY`` and the last ``UID``
handled. A cursor of another ``UIDVALIDITY`` (the folder was rebuilt) is worth nothing: the
folder is read again, and the messages already proposed are recognised by their digest. Messages
are fetched by UID in pages, without marking them seen; a connection dropped mid-fetch is opened
again and reading resumes after the last message handled, a few times before giving up.

The secret never appears in a repr, an error or a log: errors show the URL masked.
"""

from __future__ import annotations

import contextlib
import imaplib
import itertools
import logging
import os
import re
import ssl
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from afterview import DataError, mask_url
from afterview_mail.errors import MailError, MailLoginError
from afterview_mail.proposals import Cursor

__all__ = ["ImapSource"]

log = logging.getLogger("afterview.mail")

#: Messages fetched per command: large enough to keep round trips few, small enough that a
#: dropped connection costs little.
PAGE = 200
#: Connections opened again after a drop, per read.
MAX_RECONNECTS = 3
_LOOPBACK = ("127.0.0.1", "::1", "localhost")
_UID = re.compile(rb"\bUID (\d+)")
#: A literal announced at the end of a line: ``{size}`` bytes follow.
_LITERAL = re.compile(rb"\{(\d+)\}\r?\n\Z")
#: A response line longer than this is no IMAP server's.
_MAX_LINE = 1 << 20
#: Tags of the commands sent here, apart from imaplib's.
_TAGS = itertools.count(1)


def _sequence(uids: list[int]) -> str:
    """``1:3,7`` for 1, 2, 3 and 7 (sorted)."""
    spans: list[list[int]] = []
    for uid in uids:
        if spans and uid == spans[-1][1] + 1:
            spans[-1][1] = uid
        else:
            spans.append([uid, uid])
    return ",".join(str(a) if a == b else f"{a}:{b}" for a, b in spans)


class ImapSource:
    """One IMAP folder; the secret is held but never shown."""

    def __init__(
        self,
        url: str,
        *,
        environ: Mapping[str, str] | None = None,
        timeout: float = 30.0,
        page: int = PAGE,
    ) -> None:
        parts = urlsplit(url)
        masked = mask_url(url)
        if not parts.hostname or not parts.username:
            raise DataError(f"{masked}: an IMAP URL names its user and host, imaps://user@host/")
        tls = parts.scheme.lower() == "imaps"
        if not tls and parts.hostname not in _LOOPBACK:
            raise DataError(
                f"{masked}: imap:// sends the password in clear; use imaps:// for another machine"
            )
        query = parse_qs(parts.query)
        auth = (query.get("auth") or ["password"])[0].lower()
        if auth not in ("password", "xoauth2"):
            raise DataError(f"{masked}: auth={auth} is not known; use auth=xoauth2 or leave it out")
        try:
            port = parts.port or (993 if tls else 143)
        except ValueError:
            raise DataError(f"{masked}: the port is not a number") from None
        self.url = masked
        self.user = unquote(parts.username)
        self.host = parts.hostname
        self.port = port
        self.folder = unquote(parts.path.lstrip("/")) or "INBOX"
        self.tls = tls
        self.oauth = auth == "xoauth2"
        self.timeout = timeout
        self.page = page
        self._secret = unquote(parts.password) if parts.password is not None else None
        self._box: Any = None
        #: How many times the connection was opened again during the last read.
        self.reconnects = 0
        #: How many messages the read under way has to give (known once it has looked).
        self.pending: int | None = None
        if self._secret is None:
            self._secret = self._lookup_secret(os.environ if environ is None else environ)

    def __repr__(self) -> str:
        return f"<ImapSource {self.url!r}>"

    @property
    def key(self) -> str:
        return f"imap://{self.user}@{self.host}:{self.port}/{self.folder}"

    def _lookup_secret(self, environ: Mapping[str, str]) -> str | None:
        name = "AFTERVIEW_IMAP_TOKEN" if self.oauth else "AFTERVIEW_IMAP_PASSWORD"
        if environ.get(name):
            return environ[name]
        try:
            import keyring  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            return None
        service = "afterview-mail-oauth" if self.oauth else "afterview-mail"
        # A keyring backend may fail in any way (no D-Bus, a locked store): fall through.
        try:
            found = keyring.get_password(service, f"{self.user}@{self.host}")
        except Exception:
            return None
        return found if isinstance(found, str) else None

    # --- the connection -------------------------------------------------------------------

    def _connect(self) -> Any:
        from imap_tools import MailBox, MailBoxUnencrypted
        from imap_tools.errors import MailboxLoginError

        if self._secret is None:
            what = "token" if self.oauth else "password"
            raise MailLoginError(
                f"{self.url}: no {what}: put it in AFTERVIEW_IMAP_"
                f"{'TOKEN' if self.oauth else 'PASSWORD'} or the keyring"
            )
        box: Any
        try:
            if self.tls:
                box = MailBox(self.host, self.port, timeout=self.timeout)
            else:
                box = MailBoxUnencrypted(self.host, self.port, timeout=self.timeout)
        except (OSError, ssl.SSLError, imaplib.IMAP4.error) as exc:
            raise MailError(f"{self.url}: cannot connect ({_why(exc)})") from None
        try:
            if self.oauth:
                box.xoauth2(self.user, self._secret, initial_folder=None)
            else:
                box.login(self.user, self._secret, initial_folder=None)
        except (MailboxLoginError, imaplib.IMAP4.error):
            _close(box)
            raise MailLoginError(
                f"{self.url}: the server refused the login (check the user and the "
                f"{'token' if self.oauth else 'password'})"
            ) from None
        except (OSError, imaplib.IMAP4.abort) as exc:
            _close(box)
            raise MailError(
                f"{self.url}: the connection failed during login ({_why(exc)})"
            ) from None
        return box

    def _select(self) -> int:
        from imap_tools.errors import MailboxFolderSelectError, MailboxFolderStatusError

        try:
            status = self._box.folder.status(self.folder, ["UIDVALIDITY"])
            self._box.folder.set(self.folder, readonly=True)
        except (MailboxFolderSelectError, MailboxFolderStatusError):
            raise MailError(f"{self.url}: the server has no folder {self.folder!r}") from None
        return int(status["UIDVALIDITY"])

    def close(self) -> None:
        if self._box is not None:
            _close(self._box)
            self._box = None

    # --- reading --------------------------------------------------------------------------

    def _uids(self, since: date | None, after: int) -> list[int]:
        from imap_tools import AND, U

        criteria: list[Any] = []
        if after:
            criteria.append(AND(uid=U(str(after + 1), "*")))
        if since is not None:
            criteria.append(AND(sent_date_gte=since))  # the Date header, not arrival
        query = AND(*criteria) if criteria else "ALL"
        # "N:*" matches the last message even when its UID is below N (RFC 3501): filter.
        return sorted(u for u in (int(x) for x in self._box.uids(query)) if u > after)

    def messages(
        self, *, since: date | None, cursor: Cursor | None
    ) -> Iterator[tuple[bytes, Cursor | None]]:
        self.reconnects = 0
        self._box = self._box or self._connect()
        validity = self._select()
        after = cursor.uid if cursor is not None and cursor.uidvalidity == validity else 0
        if cursor is not None and cursor.uidvalidity != validity:
            log.warning("%s: the folder's UIDVALIDITY changed; reading it again", self.url)
        pending = self._uids(since, after)
        self.pending = len(pending)
        from concurrent.futures import ThreadPoolExecutor

        # The next page is fetched while this one is read: waiting for the server is most of a
        # fetch, and a thread waiting on a socket leaves the interpreter to the other. One
        # fetch at a time, so the connection is never used by two threads at once; leaving
        # the pool waits for the one under way.
        with ThreadPoolExecutor(1, thread_name_prefix="afterview-imap") as ahead:
            page, pending = pending[: self.page], pending[self.page :]
            fetching = ahead.submit(self._fetch, page) if page else None
            while fetching is not None:
                try:
                    got = fetching.result()
                except (TimeoutError, OSError, imaplib.IMAP4.abort) as exc:
                    self._reopen(exc)
                    if self._select() != validity:
                        raise MailError(
                            f"{self.url}: the folder changed while it was read; read it again"
                        ) from None
                    fetching = ahead.submit(self._fetch, page)  # the page the drop cut off
                    continue
                page, pending = pending[: self.page], pending[self.page :]
                fetching = ahead.submit(self._fetch, page) if page else None
                for uid, data in got:
                    yield data, Cursor(validity, uid)

    def _fetch(self, uids: list[int]) -> list[tuple[int, bytes]]:
        """The bytes of the messages ``uids`` as the server keeps them, in one command, not
        marked seen.

        The response is read here rather than by imaplib, which reads it line by line into
        lists and then hands them to imap-tools to parse every message into an :mod:`email`
        tree: that costs more than all the rest of reading, and would keep this thread busy
        while the other reads the page before. Reading the bytes is
        :func:`~afterview_mail.message.read_mail`'s.
        """
        client = self._box.client
        tag = b"AV%d" % next(_TAGS)
        client.send(b"%s UID FETCH %s (UID BODY.PEEK[])\r\n" % (tag, _sequence(uids).encode()))
        file = client.file
        wanted = set(uids)  # what another client's news might bring is not this page's
        found: list[tuple[int, bytes]] = []
        while True:
            line = file.readline(_MAX_LINE)
            if not line.endswith(b"\n"):
                raise imaplib.IMAP4.abort("the connection closed in the middle of a response")
            if line.startswith(tag + b" "):
                status = line[len(tag) + 1 :].split(b" ", 1)[0]
                if status != b"OK":
                    raise MailError(f"{self.url}: the server refused to send the messages")
                return found
            if line.startswith(b"* BYE"):
                raise imaplib.IMAP4.abort("the server closed the connection")
            literal = _LITERAL.search(line)
            if literal is None:
                continue  # news about the folder (EXISTS, flags): nothing to read
            size = int(literal.group(1))
            data = file.read(size)
            rest = file.readline(_MAX_LINE)  # the end of the response: " UID 5)" or ")"
            if len(data) < size or not rest.endswith(b"\n"):
                raise imaplib.IMAP4.abort("the connection closed in the middle of a message")
            # A server names the UID before the message or after it.
            uid = _UID.search(line) or _UID.search(rest)
            if uid is not None and b" FETCH " in line and int(uid.group(1)) in wanted:
                found.append((int(uid.group(1)), data))

    def _reopen(self, exc: BaseException) -> None:
        self.reconnects += 1
        _close(self._box)
        self._box = None
        if self.reconnects > MAX_RECONNECTS:
            raise MailError(
                f"{self.url}: the connection dropped {self.reconnects} times ({_why(exc)}); "
                "what was read is kept, run it again to go on"
            ) from None
        log.warning("%s: the connection dropped (%s); opening it again", self.url, _why(exc))
        self._box = self._connect()


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return type(exc).__name__


def _close(box: Any) -> None:
    # Closing a broken connection may fail in any way: there is nothing left to save.
    try:
        box.logout()
    except Exception:
        with contextlib.suppress(Exception):
            box.client.shutdown()
