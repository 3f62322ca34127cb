"""``apply``, ``interview``, ``research``, ``thank``, ``decision`` and ``status``."""

from __future__ import annotations

import enum
from datetime import datetime, tzinfo

import click

from afterview.cli.commands.records import print_listing
from afterview.cli.context import (
    DATE,
    check_after_interview,
    choice_of,
    latest_option,
    resolve_interview,
    state_of,
)
from afterview.cli.render import Styled, console, echo_json, json_option, moment, recorded, text
from afterview.errors import NotFoundError
from afterview.fold import State
from afterview.model import (
    ActionItem,
    DecisionKind,
    InterviewFormat,
    ResearchSubject,
    ThankYouMedium,
    ThankYouNote,
)

__all__ = ["COMMANDS"]

at_option = click.option("--at", type=DATE, help="When it happened (default: now).")


def _choice(enum_type: type[enum.Enum]) -> click.Choice[str]:
    return choice_of(enum_type)


@click.command(
    epilog='\b\nExample:\n  afterview apply "Acme Analytics" "Data Analyst" --at 2026-05-01',
)
@click.argument("organization", metavar="ORG")
@click.argument("role_title", metavar="ROLE_TITLE")
@click.option("--ref", "external_ref", help="The posting's or ATS's reference.")
@at_option
def apply(
    organization: str, role_title: str, external_ref: str | None, at: datetime | None
) -> None:
    """Record an application to ORG for ROLE_TITLE; prints its id."""
    ws = state_of().workspace()
    application_id = ws.submit_application(
        organization, role_title, external_ref=external_ref, at=at
    )
    recorded(f"application for {role_title!r} recorded", application_id)


@click.group()
def interview() -> None:
    """Interviews: schedule, held (and who you met), cancel.

    REF is an interview id (see 'afterview status') or an application, meaning its most
    recent interview that was not cancelled.
    """


@interview.command(
    "schedule",
    epilog="""\b
Example:
  afterview interview schedule "Acme Analytics" 2026-05-06T10:00 --with "Dana Reyes"
""",
)
@click.argument("application", metavar="APPLICATION")
@click.argument("when", metavar="WHEN", type=DATE)
@click.option("--with", "interviewers", multiple=True, metavar="PERSON", help="An interviewer.")
@click.option(
    "--format", "format_", type=_choice(InterviewFormat), default="on_site", show_default=True
)
@at_option
def interview_schedule(
    application: str,
    when: datetime,
    interviewers: tuple[str, ...],
    format_: str,
    at: datetime | None,
) -> None:
    """Schedule an interview for APPLICATION at WHEN; prints its id."""
    ws = state_of().workspace()
    interview_id = ws.schedule_interview(
        application, when, interviewers=interviewers, format=format_.lower(), at=at
    )
    recorded("interview scheduled", interview_id)


@interview.command(
    "reschedule",
    epilog="\b\nExample:\n  afterview interview reschedule"
    ' "Acme Analytics" 2026-05-07T14:00 --latest',
)
@click.argument("ref", metavar="REF")
@click.argument("when", metavar="WHEN", type=DATE)
@latest_option
@at_option
def interview_reschedule(ref: str, when: datetime, latest: bool, at: datetime | None) -> None:
    """Move an interview to WHEN."""
    ws = state_of().workspace()
    ws.reschedule_interview(resolve_interview(ws, ref, latest), when, at=at)
    recorded("interview rescheduled")


@interview.command(
    "held",
    epilog="""\b
Examples:
  afterview interview held "Acme Analytics" --latest --met "Sam" --at 2026-05-06T11:30
  afterview interview held "Acme Analytics" --nobody-else
""",
)
@click.argument("ref", metavar="REF")
@latest_option
@click.option(
    "--met",
    multiple=True,
    metavar="PERSON",
    help="Someone else you met: receptionist, assistant… (repeat).",
)
@click.option(
    "--nobody-else",
    is_flag=True,
    help="You met nobody beyond the interviewers (and those given with --met).",
)
@at_option
def interview_held(
    ref: str, latest: bool, met: tuple[str, ...], nobody_else: bool, at: datetime | None
) -> None:
    """The interview took place; list everyone else you met."""
    ws = state_of().workspace()
    ws.record_interview_held(
        resolve_interview(ws, ref, latest), people_met=met, nobody_else=nobody_else, at=at
    )
    recorded("interview recorded as held")


