"""``org`` and ``person``: organizations, the people met there and their business cards."""

from __future__ import annotations

from datetime import datetime

import click

from afterview.cli.context import DATE, choice_of, state_of
from afterview.cli.render import console, echo_json, json_option, recorded, table
from afterview.errors import DataError
from afterview.model import Role
from afterview.recording import check_email

__all__ = ["COMMANDS"]

ROLES = choice_of(Role)
at_option = click.option("--at", type=DATE, help="When it happened (default: now).")


@click.group()
def org() -> None:
    """Organizations you apply to."""


@org.command(
    "add",
    epilog='\b\nExample:\n  afterview org add "Acme Analytics" --board-url greenhouse-board://acme',
)
@click.argument("name")
@click.option("--board-url", metavar="URL", help="Its public job board, to watch for openings.")
@at_option
def org_add(name: str, board_url: str | None, at: datetime | None) -> None:
    """Add an organization."""
    ws = state_of().workspace()
    organization_id = ws.add_organization(name, board_url=board_url, at=at)
    recorded(f"organization {name!r} added", organization_id)


@org.command("list", epilog="\b\nExample:\n  afterview org list --json")
@json_option
def org_list(as_json: bool) -> None:
    """List organizations."""
    state = state_of().workspace().state
    orgs = sorted(state.organizations.values(), key=lambda o: o.name.casefold())
    if as_json:
        echo_json(orgs)
        return
    console().print(
        table(
            "Organizations",
            ("id", "name", "job board"),
            ((o.id, o.name, o.board_url or "") for o in orgs),
        )
    )


card_options = (
    click.option("--work-phone", metavar="NUMBER", help="Direct work line."),
    click.option("--cell-phone", metavar="NUMBER", help="Cell phone."),
    click.option("--email", metavar="ADDRESS", help="Email address."),
    click.option("--address", metavar="TEXT", help="Mailing address (for handwritten notes)."),
)


def _with_card_options(function: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(card_options):
        function = option(function)
    return function


@click.group()
def person() -> None:
    """People you meet: interviewers, HR, receptionists, assistants."""


@person.command(
    "add",
    epilog="""\b
Examples:
  afterview person add "Dana Reyes" --role interviewer --org "Acme Analytics" \\
      --work-phone "+1 555 0100"
  afterview person add "Sam" --role receptionist --org "Acme Analytics"
""",
)
@click.argument("name")
@click.option("--role", type=ROLES, required=True, help="What they are to your application.")
@click.option("--org", "organization", metavar="ORG", help="Organization name or id.")
@click.option("--title", help="Job title.")
@click.option("--notes", help="Anything worth remembering.")
@_with_card_options
@at_option
def person_add(
    *,
    name: str,
    role: str,
    organization: str | None,
    title: str | None,
    notes: str | None,
    work_phone: str | None,
    cell_phone: str | None,
    email: str | None,
    address: str | None,
    at: datetime | None,
) -> None:
    """Add a person; business-card details may come along."""
    card = [v for v in (work_phone, cell_phone, email, address) if v is not None]
    if card and not any(v.strip() for v in card):
        # Checked before anything is stored: refusing the card after the person would leave
        # half of the command written.
        raise DataError("a business card needs at least one phone, email or address")
    check_email(email)
    ws = state_of().workspace()
    person_id = ws.add_contact(
        name, Role(role.lower()), organization=organization, title=title, notes=notes, at=at
    )
    if card:
        ws.collect_business_card(
            person_id,
            work_phone=work_phone,
            cell_phone=cell_phone,
            email=email,
            mailing_address=address,
            at=at,
        )
    recorded(f"person added ({role})", person_id)


@person.command(
    "card",
    epilog='\b\nExample:\n  afterview person card "Dana Reyes" --cell-phone "+1 555 0101"',
)
@click.argument("person_ref", metavar="PERSON")
@_with_card_options
@click.option("--interview", metavar="ID", help="The interview where you got the card.")
@at_option
def person_card(
    *,
    person_ref: str,
    work_phone: str | None,
    cell_phone: str | None,
    email: str | None,
    address: str | None,
    interview: str | None,
    at: datetime | None,
) -> None:
    """Record a business card: its lines reach the person directly."""
    ws = state_of().workspace()
    ws.collect_business_card(
        person_ref,
        work_phone=work_phone,
        cell_phone=cell_phone,
        email=email,
        mailing_address=address,
        interview=interview,
        at=at,
    )
    recorded("business card recorded")


@person.command("list", epilog="\b\nExample:\n  afterview person list")
@json_option
def person_list(as_json: bool) -> None:
    """List people, with whether you can call them directly."""
    state = state_of().workspace().state
    people = sorted(state.people.values(), key=lambda p: (p.name.casefold(), p.id))
    if as_json:
        echo_json(people)
        return

    def org_name(organization_id: str | None) -> str:
        return state.organizations[organization_id].name if organization_id else ""

    rows = (
        (
            p.id,
            "(forgotten)" if p.forgotten else p.name,
            p.role.replace("_", " "),
            org_name(p.organization_id),
            "yes" if p.has_direct_voice_line() else "no",
            "yes" if p.referral_source else "",
        )
        for p in people
    )
    columns = ("id", "name", "role", "organization", "direct line", "in touch")
    console().print(table("People", columns, rows))


COMMANDS = (org, person)
