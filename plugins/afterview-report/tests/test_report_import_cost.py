"""Registering the report plugin is cheap: Jinja2 and pygal load when a report is written."""

from __future__ import annotations

import afterview_report

from afterview.testing.imports import modules_seen

HEAVY = ("jinja2", "pygal", "click")


def test_loading_the_entry_point_and_the_package_imports_nothing_heavy() -> None:
    seen = modules_seen(
        """
        import afterview_report.plugin
        seen("entry point")
        import afterview_report
        seen("package")
        """,
        watch=HEAVY,
    )
    assert seen == {"entry point": [], "package": []}


def test_listing_the_command_loads_click_but_not_the_report_libraries() -> None:
    seen = modules_seen(
        """
        import afterview_report.plugin
        (command,) = afterview_report.plugin.afterview_cli_commands()
        SEEN["name"] = command.name
        seen("listed")
        afterview_report.plugin  # noqa
        import afterview_report
        afterview_report.render_report
        seen("render_report used")
        """,
        watch=HEAVY,
    )
    assert seen == {
        "name": "report",
        "listed": ["click"],
        "render_report used": ["jinja2", "pygal", "click"],
    }


def test_every_public_name_is_importable_from_the_package() -> None:
    for name in afterview_report.__all__:
        assert getattr(afterview_report, name) is not None
