"""``feedback`` (the request, the call, what was said) and ``follow-up`` (the three questions)."""

from __future__ import annotations

from datetime import datetime

import click

from afterview.cli.commands.records import print_listing
from afterview.cli.context import DATE, choice_of, latest_option, resolve_request, state_of
from afterview.cli.render import json_option, recorded
from afterview.model import Answer, Channel, FeedbackCategory, FollowUpQuestion, Sentiment

__all__ = ["COMMANDS"]

at_option = click.option("--at", type=DATE, help="When it happened (default: now).")


def _choice(values: list[str]) -> click.Choice[str]:
    return choice_of(values)


@click.group()
def feedback() -> None:
    """After a decision: ask the interviewer for a short call, then record what you heard.

    REF is a request id (see 'afterview status') or an application, meaning its most
    recent request.
    """


@feedback.command(
    "request",
    epilog="""\b
Example:
  afterview feedback request "Acme Analytics" "Dana Reyes" --channel phone
""",
)
@click.argument("application", metavar="APPLICATION")
@click.argument("person", metavar="PERSON")
@click.option(
    "--channel",
    type=_choice([c.value for c in Channel]),
    default="phone",
    show_default=True,
    help="How the conversation would happen.",
)
@click.option("--message", help="The text of the request, if written.")
@click.option("--draft", is_flag=True, help="Only drafted, not sent yet.")
@at_option
def feedback_request(
    *,
    application: str,
    person: str,
    channel: str,
    message: str | None,
    draft: bool,
    at: datetime | None,
) -> None:
    """Record a request to PERSON for a feedback conversation; prints its id."""
    ws = state_of().workspace()
    request_id = ws.request_feedback_call(
        application, person, channel=channel.lower(), message=message, sent=not draft, at=at
    )
    recorded("feedback request recorded" + (" (draft)" if draft else ""), request_id)


def _transition(name: str, summary: str, action: str, example: str) -> click.Command:
    @click.argument("ref", metavar="REF")
    @latest_option
    @at_option
    def command(ref: str, latest: bool, at: datetime | None) -> None:
        ws = state_of().workspace()
        request_id = resolve_request(ws, ref, latest)
        getattr(ws, action)(request_id, at=at)
        recorded(f"feedback request {name}")

    command.__doc__ = summary
    return feedback.command(name, epilog=f"\b\nExample:\n  {example}")(command)


_transition(
    "sent",
    "A drafted request was sent.",
    "mark_feedback_request_sent",
    'afterview feedback sent "Acme Analytics" --latest',
)
_transition(
    "held",
    "The feedback call took place.",
    "record_feedback_call_held",
    'afterview feedback held "Acme Analytics" --latest',
)
_transition(
    "declined",
    "They declined to talk.",
    "record_feedback_declined",
    "afterview feedback declined fbr_3f9c2a7b1d0e",
)
_transition(
    "no-response",
    "No answer came.",
    "record_no_response",
    'afterview feedback no-response "Acme Analytics" --latest',
)


@feedback.command(
    "scheduled",
    epilog="""\b
Example:
  afterview feedback scheduled "Acme Analytics" 2026-05-12T16:00 --latest
""",
)
@click.argument("ref", metavar="REF")
@click.argument("when", metavar="WHEN", type=DATE)
@latest_option
@at_option
def feedback_scheduled(ref: str, when: datetime, latest: bool, at: datetime | None) -> None:
    """The call is booked for WHEN."""
    ws = state_of().workspace()
    ws.schedule_feedback_call(resolve_request(ws, ref, latest), when, at=at)
    recorded("feedback call scheduled")


@feedback.command(
    "add",
    epilog="""\b
Examples:
  afterview feedback add "Acme Analytics" negative behaviour \\
      "Answers ran long; lead with the result" --theme "concise answers"
  afterview feedback add "Acme Analytics" negative skill "Little SQL reporting" --theme sql
""",
)
@click.argument("application", metavar="APPLICATION")
@click.argument("sentiment", type=_choice([s.value for s in Sentiment]))
@click.argument("category", type=_choice([c.value for c in FeedbackCategory]))
@click.argument("summary", default="")
@click.option(
    "--request",
    metavar="ID",
    help="The feedback request it answers (default: the application's only call asked for, "
    "booked or held).",
)
@click.option("--person", metavar="PERSON", help="Who said it (default: the request's person).")
@click.option("--theme", "themes", multiple=True, help="A short theme, for patterns (repeat).")
@at_option
def feedback_add(
    *,
    application: str,
    sentiment: str,
    category: str,
    summary: str,
    request: str | None,
    person: str | None,
    themes: tuple[str, ...],
    at: datetime | None,
) -> None:
    """Record one point of feedback: a behaviour to change, a skill to learn, or praise."""
    ws = state_of().workspace()
    item_id = ws.record_feedback(
        application,
        sentiment.lower(),
        category.lower(),
        summary,
        request=request,
        person=person,
        themes=themes,
        at=at,
    )
    answered = ws.state.feedback_items[item_id].request_id
    recorded("feedback recorded" + (f" (answers {answered})" if answered else ""), item_id)


@feedback.command("list", epilog="\b\nExample:\n  afterview feedback list --requests")
@click.option("--requests", is_flag=True, help="The feedback requests instead of what was said.")
@json_option
def feedback_list(requests: bool, as_json: bool) -> None:
    """What was said (or, with --requests, the requests), with their ids."""
    print_listing(["feedback-requests" if requests else "feedback"], as_json)


@click.command(
    "follow-up",
    epilog="""\b
Examples:
  afterview follow-up "Acme Analytics" "Dana Reyes" similar_role yes
  afterview follow-up "Acme Analytics" "Dana Reyes" stay_in_touch yes
""",
)
@click.argument("application", metavar="APPLICATION")
@click.argument("person", metavar="PERSON")
@click.argument("question", type=_choice([q.value for q in FollowUpQuestion]))
@click.argument("answer", type=_choice([a.value for a in Answer]))
@click.option("--note", help="What they added.")
@at_option
def follow_up(
    *,
    application: str,
    person: str,
    question: str,
    answer: str,
    note: str | None,
    at: datetime | None,
) -> None:
    """Record the answer to one of the three questions after positive feedback."""
    ws = state_of().workspace()
    ws.record_follow_up_answer(
        application, person, question.lower(), answer.lower(), note=note, at=at
    )
    recorded(f"answer recorded: {question.lower()} = {answer.lower()}")


COMMANDS = (feedback, follow_up)
