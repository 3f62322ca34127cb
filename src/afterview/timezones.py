"""The job seeker's time zone: named zones, the system's zone, and the end of a local day.

"By the end of the next day" means the job seeker's next day, not the next day in UTC, and a day
is not always 24 hours long: a daylight-saving change makes it 23 or 25. So deadlines are
computed on the local calendar of an IANA zone (``Europe/Berlin``), never by adding hours.

The system's zone is found without a dependency, in this order: the ``TZ`` environment variable
(an IANA name, optionally after a ``:``, or the path of a zone file), the ``/etc/localtime``
symbolic link, ``/etc/timezone``, the ``/etc/localtime`` file itself; and UTC when none of them
names a zone (Windows, some minimal containers). The ``timezone`` setting overrides all of them.
"""

from __future__ import annotations

import functools
import os
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from afterview.errors import SettingsError

__all__ = ["END_OF_DAY", "end_of_local_day", "fixed_offset", "system_zone", "zone_named"]

#: The last second of a day: what "by the end of the day" means.
END_OF_DAY = time(23, 59, 59)

_LOCALTIME = Path("/etc/localtime")
_TIMEZONE_FILE = Path("/etc/timezone")


def _load(name: str) -> ZoneInfo | None:
    """The zone with this IANA name, or None when there is none by that name."""
    if not name or name.startswith("/") or ".." in name.split("/"):
        return None
    try:
        return ZoneInfo(name)
    # A missing name, a malformed one, and a directory of zones ("Europe") fail differently.
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone_named(name: str) -> ZoneInfo:
    """The IANA time zone ``name`` (``Europe/Berlin``, ``America/New_York``, ``UTC``).

    :raises SettingsError: no zone has that name; the message suggests close names.
    """
    zone = _load(name)
    if zone is not None:
        return zone
    from difflib import get_close_matches  # only on the error path
    from zoneinfo import available_timezones

    known = sorted(available_timezones())
    wanted = name.strip().casefold().replace(" ", "_")
    same_but_case = [k for k in known if k.casefold() == wanted]
    same_city = [k for k in known if k.rsplit("/", 1)[-1].casefold() == wanted]
    close = same_but_case or same_city or get_close_matches(name, known, n=3, cutoff=0.8)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    raise SettingsError(
        f"unknown time zone {name!r}{hint}; use an IANA name such as Europe/Berlin, "
        "America/New_York or UTC"
    )


def _key_of_path(path: Path) -> str | None:
    """``Europe/Berlin`` for ``/usr/share/zoneinfo/Europe/Berlin``: what follows ``zoneinfo``."""
    parts = path.parts
    for index in range(len(parts) - 1, -1, -1):
        if parts[index].startswith("zoneinfo"):
            key = "/".join(parts[index + 1 :])
            return key.removeprefix("posix/").removeprefix("right/") or None
    return None


def _from_tz_variable(value: str) -> tzinfo | None:
    name = value.removeprefix(":")
    if name.startswith("/"):
        key = _key_of_path(Path(name))
        zone = _load(key) if key else None
        if zone is not None:
            return zone
        try:
            with open(name, "rb") as file:
                return ZoneInfo.from_file(file, key=name)
        except (OSError, ValueError):
            return None
    return _load(name)


def system_zone() -> tzinfo:
    """The machine's time zone; UTC when it cannot be found.

    ``TZ`` and the ``/etc/localtime`` link are read on every call, so a change to either is
    seen at once; a ``TZ`` value that names no zone (a POSIX rule such as ``CET-1CEST``) is
    passed over.
    """
    try:
        link: str | None = os.readlink(_LOCALTIME)
    except OSError:  # no such link: not Linux or macOS, or a copied file
        link = None
    return _system_zone(os.environ.get("TZ") or None, link)


@functools.lru_cache(maxsize=16)
def _system_zone(variable: str | None, link: str | None) -> tzinfo:
    # Cached on what was read: every rule asks for the zone, and parsing paths is not free.
    if variable is not None:
        zone = _from_tz_variable(variable)
        if zone is not None:
            return zone
    if link is not None:
        key = _key_of_path(Path(link))
        zone = _load(key) if key else None
        if zone is not None:
            return zone
    try:
        zone = _load(_TIMEZONE_FILE.read_text(encoding="utf-8").strip())
    except (OSError, UnicodeDecodeError):
        zone = None
    if zone is not None:
        return zone
    try:
        with _LOCALTIME.open("rb") as file:
            return ZoneInfo.from_file(file, key="localtime")
    except (OSError, ValueError):
        return UTC


def fixed_offset(moment: datetime) -> datetime:
    """The same instant and wall-clock time, with the UTC offset in force then as its zone.

    Times leave this module like this, as stored times come back from a store: Python compares
    and subtracts two datetimes of one ``ZoneInfo`` by their wall clocks, which is wrong across
    a daylight-saving change; with fixed offsets it is always the instants.
    """
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError(f"{moment.isoformat()} is naive: it has no UTC offset")
    return moment.replace(tzinfo=timezone(offset), fold=0)


def end_of_local_day(moment: datetime, days_after: int, zone: tzinfo) -> datetime:
    """The last second of the local day ``days_after`` days after ``moment``'s day in ``zone``.

    Calendar days, not 24-hour steps: across a daylight-saving change "the next day" still ends
    at 23:59:59 on the wall clock. The deadline is aware, with ``zone``'s offset at that second
    (:func:`fixed_offset`). It is found as one second before the next local day begins, because
    a few zones skip the last hour of a day instead (Greenland springs forward at 23:00, so that
    Saturday's last second reads 22:59:59).
    """
    local_day = moment.astimezone(zone).date() + timedelta(days=days_after)
    # Midnight's offset, even inside a skipped hour, gives the instant the next day begins.
    next_day_starts = datetime.combine(local_day + timedelta(days=1), time(0), tzinfo=zone)
    return fixed_offset((next_day_starts.astimezone(UTC) - timedelta(seconds=1)).astimezone(zone))
