"""Crypto-shredding: every person's personal fields are stored encrypted with a key of their own,
so that destroying the key erases them wherever copies of the ciphertext lie — free pages, the
write-ahead log, replicas, backups.

A sealed record is the event's JSON with each personal field (see
:data:`afterview.redaction.PERSONAL_FIELDS`) set to its erased value, plus a ``sealed`` object
holding, for each such field, the people who own it and the real value encrypted under each of
their keys in turn (AES-256-GCM, one layer per owner)::

    {"type": "ContactAdded", "person_id": "per_1", "name": "", ...,
     "sealed": {"name": {"by": ["per_1"], "box": "base64…"}}}

Opening a record puts back every field whose owners all still have a key and leaves the others
erased: a record whose key is gone reads exactly as ``forget`` would have rewritten it. A record
with no ``sealed`` object (written before sealing existed, or with nobody's data in it) reads as
it is. Standalone texts (a reminder's error) are sealed the same way behind :data:`TEXT_PREFIX`.

Each layer's associated data binds the box to its workspace, field and owner, so a box cannot be
moved to another workspace or field and still open. ``cryptography`` is imported on first use,
so that ``import afterview`` stays cheap.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from afterview.errors import DataError, StoreError
from afterview.store import KEY_METHODS, Keyring, StoredEvent

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

__all__ = [
    "ENVELOPE",
    "TEXT_PREFIX",
    "KeyCache",
    "check_keyring",
    "is_sealed",
    "new_key",
    "open_bytes",
    "open_fields",
    "open_records",
    "open_text",
    "seal_bytes",
    "seal_fields",
    "seal_text",
]

#: The key of the object holding a record's sealed fields.
ENVELOPE: Final = "sealed"
#: What a sealed standalone text starts with.
TEXT_PREFIX: Final = "afterview-sealed:"
_NONCE: Final = 12
# Quotes inside JSON strings are escaped, so this can only be the envelope's key.
_MARK: Final = f'"{ENVELOPE}":'


def new_key() -> bytes:
    """A fresh 256-bit key."""
    return os.urandom(32)


def check_keyring(keyring: object, where: str) -> Keyring:
    """``keyring`` if it offers the key API, else a :class:`StoreError` that says what lacks.

    :raises StoreError: a method of :data:`afterview.store.KEY_METHODS` is missing.
    """
    missing = [m for m in KEY_METHODS if not callable(getattr(keyring, m, None))]
    if missing:
        raise StoreError(
            f"{where} has no key table ({', '.join(missing)} missing): afterview stores each "
            "person's personal data encrypted with a key of their own; implement the key API "
            "(see the plugin guide) or pass an external keyring"
        )
    return keyring  # type: ignore[return-value]


def is_sealed(text: str) -> bool:
    """Whether a stored record holds sealed fields."""
    return _MARK in text


class KeyCache:
    """The keys one pass over a log needs, each read from the keyring once.

    Short-lived on purpose: a key destroyed by another process must stop opening records on
    the next pass.
    """

    def __init__(self, keyring: Keyring) -> None:
        self._keyring = keyring
        self._keys: dict[str, bytes | None] = {}

    def __repr__(self) -> str:
        return f"<KeyCache of {len(self._keys)} subjects>"  # never the keys

    def get(self, subject: str) -> bytes | None:
        if subject not in self._keys:
            self._keys[subject] = self._keyring.key_get(subject)
        return self._keys[subject]

    def create(self, subject: str) -> bytes:
        key = self.get(subject)
        if key is None:
            key = self._keys[subject] = self._keyring.key_create(subject, new_key())
        return key


def _aead(key: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def _context(workspace: str, field: str, owner: str) -> bytes:
    return "\x1f".join(("afterview", workspace, field, owner)).encode()


def _seal(plain: bytes, owners: Sequence[str], keys: KeyCache, workspace: str, field: str) -> str:
    data = plain
    for owner in owners:
        nonce = os.urandom(_NONCE)
        data = nonce + _aead(keys.create(owner)).encrypt(
            nonce, data, _context(workspace, field, owner)
        )
    return base64.b64encode(data).decode("ascii")


def _open(
    box: str, owners: Sequence[str], keys: KeyCache, workspace: str, field: str
) -> bytes | None:
    """The plaintext, or ``None`` when an owner's key is gone."""
    from cryptography.exceptions import InvalidTag

    try:
        data = base64.b64decode(box, validate=True)
    except ValueError:
        raise DataError(f"sealed field {field!r} is not base64") from None
    for owner in reversed(owners):
        key = keys.get(owner)
        if key is None:
            return None
        try:
            data = _aead(key).decrypt(
                data[:_NONCE], data[_NONCE:], _context(workspace, field, owner)
            )
        except InvalidTag:
            raise DataError(
                f"sealed field {field!r} does not open with its owner's key (tampered, or from "
                "another workspace)"
            ) from None
    return data


