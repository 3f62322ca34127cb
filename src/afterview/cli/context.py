"""What every command shares: the global options, the workspace, dates and references.

Dates on the command line are ISO 8601. A value with a UTC offset is taken as is; a bare date
(``2026-05-04``, midnight) or a date-time without an offset (``2026-05-04T10:30``) is read in the
time zone of ``--now`` when one is given, else in the system's local time zone.
"""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR, UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any

import attrs
import click

from afterview.config import load_config
from afterview.errors import DataError, NotFoundError
from afterview.model import EARLIEST, LATEST, Interview, InterviewStatus
from afterview.workspace import Workspace

__all__ = [
    "DATE",
    "NOW",
    "CliState",
    "latest_option",
    "parse_moment",
    "resolve_interview",
    "resolve_request",
    "state_of",
]


def parse_moment(text: str, zone: tzinfo | None) -> datetime:
    """Read an ISO 8601 date or date-time; naive values are placed in ``zone`` (None: local).

    :raises DataError: not an ISO 8601 date or date-time.
    """
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise DataError(
            f"{text!r} is not an ISO 8601 date or date-time, e.g. 2026-05-04 or "
            "2026-05-04T10:30+02:00"
        ) from None
    if value.year in (MINYEAR, MAXYEAR):
        # Placing it in a zone would overflow; other dates out of range are refused, with the
        # field's name, when the event is built.
        raise DataError(
            f"{text!r} is out of range: afterview accepts dates from {EARLIEST.year} to "
            f"{LATEST.year - 1}"
        )
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value
    # astimezone() on a naive value reads it as system local time, with that date's DST rules.
    return value.replace(tzinfo=zone) if zone is not None else value.astimezone()


def parse_now(text: str) -> datetime:
    """``--now`` must say its offset: a fixed clock that depended on the machine would not be."""
    value = parse_moment(text, UTC)
    try:
        naive = datetime.fromisoformat(text.strip()).tzinfo is None
    except ValueError:  # pragma: no cover - parse_moment already refused it
        naive = True
    if naive:
        raise DataError(
            f"--now {text!r} has no UTC offset; write it like 2026-05-04T09:00+02:00 or "
            "2026-05-04T07:00Z"
        )
    return value


@attrs.define
class CliState:
    """The global options of one invocation, and the workspace they open (lazily)."""

    store_url: str | None = None
    workspace_name: str | None = None
    fixed_now: datetime | None = None
    debug: bool = False
    _workspace: Workspace | None = attrs.field(default=None, alias="_workspace")

    @property
    def zone(self) -> tzinfo | None:
        """The time zone for naive dates and for display: ``--now``'s, else the system's."""
        return None if self.fixed_now is None else self.fixed_now.tzinfo

    def now(self) -> datetime:
        if self.fixed_now is not None:
            return self.fixed_now
        return datetime.now(UTC).astimezone()

    def workspace(self, default_name: str = "default") -> Workspace:
        """Open the workspace on first use; settings always come from the settings file."""
        if self._workspace is None:
            config = load_config()
            self._workspace = Workspace.open(
                self.store_url or config.store_url,
                name=self.workspace_name or default_name,
                settings=config.settings,
                clock=self.now,
            )
        return self._workspace

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None


if TYPE_CHECKING:
    _DateType = click.ParamType[datetime, Any]
else:  # click before 8.3 has no generic ParamType
    _DateType = click.ParamType


def state_of(ctx: click.Context | None = None) -> CliState:
    ctx = ctx or click.get_current_context()
    return ctx.ensure_object(CliState)


class DateParam(_DateType):
    """An ISO 8601 date or date-time; see the module docstring for naive values."""

    name = "DATE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime:
        if isinstance(value, datetime):
            return value
        zone = state_of(ctx).zone if ctx is not None else None
        try:
            return parse_moment(str(value), zone)
        except DataError as exc:
            self.fail(str(exc), param, ctx)


class NowParam(_DateType):
    """``--now``: a date-time with its UTC offset."""

    name = "ISO-8601"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            return parse_now(str(value))
        except DataError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateParam()
NOW = NowParam()

latest_option = click.option(
    "--latest",
    is_flag=True,
    help="REF names an application: use its most recent one (the default when REF is not an id).",
)


def resolve_interview(ws: Workspace, ref: str, latest: bool) -> str:
    """An interview id, or an application (by name or id) meaning its last non-cancelled
    interview; ``latest`` forces the second reading."""
    state = ws.state
    if not latest and ref in state.interviews:
        return ref
    if not latest and ref.startswith("int_"):
        raise NotFoundError(f"no interview {ref!r}; 'afterview status' lists them")
    interviews = state.interviews_of(ws.application_id(ref))
    live = [i for i in interviews if i.status is not InterviewStatus.CANCELLED] or interviews
    if not live:
        raise NotFoundError(f"application {ref!r} has no interview yet")
    return _last(live).id


def _last(interviews: list[Interview]) -> Interview:
    # max() keeps the first of equals; reversed so the most recently recorded wins a tie.
    return max(reversed(interviews), key=lambda i: i.scheduled_for)


def resolve_request(ws: Workspace, ref: str, latest: bool) -> str:
    """A feedback request id, or an application (by name or id) meaning its most recent
    request; ``latest`` forces the second reading."""
    state = ws.state
    if not latest and ref in state.feedback_requests:
        return ref
    if not latest and ref.startswith("fbr_"):
        raise NotFoundError(f"no feedback request {ref!r}; 'afterview status' lists them")
    requests = state.requests_of(ws.application_id(ref))
    if not requests:
        raise NotFoundError(f"application {ref!r} has no feedback request yet")
    return requests[-1].id
