"""Registering the Greenhouse plugin is cheap: httpx loads only when one of its URLs is opened,
authlib only when a Harvest importer is, and keyring never unless a URL names a secret in it."""

from __future__ import annotations

from typing import Any

import afterview_greenhouse
import pytest
from afterview_greenhouse import GreenhousePlugin

from afterview.testing.imports import modules_seen

HEAVY = ("httpx", "authlib", "keyring")


def fresh(code: str) -> dict[str, Any]:
    return modules_seen(code, watch=HEAVY)


def test_loading_the_entry_point_leaves_httpx_unimported() -> None:
    seen = fresh(
        """
        import afterview_greenhouse.plugin
        seen("entry point")
        import afterview_greenhouse
        seen("package")
        """
    )
    assert seen == {"entry point": [], "package": []}


def test_httpx_loads_when_a_greenhouse_url_is_opened_and_not_before() -> None:
    seen = fresh(
        """
        from afterview import PluginManager, UnclaimedURLError
        from afterview_greenhouse.plugin import plugin
        pm = PluginManager(load_entry_points=False)
        pm.register(plugin, name="greenhouse")
        seen("registered")
        try:
            pm.open_job_board("lever-postings://acme")
        except UnclaimedURLError:
            seen("another plugin's URL refused")
        board = pm.open_job_board("greenhouse-board://acme")
        seen("board opened")
        SEEN["board"] = type(board).__name__
        board.close()
        importer = pm.open_importer("greenhouse://id:secret@acme?candidate=7")
        seen("importer opened")
        SEEN["importer"] = type(importer).__name__
        importer.close()
        """
    )
    assert seen == {
        "registered": [],
        "another plugin's URL refused": [],
        "board opened": ["httpx"],
        "board": "GreenhouseBoard",
        "importer opened": ["httpx", "authlib"],
        "importer": "HarvestImporter",
    }


def test_every_public_name_is_still_importable_from_the_package() -> None:
    for name in afterview_greenhouse.__all__:
        assert getattr(afterview_greenhouse, name) is not None
    assert set(afterview_greenhouse.__all__) <= set(dir(afterview_greenhouse))
    assert afterview_greenhouse.HarvestImporter.__module__ == "afterview_greenhouse.harvest"
    # The package's ``plugin`` is the registered instance, not the submodule of that name.
    assert isinstance(afterview_greenhouse.plugin, GreenhousePlugin)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="'Harvest'"):
        afterview_greenhouse.Harvest  # noqa: B018
