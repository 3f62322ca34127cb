"""What every tool shares: the one workspace the server was started for, its clock and time zone,
dates read as the command line reads them, the facts a call records, and errors turned into the
words the job seeker reads.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from afterview import AfterviewError, DataError, Event, hookimpl

if TYPE_CHECKING:
    from afterview import State, Workspace

__all__ = ["Session", "explain"]


class _Capture:
    """An ``afterview_events_appended`` observer that keeps the events a tool call appends, so
    the tool can return exactly what was stored."""

    def __init__(self) -> None:
        self.events: list[Event] | None = None

    @hookimpl
    def afterview_events_appended(self, workspace: object, events: Sequence[Event]) -> None:
        if self.events is not None:
            self.events.extend(events)


class Session:
    """The server's hold on one workspace. Nothing here opens another: every tool reaches the
    workspace only through :attr:`workspace`."""

    def __init__(
        self, workspace: Workspace, *, zone: tzinfo, clock: Callable[[], datetime]
    ) -> None:
        self.workspace = workspace
        self.zone = zone
        self._clock = clock
        self._capture = _Capture()
        workspace.plugins.register(self._capture, name=f"afterview-mcp-capture-{id(self)}")

    def now(self) -> datetime:
        return self._clock()

    def moment(self, text: str, field: str, *, due: bool = False) -> datetime:
        """A date as the command line reads it (see ``afterview --help``): ISO 8601; without an
        offset, wall-clock time in the job seeker's zone; a bare date is noon that day, or the
        end of it for a due date.

        :raises DataError: not a date, or out of range; the message names the field.
        """
        from afterview.cli.context import NOON, parse_moment
        from afterview.timezones import END_OF_DAY

        try:
            return parse_moment(text, self.zone, bare_date_at=END_OF_DAY if due else NOON)
        except DataError as exc:
            raise DataError(f"{field}: {exc}", path=f"$.{field}") from None

    def optional_moment(
        self, text: str | None, field: str, *, due: bool = False
    ) -> datetime | None:
        return None if text is None else self.moment(text, field, due=due)

    def shown(self, moment: datetime) -> datetime:
        """A stored time in the job seeker's zone, as the command line shows it."""
        return moment.astimezone(self.zone)

    @contextlib.contextmanager
    def recording(self) -> Iterator[list[Event]]:
        """Collect the events appended inside the block."""
        collected: list[Event] = []
        self._capture.events = collected
        try:
            yield collected
        finally:
            self._capture.events = None

    def close(self) -> None:
        self.workspace.plugins.unregister(f"afterview-mcp-capture-{id(self)}")
        self.workspace.close()


def explain(error: AfterviewError, state: State | None, tool_of: dict[str, str]) -> str:
    """The error as the command line words it, with the tool to call where the CLI names a
    command: a refused event by what it means, the records it names by their names."""
    from afterview import ConcurrencyError, CorruptRecordError, EventRejected, NotFoundError

    if isinstance(error, EventRejected):
        from afterview.lookup import describe
        from afterview.wording import event_words, name_records

        reason = error.reason
        if state is not None:
            reason = name_records(reason, lambda record_id: describe(state, record_id))
        message = f"not recorded ({event_words(error.event_type)}): {reason}"
        first = tool_of.get(error.needs) if error.needs else None
        if first is not None:
            message += f"; first record it with the {first} tool"
        kind = "not found" if isinstance(error, NotFoundError) else "refused"
        return f"{kind}: {message}"
    if isinstance(error, NotFoundError):
        return f"not found: {error}"
    if isinstance(error, DataError):
        return f"refused: {error}"
    if isinstance(error, ConcurrencyError):
        return f"conflict: {error}"
    if isinstance(error, CorruptRecordError):
        return f"store error: {error}; 'afterview export --salvage' saves every other record"
    return f"error: {error}"


def plain(value: Any) -> str:
    """An enum member's value, anything else as text."""
    return str(getattr(value, "value", value))
