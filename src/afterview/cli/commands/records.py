"""``list`` (every kind of record, with its id), ``correct-date`` and ``remove``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, tzinfo
from typing import Any

import attrs
import click

from afterview.cli.context import DATE, state_of
from afterview.cli.render import console, echo_json, json_option, moment, recorded, table
from afterview.fold import State

__all__ = ["COMMANDS", "KINDS", "print_listing"]


@attrs.frozen
class Listing:
    """How one kind of record is listed: a table's title and columns, and its rows."""

    title: str
    columns: tuple[str, ...]
    records: Callable[[State], Sequence[Any]]
    row: Callable[[State, Any, tzinfo], tuple[object, ...]]


def _org(state: State, organization_id: str | None) -> str:
    found = state.organizations.get(organization_id or "")
    return found.name if found is not None else ""


def _person(state: State, person_id: str | None) -> str:
    found = state.people.get(person_id or "")
    if found is None:
        return ""
    return "(forgotten)" if found.forgotten else found.name or f"({found.role})"


def _app(state: State, application_id: str | None) -> str:
    found = state.applications.get(application_id or "")
    if found is None:
        return ""
    return f"{_org(state, found.organization_id)} — {found.role_title}"


def _when(value: datetime | None, zone: tzinfo) -> str:
    return "" if value is None else moment(value, zone)


def _by(key: Callable[[Any], Any], table_of: Callable[[State], dict[Any, Any]]) -> Any:
    return lambda state: sorted(table_of(state).values(), key=key)


#: Every kind of record ``afterview list KIND`` shows, in the order ``afterview list`` does.
KINDS: dict[str, Listing] = {
    "organizations": Listing(
        "Organizations",
        ("id", "name", "job board"),
        _by(lambda o: (o.name.casefold(), o.id), lambda s: s.organizations),
        lambda s, o, z: (o.id, o.name, o.board_url or ""),
    ),
    "people": Listing(
        "People",
        ("id", "name", "role", "organization"),
        _by(lambda p: (p.name.casefold(), p.id), lambda s: s.people),
        lambda s, p, z: (p.id, _person(s, p.id), p.role, _org(s, p.organization_id)),
    ),
    "applications": Listing(
        "Applications",
        ("id", "organization", "role", "applied", "decision"),
        _by(lambda a: (a.applied_at, a.id), lambda s: s.applications),
        lambda s, a, z: (
            a.id,
            _org(s, a.organization_id),
            a.role_title,
            _when(a.applied_at, z),
            s.decisions[a.id].kind if a.id in s.decisions else "open",
        ),
    ),
    "interviews": Listing(
        "Interviews",
        ("id", "application", "when", "status"),
        _by(lambda i: (i.scheduled_for, i.id), lambda s: s.interviews),
        lambda s, i, z: (i.id, _app(s, i.application_id), _when(i.scheduled_for, z), i.status),
    ),
    "research": Listing(
        "Research notes",
        ("id", "application", "subject", "when"),
        _by(lambda n: (n.at, n.id), lambda s: s.research),
        lambda s, n, z: (n.id, _app(s, n.application_id), n.subject, _when(n.at, z)),
    ),
    "thank-yous": Listing(
        "Thank-you notes",
        ("id", "to", "interview", "medium", "written", "delivered"),
        _by(lambda n: (n.written_at, n.id), lambda s: s.thank_yous),
        lambda s, n, z: (
            n.id,
            _person(s, n.person_id),
            n.interview_id,
            n.medium,
            _when(n.written_at, z),
            _when(n.delivered_at, z),
        ),
    ),
    "feedback-requests": Listing(
        "Feedback requests",
        ("id", "application", "to", "channel", "status", "call"),
        _by(lambda r: (r.at, r.id), lambda s: s.feedback_requests),
        lambda s, r, z: (
            r.id,
            _app(s, r.application_id),
            _person(s, r.person_id),
            r.channel,
            r.status,
            _when(r.scheduled_for, z),
        ),
    ),
    "feedback": Listing(
        "Feedback",
        ("id", "application", "sentiment", "category", "what", "request"),
        _by(lambda f: (f.at, f.id), lambda s: s.feedback_items),
        lambda s, f, z: (
            f.id,
            _app(s, f.application_id),
            f.sentiment,
            f.category,
            f.summary,
            f.request_id or "",
        ),
    ),
    "actions": Listing(
        "Actions",
        ("id", "title", "kind", "due", "done"),
        _by(lambda a: (a.completed_at is not None, a.due, a.id), lambda s: s.actions),
        lambda s, a, z: (a.id, a.title, a.kind, _when(a.due, z), _when(a.completed_at, z)),
    ),
    "touchpoints": Listing(
        "Touchpoints",
        ("id", "with", "channel", "when", "note"),
        _by(lambda t: (t.at, t.id), lambda s: s.touchpoints),
        lambda s, t, z: (t.id, _person(s, t.person_id), t.channel, _when(t.at, z), t.note or ""),
    ),
    "postings": Listing(
        "Openings seen",
        ("id", "organization", "title", "first seen", "closed"),
        _by(lambda p: (p.first_seen, p.id), lambda s: s.postings),
        lambda s, p, z: (
            p.id,
            _org(s, p.organization_id),
            p.title,
            _when(p.first_seen, z),
            _when(p.closed_at, z),
        ),
    ),
}


