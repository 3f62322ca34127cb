"""The two protocols through which applicant tracking systems reach afterview.

* A :class:`JobBoard` lists an organization's open postings from its public job board.
* An :class:`Importer` reads a candidate's history from an ATS (with credentials) and yields
  :class:`ImportedRecord` values, each carrying the ATS's own id so that importing twice adds
  nothing, or an :class:`ImportProblem` for a record it could not read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

import attrs

from afterview.events import Event

__all__ = [
    "BoardPosting",
    "ImportProblem",
    "ImportedRecord",
    "Importer",
    "JobBoard",
    "close_quietly",
]


@attrs.frozen(kw_only=True)
class BoardPosting:
    external_ref: str
    title: str
    url: str | None = None
    location: str | None = None
    department: str | None = None
    updated_at: datetime | None = None


@attrs.frozen(kw_only=True)
class ImportedRecord:
    """Events made from one ATS record; ``external_ref`` is the ATS's id for it."""

    external_ref: str
    events: tuple[Event, ...]


@attrs.frozen(kw_only=True)
class ImportProblem:
    """A record that could not be read: which one and why. The rest of the import goes on.

    ``lost`` is true when the record is missing from the workspace because of it: a failure the
    import reports as such (``afterview ats-import`` exits non-zero). It is false for a note: a
    part of a record left out while the rest was imported, or a record the importer chose not
    to import (a Greenhouse prospect, which is no application).
    """

    external_ref: str
    reason: str
    lost: bool = True


def close_quietly(adapter: object) -> None:
    """Call ``adapter.close()`` when it has one: boards and importers may hold connections.

    ``close`` is optional in :class:`JobBoard` and :class:`Importer`; afterview calls it once
    it is done with the adapter it opened.
    """
    close = getattr(adapter, "close", None)
    if callable(close):
        close()


@runtime_checkable
class JobBoard(Protocol):
    @property
    def url(self) -> str: ...

    def postings(self) -> Sequence[BoardPosting]:
        """Every open posting on the board now."""
        ...


@runtime_checkable
class Importer(Protocol):
    @property
    def url(self) -> str:
        """The URL it was opened with, credentials masked: safe to log."""
        ...

    def records(self) -> Iterator[ImportedRecord | ImportProblem]:
        """Every record the ATS holds for this import, page by page."""
        ...