@interview.command(
    "met",
    epilog="""\b
Examples:
  afterview interview met "Acme Analytics" "Sam" --latest
  afterview interview met "Acme Analytics" --nobody-else
""",
)
@click.argument("ref", metavar="REF")
@click.argument("people", metavar="[PERSON]...", nargs=-1)
@click.option(
    "--nobody-else",
    is_flag=True,
    help="With these, everyone you met is recorded (alone: you met nobody but the panel).",
)
@latest_option
@at_option
def interview_met(
    ref: str, people: tuple[str, ...], nobody_else: bool, latest: bool, at: datetime | None
) -> None:
    """Add people you met at a held interview, or say there was nobody else."""
    if not people and not nobody_else:
        raise click.UsageError("name at least one PERSON, or give --nobody-else")
    ws = state_of().workspace()
    ws.record_people_met(resolve_interview(ws, ref, latest), people, nobody_else=nobody_else, at=at)
    if people:
        recorded(f"{len(people)} person(s) added to the interview")
    else:
        recorded("recorded that you met nobody else")


@interview.command("list", epilog="\b\nExample:\n  afterview interview list")
@json_option
def interview_list(as_json: bool) -> None:
    """Interviews, with their ids."""
    print_listing(["interviews"], as_json)


@interview.command(
    "cancel", epilog='\b\nExample:\n  afterview interview cancel "Acme Analytics" --latest'
)
@click.argument("ref", metavar="REF")
@latest_option
@at_option
def interview_cancel(ref: str, latest: bool, at: datetime | None) -> None:
    """Cancel a scheduled interview."""
    ws = state_of().workspace()
    ws.cancel_interview(resolve_interview(ws, ref, latest), at=at)
    recorded("interview cancelled")


@click.command(
    epilog="""\b
Examples:
  afterview research "Acme Analytics" interviewer --person "Dana Reyes" --summary "…"
  afterview research "Acme Analytics" organization
""",
)
@click.argument("application", metavar="APPLICATION")
@click.argument("subject", type=_choice(ResearchSubject))
@click.option("--person", metavar="PERSON", help="The interviewer researched.")
@click.option("--summary", default="", help="What you learned.")
@at_option
def research(
    application: str, subject: str, person: str | None, summary: str, at: datetime | None
) -> None:
    """Note research on the interviewer, the role or the organization."""
    ws = state_of().workspace()
    note_id = ws.note_research(application, subject.lower(), person=person, summary=summary, at=at)
    recorded(f"research on the {subject.lower()} noted", note_id)


@click.command(
    epilog="""\b
Examples:
  afterview thank "Acme Analytics" "Dana" --medium email
  afterview thank "Acme Analytics" "Sam" --latest --medium handwritten
  afterview thank "Acme Analytics" "Sam" --mark-delivered --at 2026-05-08T09:30
""",
)
@click.argument("ref", metavar="REF")
@click.argument("person", metavar="PERSON")
@latest_option
@click.option("--medium", type=_choice(ThankYouMedium), default="handwritten", show_default=True)
@click.option("--delivered", type=DATE, help="When it was delivered, if known.")
@click.option(
    "--mark-delivered",
    is_flag=True,
    help="The note already recorded to PERSON has reached them (handed over or posted); "
    "--at says when.",
)
@at_option
def thank(
    *,
    ref: str,
    person: str,
    latest: bool,
    medium: str,
    delivered: datetime | None,
    mark_delivered: bool,
    at: datetime | None,
) -> None:
    """Record a thank-you note to PERSON for an interview, or that it was delivered.

    An email or a message counts as delivered when sent. A handwritten note waits until it
    reaches the person: say when with --delivered, or later with --mark-delivered.
    """
    ws = state_of().workspace()
    interview_id = resolve_interview(ws, ref, latest)
    if mark_delivered:
        source = click.get_current_context().get_parameter_source("medium")
        if delivered is not None or source is not click.core.ParameterSource.DEFAULT:
            raise click.UsageError(
                "--mark-delivered marks a note already recorded: drop --medium and --delivered "
                "(--at says when it was delivered)"
            )
        note_id = ws.state.thank_you_by_meeting.get((interview_id, ws.person(person).id))
        if note_id is None:
            raise NotFoundError(
                f"no thank-you note to {person!r} for interview {interview_id!r} yet; "
                "record it first with 'afterview thank REF PERSON'"
            )
        ws.mark_thank_you_delivered(note_id, at=at)
        recorded("thank-you note recorded as delivered")
        return
    check_after_interview(ws, interview_id, at)
    note_id = ws.send_thank_you(
        interview_id,
        person,
        medium=medium.lower(),
        delivered_at=delivered,
        at=at,
    )
    recorded("thank-you note recorded", note_id)


