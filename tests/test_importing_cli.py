"""``afterview ats-import URL``: a candidate's history from an ATS, with a summary."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from afterview import Http, ImportedRecord, ImportProblem
from afterview.plugin_manager import get_plugin_manager
from cli_support import Cli, fails
from test_importing import Importers, ListImporter, history
from test_watch_cli import run

__all__ = ["run"]  # the fixture, shared with the watch command's tests

pytest_plugins = ["afterview.testing.http"]


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

    assert "2 imported, 0 updated, 0 skipped (already here), 0 failed; 5 event(s) added" in (
        first.stdout
    )
    assert "0 imported, 0 updated, 2 skipped (already here), 0 failed; 0 event(s) added" in (
        second.stdout
    )
    assert run.events() == 5


def test_records_that_could_not_be_imported_are_listed_with_the_reason(
    run: Cli, importers: Importers
) -> None:
    importers.by_url["t://a"] = ListImporter(
        "t://a", [*history(), ImportProblem(external_ref="77", reason="no job title")]
    )

    result = run("ats-import", "t://a")
    as_json = run("ats-import", "t://a", "--json")

    # A cron job sees it: records were left out, the others imported.
    assert [r.exit_code for r in (result, as_json)] == [7, 7]
    assert "1 failed" in result.stdout
    assert "no job title" in result.stdout
    assert run.events() == 5


def test_a_note_about_a_record_is_shown_but_does_not_fail_the_import(
    run: Cli, importers: Importers
) -> None:
    # A part left out of a record otherwise imported, or a record the ATS holds that is no
    # application (a prospect): the job seeker should see it, a cron job must not fail on it.
    note = ImportProblem(external_ref="78", reason="a prospect, not an application", lost=False)
    importers.by_url["t://a"] = ListImporter("t://a", [*history(), note])

    result = run.ok("ats-import", "t://a")

    assert "0 failed; 5 event(s) added; 1 note(s)" in result.stdout
    assert "Notes (nothing lost)" in result.stdout
    assert "a prospect, not an application" in result.stdout


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


class HttpImporter:
    """An importer that reads its records from an ATS over HTTP, as the real plugins do."""

    def __init__(self, url: str, api: str) -> None:
        self._url = url
        self.api = api

    @property
    def url(self) -> str:
        return self._url

    def records(self) -> Iterator[ImportedRecord | ImportProblem]:
        with Http(sleep=lambda _s: None) as http:
            http.get_json(self.api, auth=("lever-key-1234", ""))
        yield from ()


def test_a_refusal_shows_what_the_ats_said_without_the_key(
    run: Cli, importers: Importers, ats_server: HTTPServer
) -> None:
    ats_server.expect_request("/v1/opportunities").respond_with_json(
        {"code": "UnauthorizedError", "message": "API key lever-key-1234 is not valid"},
        status=401,
    )
    importers.by_url["t://a"] = HttpImporter("t://a", ats_server.url_for("/v1/opportunities"))

    result = run("ats-import", "t://a")

    line = fails(result, 6)
    assert line.endswith("/v1/opportunities: HTTP 401: API key *** is not valid")
    assert "lever-key-1234" not in result.output
