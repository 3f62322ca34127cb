"""``org`` and ``person``: organizations, the people met there and their business cards."""

from __future__ import annotations

from datetime import datetime

import click

from afterview.cli.commands.records import print_listing
from afterview.cli.context import DATE, choice_of, state_of
from afterview.cli.render import console, echo_json, json_option, recorded, shown, table
from afterview.errors import DataError
from afterview.lookup import same_name_organization, same_name_people
from afterview.model import Person, Role
from afterview.recording import check_email
from afterview.workspace import Workspace

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
    """Add an organization; one of the same name (whatever the case or accents) is reused."""
    ws = state_of().workspace()
    existing = same_name_organization(ws.state, name)
    if existing is not None:
        if board_url is not None and board_url != existing.board_url:
            ws.correct_organization(existing.id, board_url=board_url, at=at)
        recorded(f"organization {existing.name!r} already exists; using it", existing.id)
        return
    organization_id = ws.add_organization(name, board_url=board_url, at=at)
    recorded(f"organization {name!r} added", organization_id)


@org.command(
    "rename", epilog='\b\nExample:\n  afterview org rename "Acme Analytcs" "Acme Analytics"'
)
@click.argument("organization", metavar="ORG")
@click.argument("new_name", metavar="NEW_NAME")
@at_option
def org_rename(organization: str, new_name: str, at: datetime | None) -> None:
    """Give an organization its right name."""
    ws = state_of().workspace()
    organization_id = ws.organization_id(organization)
    clash = same_name_organization(ws.state, new_name)
    if clash is not None and clash.id != organization_id:
        raise DataError(
            f"organization {clash.name!r} ({clash.id}) already has that name; remove the "
            "mistaken one instead ('afterview remove ID')"
        )
    ws.correct_organization(organization_id, name=new_name, at=at)
    recorded(f"organization renamed {new_name!r}", organization_id)


@org.command(
    "correct",
    epilog='\b\nExample:\n  afterview org correct "Acme Analytics" --board-url greenhouse-board://acme',
)
@click.argument("organization", metavar="ORG")
@click.option("--name", help="Its right name.")
@click.option("--board-url", metavar="URL", help="Its right job board ('' for none).")
@at_option
def org_correct(
    organization: str, name: str | None, board_url: str | None, at: datetime | None
) -> None:
    """Set an organization's name or job board right."""
    ws = state_of().workspace()
    organization_id = ws.correct_organization(organization, name=name, board_url=board_url, at=at)
    recorded("organization corrected", organization_id)


@org.command("list", epilog="\b\nExample:\n  afterview org list --json")
@json_option
def org_list(as_json: bool) -> None:
    """List organizations, with their ids."""
    print_listing(["organizations"], as_json)


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
@click.option(
    "--new",
    "another",
    is_flag=True,
    help="Someone else with the name of a person already recorded: add them, do not ask.",
)
@at_option
def person_add(
    *,
    name: str,
    another: bool,
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
    """Add a person; business-card details may come along.

    A person of the same name (whatever the case or accents) at the same organization is
    reused; a namesake elsewhere is asked about (--new: add them without asking).
    """
    card = [v for v in (work_phone, cell_phone, email, address) if v is not None]
    if card and not any(v.strip() for v in card):
        # Checked before anything is stored: refusing the card after the person would leave
        # half of the command written.
        raise DataError("a business card needs at least one phone, email or address")
    check_email(email)
    ws = state_of().workspace()
    namesakes = [] if another else same_name_people(ws.state, name)
    if namesakes:
        organization_id = None if organization is None else ws.organization_id(organization)
        same = [p for p in namesakes if organization_id in (None, p.organization_id)]
        if len(same) == 1:
            _reuse(
                ws,
                same[0],
                card=card,
                work_phone=work_phone,
                cell_phone=cell_phone,
                email=email,
                address=address,
                at=at,
            )
            return
        known = "; ".join(_described(ws, p) for p in namesakes)
        click.confirm(
            shown(f"Already recorded with that name: {known}. Add someone else called {name}?"),
            abort=True,
            err=True,
        )
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


def _described(ws: Workspace, person: Person) -> str:
    organization = ws.state.organizations.get(person.organization_id or "")
    where = f" at {organization.name}" if organization is not None else ""
    return f"{person.name} ({person.role}{where}, {person.id})"


def _reuse(
    ws: Workspace,
    person: Person,
    *,
    card: list[str],
    work_phone: str | None,
    cell_phone: str | None,
    email: str | None,
    address: str | None,
    at: datetime | None,
) -> None:
    """The person is already recorded: keep them, adding the card's details if any."""
    if card:
        ws.collect_business_card(
            person.id,
            work_phone=work_phone,
            cell_phone=cell_phone,
            email=email,
            mailing_address=address,
            at=at,
        )
    recorded(
        shown(f"{_described(ws, person)} is already recorded; using them (--new adds another)"),
        person.id,
    )


@person.command(
    "correct",
    epilog="""\b
Examples:
  afterview person correct "Dana Reys" --name "Dana Reyes"
  afterview person correct "Dana Reyes" --email dana@acme.example --org "Acme Analytics"
""",
)
@click.argument("person_ref", metavar="PERSON")
@click.option("--name", help="Their right name.")
@click.option("--role", type=ROLES, help="Their right role.")
@click.option("--org", "organization", metavar="ORG", help="Their right organization.")
@click.option("--title", help="Their right job title.")
@click.option("--notes", help="Notes to replace the recorded ones.")
@_with_card_options
@at_option
def person_correct(
    *,
    person_ref: str,
    name: str | None,
    role: str | None,
    organization: str | None,
    title: str | None,
    notes: str | None,
    work_phone: str | None,
    cell_phone: str | None,
    email: str | None,
    address: str | None,
    at: datetime | None,
) -> None:
    """Set right what was recorded about a person. A phone, email or address given replaces
    the recorded ones of its kind ('' removes them); the others stay."""
    ws = state_of().workspace()
    person_id = ws.correct_contact(
        person_ref,
        name=name,
        role=None if role is None else role.lower(),
        organization=organization,
        title=title,
        notes=notes,
        work_phone=work_phone,
        cell_phone=cell_phone,
        email=email,
        mailing_address=address,
        at=at,
    )
    recorded("person corrected", person_id)


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
