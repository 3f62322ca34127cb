"""Registering the apprise plugin is cheap: apprise loads only when an ``apprise:`` URL is
opened."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any

import afterview_apprise
import pytest

HEAVY = ("apprise",)


def fresh(code: str) -> dict[str, Any]:
    """Run ``code`` in a new interpreter; ``seen(label)`` notes which heavy modules are loaded."""
    prelude = textwrap.dedent(
        f"""\
        import json, sys
        SEEN = {{}}
        def seen(label):
            SEEN[label] = [m for m in {HEAVY!r} if m in sys.modules]
        """
    )
    program = prelude + textwrap.dedent(code) + "\nprint(json.dumps(SEEN))\n"
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", program], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    seen: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return seen


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
