"""What every importer does with a page of an ATS's records: read each into events, or say why
it could not, and never page in a circle.

An importer's own code reads one record (an application, an opportunity) into afterview's
events; :func:`each_record` does the rest the same way for every ATS::

    for page in self._pages("/opportunities"):
        yield from each_record(page, noun="opportunity", read=self._opportunity_events)

* an item that is not a JSON object, or whose reading raises :class:`Unreadable` (a field
  missing, a time without an offset) or :class:`~afterview.DataError` (an event afterview
  refuses), is an :class:`~afterview.ImportProblem` naming the record and the reason, and the
  import goes on with the next;
* a reading may return :class:`Read` with *notes*: parts of the record left out, each reported
  as a note (``lost=False``) after the record's events; or raise :class:`NotImported` for a
  record it chooses not to import (a note too, not a failure);
* each record is named by its ``id`` field, else by its place in the page.

:class:`PageTrail` remembers the cursors (or offsets) an import followed, so that a server whose
next page leads back to one already read stops the import instead of looping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from afterview.ats.protocols import ImportedRecord, ImportProblem
from afterview.errors import DataError, PluginError
from afterview.events import Event

__all__ = ["NotImported", "PageTrail", "Read", "Unreadable", "each_record", "record_id"]


class Unreadable(ValueError):
    """A record missing a field afterview needs, or holding one it cannot read."""


class NotImported(Exception):
    """A record the importer chooses not to import; the message says why."""


@attrs.frozen
class Read:
    """A record's events, and the parts of it left out (each saying why)."""

    events: tuple[Event, ...]
    notes: tuple[str, ...] = ()


Reader = Callable[[Mapping[str, Any]], "Iterable[Event] | Read"]


def record_id(record: Any, field: str = "id") -> str | None:
    """``record[field]`` as an id: a non-empty string or an integer (not a boolean), or None."""
    if not isinstance(record, dict):
        return None
    value = record.get(field)
    if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
        return None
    return str(value)


def each_record(
    page: Sequence[Any], *, noun: str, read: Reader
) -> Iterator[ImportedRecord | ImportProblem]:
    """An :class:`~afterview.ImportedRecord` or :class:`~afterview.ImportProblem` for each item
    of ``page``, in order (see the module's documentation)."""
    for index, item in enumerate(page):
        ref = record_id(item) or f"{noun} #{index + 1} of a page"
        try:
            if not isinstance(item, dict):
                raise Unreadable("not a JSON object")
            result = read(item)
            if not isinstance(result, Read):
                result = Read(tuple(result))
        except NotImported as exc:
            yield ImportProblem(external_ref=ref, reason=str(exc), lost=False)
            continue
        except (Unreadable, DataError) as exc:
            yield ImportProblem(external_ref=ref, reason=str(exc))
            continue
        yield ImportedRecord(external_ref=ref, events=result.events)
        for note in result.notes:
            # The rest of the record is imported; the part is reported on its own so that the
            # job seeker can add it by hand.
            yield ImportProblem(
                external_ref=ref, reason=f"{note}; the rest was imported", lost=False
            )


class PageTrail:
    """The next-page cursors an import followed; one already followed stops it."""

    def __init__(self, where: str) -> None:
        self.where = where
        self._followed: set[str] = set()

    def follow(self, cursor: str) -> None:
        """Note ``cursor`` as followed.

        :raises PluginError: it was followed before: paging on would never end.
        """
        if cursor in self._followed:
            raise PluginError(f"{self.where}: the next page is one already read")
        self._followed.add(cursor)
