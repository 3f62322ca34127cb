"""A third party's plugin, as the tests install it: one adapter of every kind, and a rule.

It imports only afterview's public API (and the conformance kit's fake notifier), as a real
plugin would.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime

from afterview import (
    Advice,
    BoardPosting,
    ImportedRecord,
    ImportProblem,
    Rule,
    Settings,
    State,
    hookimpl,
    rule,
)
from afterview.events import OrganizationAdded
from afterview.testing import FakeNotifier

RECEIVED_AT = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


class FakeImporter:
    def __init__(self, url: str) -> None:
        self._url = url

    @property
    def url(self) -> str:
        return self._url

    def records(self) -> Iterator[ImportedRecord | ImportProblem]:
        yield ImportedRecord(
            external_ref="ats-1",
            events=(
                OrganizationAdded(
                    at=RECEIVED_AT, organization_id="org_ats_1", name="Imported Organization"
                ),
            ),
        )
        yield ImportProblem(external_ref="ats-2", reason="no stage")


class FakeJobBoard:
    def __init__(self, url: str) -> None:
        self._url = url

    @property
    def url(self) -> str:
        return self._url

    def postings(self) -> Sequence[BoardPosting]:
        return [BoardPosting(external_ref="p-1", title="Data Analyst")]


@rule("XT001", "say-hello")
def say_hello(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """A rule from a plugin: it greets every organization, to prove plugin rules reach the
    agenda."""
    for organization in state.organizations.values():
        yield say_hello.advise(message=f"Hello {organization.name}", due=now)


@hookimpl
def afterview_open_notifier(url: str) -> FakeNotifier | None:
    return FakeNotifier(url) if url.startswith("fake:") else None


@hookimpl
def afterview_open_importer(url: str) -> FakeImporter | None:
    return FakeImporter(url) if url.startswith("fake-ats://") else None


@hookimpl
def afterview_open_job_board(url: str) -> FakeJobBoard | None:
    return FakeJobBoard(url) if url.startswith("fake-board://") else None


@hookimpl
def afterview_rules() -> Sequence[Rule]:
    return [say_hello]


@hookimpl
def afterview_url_schemes() -> Mapping[str, Sequence[str]]:
    return {"notifier": ["fake:"], "importer": ["fake-ats://"], "job board": ["fake-board://"]}


@hookimpl
def afterview_cli_commands() -> Sequence[object]:
    import click

    from afterview.cli import invocation

    @click.command("greet")
    def greet() -> None:
        """Say which workspace and clock this command runs with."""
        state = invocation()
        click.echo(f"hello from {state.workspace().name} at {state.now().isoformat()}")

    @click.command("agenda")
    def not_the_agenda() -> None:
        """A name afterview already has: never used."""
        click.echo("not the agenda")

    return [greet, not_the_agenda]
