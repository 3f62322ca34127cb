"""Registering the calendar plugin is cheap: icalendar loads only when an ``ics://`` URL is
opened or a public name that needs it is first used."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import afterview_ics
import pytest

from afterview.testing.imports import modules_seen

HEAVY = ("icalendar",)


def fresh(code: str, *args: str) -> dict[str, Any]:
    return modules_seen(code, watch=HEAVY, args=args)


def test_loading_the_entry_point_leaves_icalendar_unimported() -> None:
    seen = fresh(
        """
        import afterview_ics.plugin
        seen("entry point")
        import afterview_ics
        seen("package")
        """
    )
    assert seen == {"entry point": [], "package": []}


def test_icalendar_loads_when_an_ics_url_is_opened_and_not_before(tmp_path: Path) -> None:
    seen = fresh(
        """
        from afterview import PluginManager, UnclaimedURLError
        import afterview_ics.plugin
        pm = PluginManager(load_entry_points=False)
        pm.register(afterview_ics.plugin, name="ics")
        seen("registered")
        try:
            pm.open_notifier("apprise:json://127.0.0.1:9/")
        except UnclaimedURLError:
            seen("another plugin's URL refused")
        notifier = pm.open_notifier("ics://" + sys.argv[1])
        seen("notifier opened")
        SEEN["notifier"] = type(notifier).__name__
        """,
        str(tmp_path / "reminders.ics"),
    )
    assert seen == {
        "registered": [],
        "another plugin's URL refused": [],
        "notifier opened": ["icalendar"],
        "notifier": "IcsNotifier",
    }


def test_a_public_name_loads_icalendar_when_first_used() -> None:
    seen = fresh(
        """
        import afterview_ics
        seen("package")
        afterview_ics.write_calendar
        seen("write_calendar used")
        """
    )
    assert seen == {"package": [], "write_calendar used": ["icalendar"]}


def test_every_public_name_is_still_importable_from_the_package() -> None:
    for name in afterview_ics.__all__:
        assert getattr(afterview_ics, name) is not None
    assert set(afterview_ics.__all__) <= set(dir(afterview_ics))
    assert afterview_ics.import_invitation.__module__ == "afterview_ics.invitation"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="'Calendar'"):
        afterview_ics.Calendar  # noqa: B018
