"""Saving what can be saved from a log with records that cannot be read.

One corrupt record (text that is not JSON, a field of the wrong shape, a date out of range, bytes
that are not UTF-8) makes the whole workspace unreadable: its state is a fold of every record, so
``status``, ``agenda`` and ``export`` stop at it with a
:class:`~afterview.errors.CorruptRecordError`. :func:`salvage` reads past it instead: every
record that can be read, and still fits the records kept before it, goes into an export that
imports cleanly into a new workspace; every other record is named by its position and why.

Reading a record never changes the store: a salvage is a copy, the log stays as it was.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from datetime import datetime

import attrs

from afterview.errors import CorruptRecordError, DataError, EventRejected
from afterview.events import Event
from afterview.fold import State
from afterview.serialization import ExportDocument, loads_event
from afterview.store import StoredEvent

__all__ = ["Salvage", "SkipReason", "SkippedRecord", "salvage"]


class SkipReason(enum.StrEnum):
    """Why a record was left out of a salvage."""

    #: The record cannot be read at all: not text, not JSON, or not a valid event.
    UNREADABLE = "unreadable"
    #: The record reads, but does not fit the records kept before it: it depends on one left
    #: out (an interview of an application whose record was unreadable, say).
    DOES_NOT_FIT = "does_not_fit"


@attrs.frozen
class SkippedRecord:
    """A record left out of a salvage: its 1-based position in the log, and why.

    ``detail`` is the reader's or the fold's explanation; like every afterview error message, it
    names fields and positions, not a third party's data.
    """

    position: int
    reason: SkipReason
    detail: str

    def __str__(self) -> str:
        what = (
            "is unreadable"
            if self.reason is SkipReason.UNREADABLE
            else "does not fit without the records left out"
        )
        return f"event #{self.position} {what}: {self.detail}"


@attrs.frozen
class Salvage:
    """What :func:`salvage` kept, as an export, and what it left out."""

    document: ExportDocument
    skipped: tuple[SkippedRecord, ...]
    #: How many records the log holds, read or not.
    records: int

    @property
    def complete(self) -> bool:
        """Whether every record was kept: the salvage is the whole workspace."""
        return not self.skipped


Reader = Callable[[int], Iterable[StoredEvent]]


def salvage(read: Reader, workspace: str, exported_at: datetime) -> Salvage:
    """Every record of a log that can be read and still folds, as an export of ``workspace``.

    :param read: the log's reader, ``WorkspaceStore.read``: the records after a position.
    """
    state = State()
    kept: list[Event] = []
    skipped: list[SkippedRecord] = []
    last = 0
    for position, record in _records(read, skipped):
        last = max(last, position)
        if record is None:
            continue
        try:
            event = loads_event(record.data)
        except DataError as exc:
            skipped.append(SkippedRecord(position, SkipReason.UNREADABLE, str(exc)))
            continue
        try:
            state.apply(event)
        except (EventRejected, DataError) as exc:
            skipped.append(SkippedRecord(position, SkipReason.DOES_NOT_FIT, str(exc)))
            continue
        kept.append(event)
    document = ExportDocument(workspace=workspace, exported_at=exported_at, events=tuple(kept))
    skipped.sort(key=lambda s: s.position)
    return Salvage(document=document, skipped=tuple(skipped), records=last)


def _records(
    read: Reader, skipped: list[SkippedRecord]
) -> Iterable[tuple[int, StoredEvent | None]]:
    """Each record with its position; a record the store itself cannot hand over is noted in
    ``skipped`` and comes as ``None``, and reading resumes after it."""
    after = 0
    while True:
        try:
            for record in read(after):
                after = record.position
                yield record.position, record
            return
        except CorruptRecordError as exc:
            if exc.position <= after:
                raise  # no progress: the store cannot read past it
            skipped.append(SkippedRecord(exc.position, SkipReason.UNREADABLE, exc.detail))
            after = exc.position
            yield exc.position, None
