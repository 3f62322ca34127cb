"""Registering the MCP plugin is cheap: the SDK, pydantic and the web server behind it load only
when ``afterview mcp`` runs."""

from __future__ import annotations

import afterview_mcp

from afterview.testing.imports import modules_seen

HEAVY = ("mcp", "pydantic", "starlette", "uvicorn", "anyio", "click")


def test_loading_the_entry_point_and_the_package_imports_nothing_heavy() -> None:
    seen = modules_seen(
        """
        import afterview_mcp.plugin
        seen("entry point")
        import afterview_mcp
        seen("package")
        """,
        watch=HEAVY,
    )
    assert seen == {"entry point": [], "package": []}


def test_listing_the_command_loads_click_but_not_the_sdk() -> None:
    seen = modules_seen(
        """
        import afterview_mcp.plugin
        (command,) = afterview_mcp.plugin.afterview_cli_commands()
        SEEN["name"] = command.name
        SEEN["options"] = sorted(p.name for p in command.params)
        seen("listed")
        import afterview_mcp
        afterview_mcp.build_server
        seen("build_server used")
        """,
        watch=HEAVY,
    )
    assert seen == {
        "name": "mcp",
        "options": ["http", "port", "read_only"],
        "listed": ["click"],
        "build_server used": ["mcp", "pydantic", "starlette", "uvicorn", "anyio", "click"],
    }


def test_every_public_name_is_importable_from_the_package() -> None:
    for name in afterview_mcp.__all__:
        assert getattr(afterview_mcp, name) is not None
