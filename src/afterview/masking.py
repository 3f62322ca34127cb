"""Masking secrets in URLs: the one place that decides what of a URL may be shown.

Store, notifier, importer and job board URLs carry passwords, API keys and tokens, and people
mistype them: ``postgresql//user:PW@host`` (no colon), ``greenhouse:ID:KEY@acme`` (no slashes),
a password with a raw ``@``, ``/`` or ``?`` in it. :func:`mask_url` does not parse a URL the way a
library would (a malformed one parses into the wrong parts, and the secret lands where nothing
masks it); it looks for the places a secret can hide and, when the shape is in doubt, hides more:

* **userinfo**, wherever it sits: everything between where an authority could start (after the
  first ``//``, or the beginning) and the last ``@`` (or ``%40``) becomes ``***``, user included
  (for Lever the user *is* the API key). When that stretch holds a ``/``, ``?`` or ``#``, the
  ``@`` is not where an authority would put it, so everything after the start is hidden.
* **query parameters** whose name, decoded and in any case, contains a secret-ish word
  (``password``, ``sslpassword``, ``token``, ``api_key``, ``secret``, ``auth``, ``sig``…), and
  any parameter without a value (a bare token);
* **the fragment**, whole.

Every part of afterview and its plugins shows URLs through here: errors, logs, reprs and the
``url`` attribute of stores, notifiers, importers and job boards.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, unquote_plus

__all__ = ["MASK", "mask_url", "scrub_url", "written_secrets"]

#: What stands in for a hidden part.
MASK = "***"

#: Parts of a query parameter's name that mark its value as secret (matched in the name
#: lower-cased, decoded and stripped of everything but letters and digits).
_SECRET_WORDS = (
    "pass",
    "pwd",
    "secret",
    "token",
    "key",
    "auth",
    "sig",
    "cred",
    "session",
    "cookie",
    "bearer",
    "jwt",
    "private",
    "otp",
    "code",
)

#: What may stand before ``//`` for that ``//`` to open an authority: scheme names, each but
#: perhaps the last followed by a colon (``postgresql:``, ``apprise:mailto:``, ``greenhouse``).
_SCHEMES = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]*:)*[A-Za-z][A-Za-z0-9+.\-]*:?")
_AT = re.compile(r"@|%40", re.IGNORECASE)
_LEADING_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*(?::/{0,2}|/{1,2})")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_DELIMITERS = re.compile(r"[:@/?#&;=]|%40", re.IGNORECASE)


def _secret_name(name: str) -> bool:
    plain = _NOT_ALNUM.sub("", unquote_plus(name).lower())
    return any(word in plain for word in _SECRET_WORDS)


def _mask_query(query: str, hidden: list[str]) -> str:
    shown: list[str] = []
    for pair in re.split(r"([&;])", query):
        if pair in ("&", ";", ""):
            shown.append(pair)
            continue
        name, eq, value = pair.partition("=")
        if not eq:
            hidden.append(pair)
            shown.append(MASK)
        elif _secret_name(name):
            hidden.append(value)
            shown.append(f"{name}={MASK}")
        else:
            shown.append(pair)
    return "".join(shown)


def _mask_tail(tail: str, hidden: list[str]) -> str:
    """Host, path, query and fragment, with no userinfo left in them."""
    tail, hash_mark, fragment = tail.partition("#")
    if fragment:
        hidden.append(fragment)
        fragment = MASK
    base, question, query = tail.partition("?")
    return base + question + _mask_query(query, hidden) + hash_mark + fragment


def _split(url: str) -> tuple[str, list[str]]:
    """The URL as it may be shown, and the pieces hidden from it."""
    hidden: list[str] = []
    ats = list(_AT.finditer(url))
    if not ats:
        return _mask_tail(url, hidden), hidden
    last = ats[-1]
    slashes = url.find("//", 0, last.start())
    start = slashes + 2 if slashes >= 0 and _SCHEMES.fullmatch(url[:slashes]) else 0
    credentials = url[start : last.start()]
    if any(c in credentials for c in "/?#"):
        # The last "@" is past where an authority ends: no telling which part is the host.
        hidden.append(url[start:])
        return url[:start] + MASK, hidden
    hidden.append(credentials)
    return url[:start] + MASK + last.group() + _mask_tail(url[last.end() :], hidden), hidden


def mask_url(url: str, *, scheme_only: bool = False) -> str:
    """``url`` with its secrets replaced by ``***``, whatever its shape; safe to show.

    ``postgresql://coach:pw@db/av?sslpassword=x#t`` → ``postgresql://***@db/av?sslpassword=***#***``.

    :param scheme_only: show only the scheme (``pushover://…``): for a URL no plugin claims,
        nothing says where its secrets sit, so nothing after the scheme is shown.
    """
    masked = _split(url)[0]
    if scheme_only:
        # Cut the masked form, not the URL: what looks like a scheme may be a user name.
        match = _LEADING_SCHEME.match(masked)
        if match and match.end() < len(masked):
            return match.group() + "…"
    return masked


def scrub_url(text: str, url: str) -> str:
    """``text`` (an error message, say) with ``url`` masked, and every secret of ``url`` hidden
    wherever it appears on its own: a plugin's message may quote a password it parsed out."""
    masked, hidden = _split(url)
    if url:
        text = text.replace(url, masked)
    # Each hidden stretch, decoded or not, and each run of it between delimiters: a driver may
    # quote "TOKEN@host" out of "user:TOKEN@host", or a password it decoded.
    pieces = {
        p for h in hidden for whole in (h, unquote(h)) for p in (whole, *_DELIMITERS.split(whole))
    }
    for piece in sorted(pieces, key=len, reverse=True):
        # Very short pieces (an empty user, a one-letter name) would garble the message
        # without protecting anything worth protecting.
        if len(piece) >= 3:
            # In any case: some libraries lower-case what they echo.
            text = re.sub(re.escape(piece), MASK, text, flags=re.IGNORECASE)
    return text


#: A secret named by reference (see afterview.secret_references): not written out.
_REFERENCE = re.compile(r"\{(?:keyring|env):[^{}\s]+\}")


def written_secrets(url: str) -> bool:
    """Whether ``url`` writes out a secret its mask hides — a password, a token parameter, a
    fragment — instead of naming it by reference (``{keyring:NAME}``, ``{env:NAME}``). A user
    name alone is not a secret."""
    hidden = _split(url)[1]
    if _AT.search(url) and hidden:
        credentials, *hidden = hidden
        _user, _colon, password = credentials.partition(":")
        if _REFERENCE.sub("", password):
            return True
    return any(_REFERENCE.sub("", piece) for piece in hidden)