def print_listing(kinds: Iterable[str], as_json: bool) -> None:
    """Print each kind's table (or, with ``as_json``, its records as JSON: one kind a list, all
    of them an object by kind)."""
    cli_state = state_of()
    state = cli_state.workspace().state
    chosen = list(kinds)
    if as_json:
        data = {kind: KINDS[kind].records(state) for kind in chosen}
        echo_json(data[chosen[0]] if len(chosen) == 1 else data)
        return
    out = console()
    zone = cli_state.zone
    for kind in chosen:
        listing = KINDS[kind]
        records = listing.records(state)
        if not records:
            if len(chosen) == 1:
                out.print(f"No {listing.title.lower()} yet.")
            continue
        rows = (listing.row(state, r, zone) for r in records)
        out.print(table(f"{listing.title} ({len(records)})", listing.columns, rows))


@click.command(
    "list",
    epilog="""\b
Examples:
  afterview list
  afterview list actions
  afterview list feedback --json
""",
)
@click.argument("kind", type=click.Choice(list(KINDS), case_sensitive=False), required=False)
@json_option
def list_(kind: str | None, as_json: bool) -> None:
    """Every record of one KIND, with its id; with no KIND, every kind."""
    print_listing([kind.lower()] if kind else list(KINDS), as_json)


decision_option = click.option(
    "--decision",
    is_flag=True,
    help="RECORD is an application: its decision is meant.",
)


@click.command(
    "correct-date",
    epilog="""\b
Examples:
  afterview correct-date app_3f9c2a7b1d0e 2026-04-20
  afterview correct-date int_3f9c2a7b1d0e 2026-05-06T10:00
  afterview correct-date "Acme Analytics" 2026-05-09 --decision
""",
)
@click.argument("record", metavar="RECORD")
@click.argument("when", metavar="DATE", type=DATE)
@decision_option
def correct_date(record: str, when: datetime, decision: bool) -> None:
    """Set a mistyped date right: when you applied, the interview's time (a held interview's
    end moves with it), a decision, a note, a request, feedback, a touchpoint, or an action's
    due date. RECORD is an id from 'afterview list' (or an action's title)."""
    kind, record_id = state_of().workspace().correct_date(record, when, decision=decision)
    recorded(f"date of {kind.replace('_', ' ')} {record_id} corrected")


@click.command(
    epilog="""\b
Examples:
  afterview remove org_3f9c2a7b1d0e
  afterview remove "Acme Analytics" --decision
""",
)
@click.argument("record", metavar="RECORD")
@decision_option
def remove(record: str, decision: bool) -> None:
    """Take a record entered by mistake out of the workspace.

    RECORD is an id from 'afterview list' (or an action's title). Only a record nothing else
    refers to can go: remove those first. A person is forgotten as well. The log keeps both
    the record and its removal, so exports and imports still tell the whole story.
    """
    kind, record_id = state_of().workspace().remove_record(record, decision=decision)
    recorded(f"{kind.replace('_', ' ')} {record_id} removed")


COMMANDS = (list_, correct_date, remove)
