"""What every command shares: the global options, the workspace, dates and references.

Dates on the command line are ISO 8601. A value with a UTC offset is taken as is; a date-time
without one (``2026-05-04T10:30``) is wall-clock time in the job seeker's time zone (``--timezone``,
else ``timezone`` in the settings file, else the system's). A bare date (``2026-05-04``) is that
local day: noon for when something happens or happened, and 23:59:59 for a due date, so that
"due on the 4th" still holds all of the 4th. Noon, because no daylight-saving change ever skips
or repeats it and it stays inside the day whatever the zone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from datetime import MAXYEAR, MINYEAR, UTC, date, datetime, time, tzinfo
from typing import TYPE_CHECKING, Any

import click

from afterview.errors import CorruptRecordError, DataError, NotFoundError, SettingsError

# The model, the settings and the workspace load when a command uses them, so that --help,
# --version and a usage error start as fast as click itself (docs/performance.md); so do attrs,
# logging and the time zones (zoneinfo, pathlib), which only a running command needs.
if TYPE_CHECKING:
    from afterview.config import Config
    from afterview.model import Interview
    from afterview.settings import Settings
    from afterview.workspace import Workspace

__all__ = [
    "DATE",
    "DUE",
    "NOON",
    "NOW",
    "TIMEZONE",
    "CliState",
    "check_after_interview",
    "check_not_future",
    "choice_of",
    "complete_applications",
    "complete_organizations",
    "complete_people",
    "latest_option",
    "parse_moment",
    "reported_here",
    "resolve_interview",
    "resolve_request",
    "state_of",
]


#: The local time a bare date stands for when it says when something happens or happened.
NOON = time(12)


class OutOfRange(DataError):
    """A well-formed date outside the years afterview accepts: refused like any bad value."""


def parse_moment(text: str, zone: tzinfo | None, *, bare_date_at: time = NOON) -> datetime:
    """Read an ISO 8601 date or date-time; naive values are wall-clock time in ``zone`` (None:
    the system's zone), and a bare date is ``bare_date_at`` on that local day.

    :raises DataError: not an ISO 8601 date or date-time.
    """
    from afterview.timezones import fixed_offset, system_zone

    text = text.strip()
    local = system_zone() if zone is None else zone
    value: date | datetime
    try:
        value = date.fromisoformat(text)
    except ValueError:
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise DataError(
                f"{text!r} is not an ISO 8601 date or date-time, e.g. 2026-05-04 or "
                "2026-05-04T10:30+02:00"
            ) from None
    if value.year in (MINYEAR, MAXYEAR):
        from afterview.model import EARLIEST, LATEST

        # Placing it in a zone would overflow; other dates out of range are refused, with the
        # field's name, when the event is built. Either way a refusal (exit 4), not a usage error.
        raise OutOfRange(
            f"{text!r} is out of range: afterview accepts dates from {EARLIEST.year} to "
            f"{LATEST.year - 1}"
        )
    if not isinstance(value, datetime):
        return fixed_offset(datetime.combine(value, bare_date_at, tzinfo=local))
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value
    # A wall-clock time a daylight-saving change skips or repeats takes the earlier offset.
    return fixed_offset(value.replace(tzinfo=local))


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


class CliState:
    """The global options of one invocation, and the workspace they open (lazily).

    A plain class, not an attrs one: ``--help`` and ``--version`` make one, and importing attrs
    would cost them a third of their time."""

    __slots__ = ("_config", "_workspace", "_zone", "debug", "fixed_now", "store_url", "timezone",
                 "workspace_name")  # fmt: skip

    def __init__(
        self,
        store_url: str | None = None,
        workspace_name: str | None = None,
        fixed_now: datetime | None = None,
        timezone: str | None = None,
        debug: bool = False,
        _workspace: Workspace | None = None,
        _config: Config | None = None,
        _zone: tzinfo | None = None,
    ) -> None:
        self.store_url = store_url
        self.workspace_name = workspace_name
        self.fixed_now = fixed_now
        #: ``--timezone``: wins over the settings file's ``timezone`` for this invocation.
        self.timezone = timezone
        self.debug = debug
        self._workspace = _workspace
        self._config = _config
        self._zone = _zone

    def __repr__(self) -> str:
        # Never the store URL: it may hold a password.
        return (
            f"<CliState workspace={self.workspace_name!r} now={self.fixed_now!r} "
            f"timezone={self.timezone!r} opened={self._workspace is not None}>"
        )

    @property
    def config(self) -> Config:
        """The settings file and environment, read on first use."""
        if self._config is None:
            from afterview.config import load_config

            self._config = load_config(store_url=self.store_url)
        return self._config

    @property
    def settings(self) -> Settings:
        """The settings file's settings, with ``--timezone`` applied."""
        settings = self.config.settings
        if self.timezone is not None:
            import attrs

            settings = attrs.evolve(settings, timezone=self.timezone)
        return settings

    @property
    def zone(self) -> tzinfo:
        """The job seeker's time zone: for naive dates, for display, and for every deadline."""
        if self._zone is None:
            if self.timezone is not None:
                self._zone = self.settings.zone()
            else:
                # The workspace's profile may name the job seeker's zone: read it first.
                ws = self.workspace()
                try:
                    ws.refresh()
                except CorruptRecordError:
                    # The command reports the log it cannot read (or salvages it); its dates
                    # meanwhile are in the settings file's zone.
                    self._zone = self.settings.zone()
                else:
                    self._zone = ws.settings.zone()
        return self._zone

    def instant(self) -> datetime:
        """``--now``, else the real clock, as given: for a command over many workspaces, which
        has no one job seeker's zone to show it in (and must not open a workspace for one)."""
        return self.fixed_now if self.fixed_now is not None else datetime.now(UTC)

    def now(self) -> datetime:
        """``--now``, else the real clock; in the job seeker's zone (the instant is unchanged)."""
        from afterview.timezones import fixed_offset

        return fixed_offset(self.instant().astimezone(self.zone))

    def workspace(self, default_name: str | None = None) -> Workspace:
        """Open the workspace on first use, with the settings file's settings under its profile
        (and ``--timezone`` over both)."""
        if self._workspace is None:
            from afterview.workspace import Workspace

            self._workspace = Workspace.open(
                self.store_url or self.config.store_url,
                name=self.workspace_name or default_name,
                settings=self.config.settings,
                clock=self.now,
                timezone=self.timezone,
            )
        return self._workspace

    def opened(self) -> Workspace | None:
        """The workspace if a command opened it, without opening it."""
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
    """An ISO 8601 date or date-time; see the module docstring for naive values and bare dates."""

    name = "DATE"

    def __init__(self, bare_date_at: time = NOON) -> None:
        self.bare_date_at = bare_date_at

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime:
        if isinstance(value, datetime):
            return value
        zone = state_of(ctx).zone if ctx is not None else None
        try:
            return parse_moment(str(value), zone, bare_date_at=self.bare_date_at)
        except OutOfRange:
            raise
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


if TYPE_CHECKING:
    _TextType = click.ParamType[str, Any]
else:  # click before 8.3 has no generic ParamType
    _TextType = click.ParamType


class TimezoneParam(_TextType):
    """``--timezone``: an IANA time zone name, checked before any command runs."""

    name = "ZONE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from afterview.timezones import zone_named

        try:
            zone_named(str(value))
        except SettingsError as exc:
            self.fail(str(exc), param, ctx)
        return str(value)


if TYPE_CHECKING:
    _ChoiceType = click.Choice[str]
else:  # click before 8.2 has no generic Choice
    _ChoiceType = click.Choice


class SpelledChoice(_ChoiceType):
    """A choice in the spelling people type: any case, ``-`` or a space for ``_``, and
    ``behavior`` for ``behaviour`` (:func:`afterview.lookup.spelling_key`)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if isinstance(value, str):
            from afterview.lookup import spelling_key  # at conversion, not at start-up

            key = spelling_key(value)
            for choice in self.choices:
                if spelling_key(str(choice)) == key:
                    return str(choice)
        return str(super().convert(value, param, ctx))


def choice_of(values: Iterable[object]) -> SpelledChoice:
    """A :class:`SpelledChoice` of ``values`` (enum members or strings), shown as stored."""
    return SpelledChoice([str(getattr(v, "value", v)) for v in values], case_sensitive=False)


#: When something happens or happened: a bare date is noon that local day.
DATE = DateParam()
#: A due date: a bare date is the end of that local day (23:59:59).
DUE = DateParam(bare_date_at=time(23, 59, 59))  # afterview.timezones.END_OF_DAY
NOW = NowParam()
TIMEZONE = TimezoneParam()

latest_option = click.option(
    "--latest",
    is_flag=True,
    help="REF names an application: use its most recent one (the default when REF is not an id).",
)


def resolve_interview(ws: Workspace, ref: str, latest: bool) -> str:
    """An interview id, or an application (by name or id) meaning its last non-cancelled
    interview; ``latest`` forces the second reading."""
    from afterview.model import InterviewStatus

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


def check_not_future(at: datetime | None, what: str) -> None:
    """A thing that has happened cannot be dated after now (``--now`` or the clock)."""
    if at is not None and at > state_of().now():
        raise DataError(
            f"{what} at {at.isoformat(timespec='minutes')} is in the future; record it once it "
            "has happened"
        )


def check_after_interview(ws: Workspace, interview_id: str, at: datetime | None) -> None:
    """A thank-you note dated before its interview is a mistyped date. Checked by the command
    line, not the fold, so that a log written before the check still reads."""
    interview = ws.state.interviews.get(interview_id)
    when = state_of().now() if at is None else at
    if interview is not None and when < interview.scheduled_for:
        start = interview.scheduled_for.astimezone(state_of().zone)
        raise DataError(
            f"a thank-you note dated {when.isoformat(timespec='minutes')} would be before the "
            f"interview ({start.isoformat(timespec='minutes')}); give --at a time after it"
        )


@contextlib.contextmanager
def reported_here(logger: str) -> Iterator[None]:
    """Hold back a library logger's warnings while a command reports the same thing itself, so
    an error stays one line on stderr (``--debug`` shows them all)."""

    import logging

    log = logging.getLogger(logger)
    if state_of().debug:
        yield
        return
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


# --- shell completion ----------------------------------------------------------------------------


def _complete(
    ctx: click.Context, incomplete: str, names: Callable[[Workspace], list[str]]
) -> list[str]:
    """Names from the workspace the command line points at, for the shell to offer. Completion
    must never print an error into the shell: any failure offers nothing."""
    root = ctx.find_root()
    state = root.ensure_object(CliState)
    state.store_url = state.store_url or root.params.get("store_url")
    state.workspace_name = state.workspace_name or root.params.get("workspace_name")
    try:
        offered = names(state.workspace())
    except Exception:
        return []
    finally:
        state.close()
    wanted = incomplete.casefold()
    return sorted(n for n in set(offered) if n.casefold().startswith(wanted))


def complete_organizations(
    ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[str]:
    return _complete(ctx, incomplete, lambda ws: [o.name for o in ws.state.organizations.values()])


def complete_people(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    return _complete(
        ctx, incomplete, lambda ws: [p.name for p in ws.state.people.values() if not p.forgotten]
    )


def complete_applications(
    ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[str]:
    def names(ws: Workspace) -> list[str]:
        state = ws.state
        organizations = [
            state.organizations[a.organization_id].name for a in state.applications.values()
        ]
        # An organization applied to twice needs "Organization/Role title" to be one application.
        twice = {n for n in organizations if organizations.count(n) > 1}
        return [
            f"{org}/{a.role_title}" if org in twice else org
            for org, a in zip(organizations, state.applications.values(), strict=True)
        ]

    return _complete(ctx, incomplete, names)
