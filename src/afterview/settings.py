"""The one place settings are defined and read: the playbook's thresholds, rule selection and
the job seeker's time zone.

Defaults are what a careful coach would advise; ``docs/playbook.md`` justifies each one. Every
threshold can be changed in the settings file (``[playbook]`` table of ``settings.toml`` in the
user's config directory) or by passing a :class:`Settings` to the workspace.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import tzinfo
from typing import Any, TypeVar

import attrs

from afterview.errors import SettingsError
from afterview.model import MAX_DAYS

__all__ = ["Settings", "threshold_names"]

_T = TypeVar("_T")


def _positive(_instance: Any, attribute: Any, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise SettingsError(
            f"setting {attribute.name} must be a positive whole number, got {value!r}"
        )
    # A duration stays within the bound events have, so that no date plus a threshold overflows.
    limit = {"days": MAX_DAYS, "hours": MAX_DAYS * 24}.get(attribute.name.rpartition("_")[2])
    if limit is not None and value > limit:
        unit = attribute.name.rpartition("_")[2]
        raise SettingsError(
            f"setting {attribute.name} must be at most {limit} {unit} (five years), got {value}"
        )


_CODE = re.compile(r"[A-Z]+[0-9]*")


def _codes(_instance: Any, attribute: Any, value: Any) -> None:
    for code in value:
        if not _CODE.fullmatch(code):
            raise SettingsError(f"setting {attribute.name}: {code!r} is not a rule code or prefix")


def _zone_name(_instance: Any, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise SettingsError(
            f"setting {attribute.name} must be an IANA time zone name such as Europe/Berlin, "
            f"got {value!r}"
        )
    from afterview.timezones import zone_named

    try:
        zone_named(value)
    except SettingsError as exc:
        raise SettingsError(f"setting {attribute.name}: {exc}") from None


def _addresses(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [p for p in value.replace(",", " ").split() if p]
    if not isinstance(value, list | tuple):
        raise SettingsError(
            f"setting own_emails: expected a list of email addresses, got {value!r}"
        )
    addresses = []
    for item in value:
        address = str(item).strip().lower().removeprefix("mailto:")
        local, at, domain = address.partition("@")
        if not (local and at and domain) or any(c.isspace() for c in address):
            raise SettingsError(f"setting own_emails: {item!r} is not an email address")
        addresses.append(address)
    return tuple(addresses)


def _tuple_of_str(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [p for p in value.replace(",", " ").split() if p]
    if not isinstance(value, list | tuple):
        raise SettingsError(f"expected a list of rule codes, got {value!r}")
    return tuple(str(v).strip().upper() for v in value)


@attrs.frozen(kw_only=True)
class Settings:
    """Thresholds the playbook's rules read, which rules run, and the zone whose days they count.

    All durations are whole hours or days, so a settings file stays readable.
    """

    #: Research the interviewer, the role and the organization at least this long before.
    research_lead_hours: int = attrs.field(default=48, validator=_positive)
    #: Look at research this far ahead: interviews further out get no advice yet.
    research_horizon_days: int = attrs.field(default=14, validator=_positive)
    #: Thank-you notes are due by the end of this many days after the interview (1 = next day).
    thank_you_days: int = attrs.field(default=1, validator=_positive)
    #: Ask the interviewer for a feedback call within this many days of a rejection.
    feedback_request_days: int = attrs.field(default=3, validator=_positive)
    #: Follow up once on a feedback request left unanswered this long.
    feedback_response_days: int = attrs.field(default=7, validator=_positive)
    #: Turn a feedback conversation into actions (and ask the three questions) within this time.
    feedback_action_days: int = attrs.field(default=2, validator=_positive)
    #: Act on a follow-up answer (apply, watch openings, plan a touchpoint) within this time.
    follow_up_action_days: int = attrs.field(default=7, validator=_positive)
    #: Default stay-in-touch cadence, in days (six weeks).
    stay_in_touch_days: int = attrs.field(default=42, validator=_positive)
    #: Reach a warm contact within this many days of a new opening at their organization.
    posting_contact_days: int = attrs.field(default=2, validator=_positive)
    #: Patterns across applications are only reported once this many applications show them.
    pattern_min_applications: int = attrs.field(default=3, validator=_positive)
    #: The job seeker's IANA time zone (``Europe/Berlin``): days end at midnight there. None (the
    #: default) means the system's zone, looked up each time it is needed.
    timezone: str | None = attrs.field(default=None, validator=_zone_name)
    #: The job seeker's own email addresses (any case): on an imported calendar invitation they
    #: are you, not an interviewer.
    own_emails: tuple[str, ...] = attrs.field(default=(), converter=_addresses)
    #: Rule codes or prefixes to run; empty (the default) runs every rule, plugins' included.
    select: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str, validator=_codes)
    #: Rule codes or prefixes never to run; wins over ``select``.
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str, validator=_codes)
    #: Plugins' own tables (``[plugins.NAME]``), as written; a plugin reads its own, typed, with
    #: :meth:`plugin`.
    plugins: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict, hash=False)

    def plugin(self, name: str, cls: type[_T]) -> _T:
        """Plugin ``name``'s settings (its ``[plugins.NAME]`` table) as its attrs class ``cls``;
        the class's defaults when the table is absent.

        :raises SettingsError: the table holds an unknown key or a bad value.
        """
        from afterview.plugin_settings import parse_plugin_settings

        return parse_plugin_settings(name, self.plugins.get(name, {}), cls)

    def zone(self) -> tzinfo:
        """The zone deadlines and dates are read in: :attr:`timezone`, else the system's."""
        from afterview.timezones import system_zone, zone_named

        return system_zone() if self.timezone is None else zone_named(self.timezone)

    def selects(self, code: str) -> bool:
        """Whether the rule ``code`` runs under ``select`` and ``ignore`` (longest prefix wins)."""
        if not self.select:
            selected = 0
        else:
            selected = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        ignored = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return selected >= 0 and selected > ignored

    def overridden(self, timezone: str | None, thresholds: tuple[tuple[str, int], ...]) -> Settings:
        """These settings with a workspace's own time zone (``None``: keep this one) and
        thresholds (a workspace's profile, :class:`afterview.model.Profile`).

        :raises SettingsError: a name that is no threshold, a bad value, or an unknown zone.
        """
        known = threshold_names()
        changes: dict[str, Any] = {}
        for name, value in thresholds:
            if name not in known:
                raise SettingsError(
                    f"{name!r} is not a threshold; thresholds: {', '.join(sorted(known))}"
                )
            changes[name] = value
        if timezone is not None:
            changes["timezone"] = timezone
        return attrs.evolve(self, **changes) if changes else self

    @classmethod
    def from_mapping(cls, data: object, *, source: str = "settings") -> Settings:
        """Build settings from a mapping (a TOML table); unknown names are an error."""
        if not isinstance(data, dict):
            raise SettingsError(
                f"{source}: expected a table of settings, got {type(data).__name__}"
            )
        known = {a.name for a in attrs.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise SettingsError(
                f"{source}: unknown setting(s) {', '.join(unknown)}; "
                f"known: {', '.join(sorted(known))}"
            )
        try:
            return cls(**data)
        except SettingsError as exc:
            raise SettingsError(f"{source}: {exc}") from None
        except TypeError as exc:
            raise SettingsError(f"{source}: {exc}") from None


def threshold_names() -> frozenset[str]:
    """The settings a workspace's profile may set as thresholds: the whole-number ones."""
    return frozenset(a.name for a in attrs.fields(Settings) if a.validator is _positive)
