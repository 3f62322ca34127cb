"""Registering the apprise plugin is cheap: apprise loads only when an ``apprise:`` URL is
opened."""

from __future__ import annotations

from typing import Any

import afterview_apprise
import pytest

from afterview.testing.imports import modules_seen

HEAVY = ("apprise",)


def fresh(code: str) -> dict[str, Any]:
    return modules_seen(code, watch=HEAVY)


def test_loading_the_entry_point_leaves_apprise_unimported() -> None:
    seen = fresh(
        """
        import afterview_apprise.plugin
        seen("entry point")
        import afterview_apprise
        seen("package")
        """
    )
    assert seen == {"entry point": [], "package": []}


def test_apprise_loads_when_an_apprise_url_is_opened_and_not_before() -> None:
    seen = fresh(
        """
        from afterview import PluginManager, UnclaimedURLError
        import afterview_apprise.plugin
        pm = PluginManager(load_entry_points=False)
        pm.register(afterview_apprise.plugin, name="apprise")
        seen("registered")
        try:
            pm.open_notifier("ics:///tmp/reminders.ics")
        except UnclaimedURLError:
            seen("another plugin's URL refused")
        notifier = pm.open_notifier("apprise:json://127.0.0.1:9/")
        seen("notifier opened")
        SEEN["notifier"] = type(notifier).__name__
        """
    )
    assert seen == {
        "registered": [],
        "another plugin's URL refused": [],
        "notifier opened": ["apprise"],
        "notifier": "AppriseNotifier",
    }


def test_every_public_name_is_still_importable_from_the_package() -> None:
    for name in afterview_apprise.__all__:
        assert getattr(afterview_apprise, name) is not None
    assert afterview_apprise.SCHEME == "apprise:"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="Notifier"):
        afterview_apprise.Notifier  # noqa: B018
