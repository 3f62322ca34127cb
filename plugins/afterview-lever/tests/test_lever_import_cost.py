"""Registering the Lever plugin is cheap: httpx loads only when one of its URLs is opened."""

from __future__ import annotations

from typing import Any

import afterview_lever
import pytest
from afterview_lever import LeverPlugin

from afterview.testing.imports import modules_seen

HEAVY = ("httpx", "authlib", "keyring")


def fresh(code: str) -> dict[str, Any]:
    return modules_seen(code, watch=HEAVY)


def test_loading_the_entry_point_leaves_httpx_unimported() -> None:
    seen = fresh(
        """
        import afterview_lever.plugin
        seen("entry point")
        import afterview_lever
        seen("package")
        """
    )
    assert seen == {"entry point": [], "package": []}


def test_httpx_loads_when_a_lever_url_is_opened_and_not_before() -> None:
    seen = fresh(
        """
        from afterview import PluginManager, UnclaimedURLError
        from afterview_lever.plugin import plugin
        pm = PluginManager(load_entry_points=False)
        pm.register(plugin, name="lever")
        seen("registered")
        try:
            pm.open_job_board("greenhouse-board://acme")
        except UnclaimedURLError:
            seen("another plugin's URL refused")
        board = pm.open_job_board("lever-postings://acme")
        seen("board opened")
        SEEN["board"] = type(board).__name__
        board.close()
        importer = pm.open_importer("lever://key@acme?contact=c-77")
        SEEN["importer"] = type(importer).__name__
        importer.close()
        """
    )
    assert seen == {
        "registered": [],
        "another plugin's URL refused": [],
        "board opened": ["httpx"],
        "board": "LeverBoard",
        "importer": "LeverImporter",
    }


def test_every_public_name_is_still_importable_from_the_package() -> None:
    for name in afterview_lever.__all__:
        assert getattr(afterview_lever, name) is not None
    assert set(afterview_lever.__all__) <= set(dir(afterview_lever))
    assert afterview_lever.LeverImporter.__module__ == "afterview_lever.data_api"
    # The package's ``plugin`` is the registered instance, not the submodule of that name.
    assert isinstance(afterview_lever.plugin, LeverPlugin)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="'DataApi'"):
        afterview_lever.DataApi  # noqa: B018
