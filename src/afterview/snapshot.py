"""A workspace's folded state as bytes, and when to keep one beside the log.

A snapshot lets a reader skip decoding and folding the whole log: it decodes the state at some
position and folds only the events after it. The log stays the truth: a snapshot of another
fold version (:data:`afterview.fold.FOLD_VERSION`), or one that does not decode, is ignored and
the state is folded from the log again.

The encoding is JSON written and read by msgspec, straight from and into the attrs classes of
the state: about 0.5× the time ``json.loads`` takes on the log records it replaces, where
decoding those records into checked events and folding them takes 3–4×. It keeps each
datetime's UTC offset, as the log's JSON does, so a state decoded from a snapshot equals, to the
offset, the state folded from the log. The two maps keyed by tuples are written as lists of
pairs. msgspec is imported on first use: commands that read no snapshot never load it.

Snapshots are written by the workspace (see :class:`SnapshotPolicy`) and sealed by
:class:`afterview.sealed_log.SealedLog` before they reach the store: they hold everyone's
personal data in one place.
"""

from __future__ import annotations

import functools
import typing
from typing import Any, Final

import attrs

from afterview.errors import DataError
from afterview.fold import State

__all__ = ["SnapshotPolicy", "decode_state", "encode_state"]

# The state's fields keyed by tuples, which JSON objects cannot be: written as lists of pairs.
_PAIRED: Final = ("follow_ups", "thank_you_by_meeting")


@functools.cache
def _wire() -> tuple[type[Any], Any, Any]:
    """The class msgspec reads a snapshot into (the state's fields, with lists of pairs for
    the maps keyed by tuples), and an encoder and a decoder, made once per process."""
    import msgspec

    attrs.resolve_types(State)
    fields: dict[str, Any] = {}
    for field in attrs.fields(State):
        kind = field.type
        if field.name in _PAIRED:
            key, value = typing.get_args(kind)
            kind = list[tuple[key, value]]  # type: ignore[valid-type]
        fields[field.name] = attrs.field(type=kind)
    wire = attrs.make_class("StateSnapshot", fields, slots=True)
    return wire, msgspec.json.Encoder(), msgspec.json.Decoder(wire)


def encode_state(state: State) -> bytes:
    """``state`` as snapshot bytes, checked to decode back into an equal state.

    :raises DataError: it would not: a datetime whose UTC offset has seconds (a zone's local
        mean time, ``Africa/Monrovia`` before 1972), which the format cuts to the minute.
    """
    wire, encoder, _ = _wire()
    values = {a.name: getattr(state, a.name) for a in attrs.fields(State)}
    for name in _PAIRED:
        values[name] = list(values[name].items())
    data = bytes(encoder.encode(wire(**values)))
    # A snapshot is written once per stretch of events, read many times: one decode to make
    # sure it reads back as it was is worth its cost.
    if decode_state(data) != state:
        raise DataError("the state does not survive a snapshot (an offset with seconds?)")
    return data


def decode_state(data: bytes) -> State:
    """The state ``data`` holds.

    :raises DataError: ``data`` is not a snapshot of this fold's state.
    """
    _, _, decoder = _wire()
    try:
        decoded = decoder.decode(data)
        values = {a.name: getattr(decoded, a.name) for a in attrs.fields(State)}
        for name in _PAIRED:
            values[name] = dict(values[name])
        return State(**values)
    except Exception as exc:  # msgspec's errors, or a state that does not build
        # The message never quotes the data: it may hold anyone's personal details.
        raise DataError(f"not a readable snapshot ({type(exc).__name__})") from None


@attrs.frozen
class SnapshotPolicy:
    """When a workspace writes a snapshot: once the events folded past the last snapshot (on
    reading or after appending) number at least ``min_tail`` and at least ``share`` of the
    log. Each snapshot then costs about as much to write as a constant number of events
    (``1 / share``) however long the log, and a cold read folds at most that share of it after
    decoding the snapshot. ``enabled=False`` never writes one (and never reads one).
    """

    # Below about a thousand events, folding the log costs less than importing msgspec and
    # decoding a snapshot: a single job seeker's workspace rarely gets one.
    min_tail: int = attrs.field(default=1000, validator=attrs.validators.ge(1))
    share: float = attrs.field(default=0.1, validator=[attrs.validators.ge(0.0)])
    enabled: bool = True

    def due(self, version: int, snapshot_position: int) -> bool:
        """Whether a state at ``version`` should be kept, the last snapshot being at
        ``snapshot_position`` (0 for none)."""
        tail = version - snapshot_position
        return self.enabled and tail >= self.min_tail and tail >= self.share * version