def seal_fields(
    record: dict[str, Any],
    owners: Mapping[str, Sequence[str]],
    blanks: Mapping[str, Any],
    keys: KeyCache,
    workspace: str,
) -> dict[str, Any]:
    """``record`` (a JSON object) with each field of ``owners`` replaced by its blank and sealed
    under its owners' keys in the envelope."""
    if not owners:
        return record
    sealed = dict(record)
    envelope: dict[str, Any] = {}
    for field, who in owners.items():
        plain = json.dumps(record[field], ensure_ascii=False).encode()
        envelope[field] = {"by": list(who), "box": _seal(plain, who, keys, workspace, field)}
        sealed[field] = blanks[field]
    sealed[ENVELOPE] = envelope
    return sealed


def open_fields(record: dict[str, Any], keys: KeyCache, workspace: str) -> dict[str, Any]:
    """``record`` with its envelope removed and every field whose keys remain put back.

    :raises DataError: the envelope is malformed, or a box fails to authenticate.
    """
    envelope = record.pop(ENVELOPE, None)
    if envelope is None:
        return record
    if not isinstance(envelope, dict):
        raise DataError("the sealed fields are not an object", path=f"$.{ENVELOPE}")
    for field, sealed in envelope.items():
        if not (
            isinstance(sealed, dict)
            and isinstance(sealed.get("box"), str)
            and isinstance(sealed.get("by"), list)
            and all(isinstance(o, str) for o in sealed["by"])
        ):
            raise DataError(f"sealed field {field!r} is malformed", path=f"$.{ENVELOPE}.{field}")
        plain = _open(sealed["box"], sealed["by"], keys, workspace, field)
        if plain is not None:
            record[field] = json.loads(plain)
    return record


def open_records(
    records: Iterable[StoredEvent], keys: KeyCache, workspace: str
) -> Iterator[StoredEvent]:
    """``records`` as the core reads them: sealed fields opened where their keys remain.

    A record that cannot be opened is passed on unchanged, so that reading it names it as
    corrupt at its position.
    """
    import attrs

    for stored in records:
        if not is_sealed(stored.data):
            yield stored
            continue
        try:
            record = json.loads(stored.data)
            if not isinstance(record, dict):
                raise DataError("not an object")
            opened = open_fields(record, keys, workspace)
        except (ValueError, DataError):
            yield stored
            continue
        yield attrs.evolve(
            stored, data=json.dumps(opened, separators=(",", ":"), ensure_ascii=False)
        )


def seal_text(text: str, owners: Sequence[str], keys: KeyCache, workspace: str, field: str) -> str:
    """``text`` sealed under ``owners``' keys, as a standalone string; ``text`` itself when
    nobody owns it."""
    if not owners:
        return text
    box = _seal(text.encode(), owners, keys, workspace, field)
    return TEXT_PREFIX + json.dumps({"by": list(owners), "box": box})


def open_text(
    text: str, keys: KeyCache, workspace: str, field: str, erased: str
) -> tuple[str, tuple[str, ...]]:
    """A standalone text opened (``erased`` when a key is gone), and the people it was sealed
    for."""
    if not text.startswith(TEXT_PREFIX):
        return text, ()
    try:
        sealed = json.loads(text[len(TEXT_PREFIX) :])
        owners = tuple(str(o) for o in sealed["by"])
        plain = _open(str(sealed["box"]), owners, keys, workspace, field)
    except (ValueError, KeyError, TypeError, DataError):
        return erased, ()
    return (erased if plain is None else plain.decode()), owners


def seal_bytes(plain: bytes, owner: str, keys: KeyCache, workspace: str, field: str) -> bytes:
    """``plain`` sealed under ``owner``'s key (made if it has none): a nonce, then the
    ciphertext. For a large blob (a snapshot), with no base64 around it."""
    nonce = os.urandom(_NONCE)
    return nonce + _aead(keys.create(owner)).encrypt(
        nonce, plain, _context(workspace, field, owner)
    )


def open_bytes(
    sealed: bytes, owner: str, keys: KeyCache, workspace: str, field: str
) -> bytes | None:
    """What :func:`seal_bytes` sealed, or ``None`` when ``owner``'s key is gone.

    :raises DataError: it does not open with the key (tampered, or sealed for another
        workspace or field).
    """
    from cryptography.exceptions import InvalidTag

    key = keys.get(owner)
    if key is None:
        return None
    try:
        return _aead(key).decrypt(
            sealed[:_NONCE], sealed[_NONCE:], _context(workspace, field, owner)
        )
    except InvalidTag:
        raise DataError(f"sealed {field!r} does not open with its key") from None