@click.command(
    epilog="""\b
Example:
  afterview decision "Acme Analytics" rejected --person "Dana Reyes"
""",
)
@click.argument("application", metavar="APPLICATION")
@click.argument("kind", type=_choice(DecisionKind))
@click.option("--person", metavar="PERSON", help="Who told you.")
@click.option("--reason", help="The reason given, if any.")
@at_option
def decision(
    application: str, kind: str, person: str | None, reason: str | None, at: datetime | None
) -> None:
    """Record the decision: offer, rejected, on_hold, eliminated or withdrawn."""
    ws = state_of().workspace()
    ws.record_decision(application, kind.lower(), person=person, reason=reason, at=at)
    recorded(f"decision recorded: {kind.lower()}")


def _actions_of(state: State, application_id: str | None) -> list[ActionItem]:
    """Actions about an application (directly or through its feedback); ``None``: about none."""
    feedback = set(state.feedback_by_application.get(application_id or "", ()))
    return sorted(
        (
            a
            for a in state.actions.values()
            if (a.application_id == application_id and application_id is not None)
            or (a.feedback_item_id in feedback)
            or (application_id is None and a.application_id is None and a.feedback_item_id is None)
        ),
        key=lambda a: (a.due, a.id),
    )


def _who(state: State, person_id: str | None) -> str:
    person = state.people.get(person_id or "")
    if person is None:
        return ""
    return "(forgotten)" if person.forgotten else person.name or f"the {person.role}"


def _action_line(action: ActionItem, zone: tzinfo, indent: str = "") -> Styled:
    line = text(f"{indent}action {action.id}  {action.title}  due {moment(action.due, zone)}")
    if action.completed_at is not None:
        line.append("  done")
    return line


@click.command(epilog="\b\nExample:\n  afterview status --json")
@json_option
def status(as_json: bool) -> None:
    """Applications with everything recorded about them (interviews, thank-you notes, research,
    feedback requests, feedback, actions), other actions and the people you keep in touch
    with, each with its id."""
    cli_state = state_of()
    state = cli_state.workspace().state
    apps = sorted(state.applications.values(), key=lambda a: (a.applied_at, a.id))
    if as_json:
        echo_json(
            [
                {
                    "application": a,
                    "organization": state.organizations[a.organization_id].name,
                    "decision": state.decisions.get(a.id),
                    "interviews": state.interviews_of(a.id),
                    "thank_you_notes": [
                        n
                        for i in state.interviews_of(a.id)
                        for n in state.thank_yous.values()
                        if n.interview_id == i.id
                    ],
                    "research": [
                        state.research[n] for n in state.research_by_application.get(a.id, ())
                    ],
                    "feedback_requests": state.requests_of(a.id),
                    "feedback": state.feedback_of(a.id),
                    "actions": _actions_of(state, a.id),
                }
                for a in apps
            ]
        )
        return
    zone = cli_state.zone
    out = console()
    if not apps:
        out.print("No applications yet: 'afterview apply ORG ROLE_TITLE' records one.")
    notes_by_interview: dict[str, list[ThankYouNote]] = {}
    for note in state.thank_yous.values():
        notes_by_interview.setdefault(note.interview_id, []).append(note)
    for a in apps:
        found = state.decisions.get(a.id)
        head = text(f"{state.organizations[a.organization_id].name} — {a.role_title}", "bold")
        head.append(f"  {a.id}  ", style="dim")
        head.append(str(found.kind) if found else "open")
        out.print(head)
        for i in state.interviews_of(a.id):
            out.print(f"  interview {i.id}  {i.status}  {moment(i.scheduled_for, zone)}")
            for note in notes_by_interview.get(i.id, ()):
                out.print(
                    text(
                        f"    thank-you note {note.id}  to {_who(state, note.person_id)}"
                        f" ({note.medium})"
                    )
                )
        for research_id in state.research_by_application.get(a.id, ()):
            out.print(f"  research note {research_id}  {state.research[research_id].subject}")
        for r in state.requests_of(a.id):
            out.print(f"  feedback request {r.id}  {r.status} ({r.channel})")
        for f in state.feedback_of(a.id):
            out.print(text(f"  feedback {f.id}  {f.sentiment} {f.category}: {f.summary}"))
        for action in _actions_of(state, a.id):
            out.print(_action_line(action, zone, "  "))
    other = _actions_of(state, None)
    if other:
        out.print(text("Other actions", "bold"))
        for action in other:
            out.print(_action_line(action, zone, "  "))
    plans = [p for p in state.plans.values() if p.ended_at is None]
    if plans:
        out.print(text("Keeping in touch", "bold"))
        for plan in plans:
            out.print(
                text(
                    f"  {_who(state, plan.person_id)}  {plan.person_id}  every "
                    f"{plan.cadence_days} days"
                )
            )
            for t in state.touchpoints_with(plan.person_id):
                out.print(f"    touchpoint {t.id}  {t.channel}  {moment(t.at, zone)}")


COMMANDS = (apply, interview, research, thank, decision, status)
