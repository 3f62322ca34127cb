"""Secrets named by reference in a URL, looked up only when the URL is opened.

A URL may hold ``{keyring:SERVICE/NAME}`` (or ``{keyring:NAME}``, in the ``afterview`` service)
or ``{env:NAME}`` where it would hold a password, an API key or a token::

    greenhouse://CLIENT_ID:{keyring:afterview/greenhouse}@acme?candidate=7001
    postgresql://coach:{env:PGPASSWORD}@db.internal/afterview
    {env:AFTERVIEW_STORE_URL}

So the URL that sits in a settings file, a crontab, the shell's history or the outbox names the
secret and never holds it. The plugin host replaces each reference just before it calls the
openers (:meth:`afterview.PluginManager.open_store` and the others), so a plugin receives a
plain URL and needs to know nothing of this. A reference inside a URL is percent-encoded where
it lands, as a password in a URL must be (openers decode it); a reference that is the whole URL
is used as it is.

A reference may stand only where :func:`afterview.mask_url` hides what it finds (the user info,
a query parameter named like a secret): a URL whose masked form would still show the value is
refused, so that what an adapter shows of its URL never shows the secret.

``keyring`` is an optional dependency (``pip install 'afterview[keyring]'``), imported only when
a ``{keyring:…}`` reference is looked up or a secret is stored.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from types import ModuleType
from urllib.parse import quote

import attrs

from afterview.errors import NotFoundError, SecretError
from afterview.masking import mask_url

__all__ = [
    "DEFAULT_SERVICE",
    "ResolvedURL",
    "delete_secret",
    "has_references",
    "keyring_reference",
    "resolve",
    "store_secret",
]

#: The keyring service of a ``{keyring:NAME}`` reference, and of ``afterview secret set NAME``.
DEFAULT_SERVICE = "afterview"

_REFERENCE = re.compile(r"\{(keyring|env):([^{}\s]+)\}")
#: Shorter values are not looked for in a masked URL: they would match ordinary characters.
_SHORTEST_CHECKED = 4


@attrs.frozen
class ResolvedURL:
    """A URL with its references replaced, and the values put in (to hide them in messages)."""

    url: str = attrs.field(repr=False)
    secrets: tuple[str, ...] = attrs.field(repr=False, default=())

    def __repr__(self) -> str:
        return f"<ResolvedURL {mask_url(self.url)!r}>"


def has_references(url: str) -> bool:
    """Whether ``url`` names a secret by reference."""
    return "{" in url and _REFERENCE.search(url) is not None


def keyring_reference(name: str) -> str:
    """The reference to put in a URL for the keyring entry ``name`` (``SERVICE/NAME`` or
    ``NAME``)."""
    service, entry = _split(name)
    return f"{{keyring:{service}/{entry}}}"


def resolve(url: str, environ: Mapping[str, str] | None = None) -> ResolvedURL:
    """``url`` with every reference replaced by the secret it names.

    :raises SecretError: a reference names no secret, the keyring cannot be read, or a secret
        would show in the URL's masked form. The message names the reference, never a value.
    """
    if not has_references(url):
        return ResolvedURL(url)
    env = os.environ if environ is None else environ
    whole = _REFERENCE.fullmatch(url)
    values: list[str] = []

    def replace(match: re.Match[str]) -> str:
        kind, name = match.group(1), match.group(2)
        value = _environment(name, env) if kind == "env" else _keyring(name)
        values.append(value)
        if whole is not None:
            return value
        encoded = quote(value, safe="")
        if encoded != value:
            values.append(encoded)
        return encoded

    resolved = _REFERENCE.sub(replace, url)
    if whole is None:
        shown = mask_url(resolved)
        if any(len(v) >= _SHORTEST_CHECKED and v in shown for v in values):
            raise SecretError(
                f"a secret reference in {mask_url(url)!r} stands where afterview would show it: "
                "put references in the user info (user:{keyring:NAME}@host) or in a parameter "
                "named like a secret (password=, token=, api_key=…)"
            )
    return ResolvedURL(resolved, tuple(sorted(set(values), key=len, reverse=True)))


def store_secret(name: str, value: str) -> str:
    """Keep ``value`` in the system keyring under ``name`` (``SERVICE/NAME`` or ``NAME``);
    return the reference that names it.

    :raises SecretError: the keyring package is missing or its backend refused.
    """
    if not value:
        raise SecretError("an empty secret is not stored")
    service, entry = _split(name)
    keyring = _import_keyring()
    try:
        keyring.set_password(service, entry, value)
    except keyring.errors.KeyringError as exc:
        raise SecretError(
            f"the keyring refused to store {service}/{entry}: {type(exc).__name__}"
        ) from None
    return keyring_reference(name)


def delete_secret(name: str) -> None:
    """Remove the secret ``name`` from the system keyring.

    :raises NotFoundError: the keyring holds no such secret.
    :raises SecretError: the keyring package is missing or its backend refused.
    """
    service, entry = _split(name)
    keyring = _import_keyring()
    try:
        keyring.delete_password(service, entry)
    except keyring.errors.PasswordDeleteError:
        raise NotFoundError(f"the keyring holds no secret {service}/{entry}") from None
    except keyring.errors.KeyringError as exc:
        raise SecretError(
            f"the keyring refused to delete {service}/{entry}: {type(exc).__name__}"
        ) from None


def _split(name: str) -> tuple[str, str]:
    service, slash, entry = name.partition("/")
    if not slash:
        service, entry = DEFAULT_SERVICE, name
    if not service or not entry or "{" in name or "}" in name or name.strip() != name:
        raise SecretError(f"{name!r} is not a secret name: use NAME or SERVICE/NAME")
    return service, entry


def _environment(name: str, env: Mapping[str, str]) -> str:
    value = env.get(name)
    if not value:
        raise SecretError(f"{{env:{name}}}: the environment variable {name} is not set")
    return value


def _keyring(name: str) -> str:
    service, entry = _split(name)
    keyring = _import_keyring()
    try:
        value: str | None = keyring.get_password(service, entry)
    except keyring.errors.KeyringError as exc:
        raise SecretError(
            f"{{keyring:{service}/{entry}}}: the keyring could not be read ({type(exc).__name__})"
        ) from None
    if not value:
        raise SecretError(
            f"{{keyring:{service}/{entry}}}: the keyring holds no such secret; store it with "
            f"`afterview secret set {service}/{entry}`"
        )
    return value


def _import_keyring() -> ModuleType:
    try:
        import keyring
        import keyring.errors
    except ImportError:
        raise SecretError(
            "secrets in the keyring need the keyring package: pip install 'afterview[keyring]'"
        ) from None
    return keyring
