"""``afterview ats-import URL``: a candidate's history from an ATS, with a summary."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from afterview import ImportProblem
from afterview.plugin_manager import get_plugin_manager
from cli_support import Cli, fails
from test_importing import Importers, ListImporter, history
from test_watch_cli import run

__all__ = ["run"]  # the fixture, shared with the watch command's tests


@pytest.fixture
def importers() -> Iterator[Importers]:
    plugin = Importers()
    pm = get_plugin_manager()
    pm.register(plugin, name="test-cli-importers")
    yield plugin
    pm.unregister("test-cli-importers")


def test_importing_shows_a_summary_and_a_second_run_adds_nothing(
    run: Cli, importers: Importers
) -> None:
    importers.by_url["t://a"] = ListImporter("t://a", history())

    first = run.ok("ats-import", "t://a")
    second = run.ok("ats-import", "t://a")

    assert "2 imported, 0 skipped (already here), 0 failed; 5 event(s) added" in first.stdout
    assert "0 imported, 2 skipped (already here), 0 failed; 0 event(s) added" in second.stdout
    assert run.events() == 5


def test_records_that_could_not_be_imported_are_listed_with_the_reason(
    run: Cli, importers: Importers
) -> None:
    importers.by_url["t://a"] = ListImporter(
        "t://a", [*history(), ImportProblem(external_ref="77", reason="no job title")]
    )

    result = run.ok("ats-import", "t://a")

    assert "1 failed" in result.stdout
    assert "no job title" in result.stdout


def test_an_import_that_stops_early_keeps_what_came_before_and_fails(
    run: Cli, importers: Importers
) -> None:
    importers.by_url["t://a"] = ListImporter("t://a", history(), fail_after="server gone")

    result = run("ats-import", "t://a")

    line = fails(result, 6)
    assert "the import stopped early: server gone" in line
    assert "2 imported" in result.stdout
    assert run.events() == 5


def test_an_unclaimed_url_is_an_error_and_stores_nothing(run: Cli, importers: Importers) -> None:
    result = run("ats-import", "nobody://x")

    assert "no installed plugin opens the importer URL" in fails(result, 6)
    assert run.events() == 0


def test_the_json_summary_has_the_counts(run: Cli, importers: Importers) -> None:
    importers.by_url["t://a"] = ListImporter("t://a", history())

    report = run.json("ats-import", "t://a")

    assert (report["imported"], report["skipped"], report["failed"]) == (2, 0, 0)
