"""The tools that record the facts of the playbook, one per fact, each calling the workspace
method the command line calls and returning every event it stored.

None of them is exposed with ``--read-only``. ``forget`` and the corrections that erase or
remove (``remove``) are never exposed: they cannot be undone, and a person should run them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import MCPServer
from mcp.types import ToolAnnotations
from pydantic import Field

from afterview import DataError, NotFoundError
from afterview_mcp.outputs import RecordedOut
from afterview_mcp.session import Session
from afterview_mcp.views import person_name, recorded_facts

__all__ = ["RECORDING_TOOLS", "TOOL_OF", "register_recording"]

#: Which tool records each kind of fact (an event's type tag), for errors and advice that say
#: what to record first.
TOOL_OF: dict[str, str] = {
    "OrganizationAdded": "add_organization",
    "ContactAdded": "add_person",
    "BusinessCardCollected": "record_business_card",
    "ContactDetailsAdded": "record_business_card",
    "ApplicationSubmitted": "record_application",
    "ResearchNoted": "note_research",
    "InterviewScheduled": "schedule_interview",
    "InterviewRescheduled": "reschedule_interview",
    "InterviewCancelled": "cancel_interview",
    "InterviewHeld": "record_interview_held",
    "PeopleMet": "record_people_met",
    "ThankYouSent": "record_thank_you",
    "ThankYouDelivered": "mark_thank_you_delivered",
    "DecisionReceived": "record_decision",
    "FeedbackRequested": "request_feedback_call",
    "FeedbackRequestSent": "update_feedback_request",
    "FeedbackCallScheduled": "schedule_feedback_call",
    "FeedbackCallHeld": "update_feedback_request",
    "FeedbackRequestDeclined": "update_feedback_request",
    "FeedbackRequestUnanswered": "update_feedback_request",
    "FeedbackRecorded": "record_feedback",
    "FollowUpAnswered": "record_follow_up_answer",
    "ActionPlanned": "plan_action",
    "ActionCompleted": "complete_action",
    "StayInTouchAgreed": "stay_in_touch",
    "StayInTouchEnded": "stay_in_touch",
    "TouchpointLogged": "log_touchpoint",
}

#: The recording tools, in the order they are listed: the playbook's order.
RECORDING_TOOLS = (
    "add_organization",
    "add_person",
    "record_business_card",
    "record_application",
    "note_research",
    "schedule_interview",
    "reschedule_interview",
    "cancel_interview",
    "record_interview_held",
    "record_people_met",
    "record_thank_you",
    "mark_thank_you_delivered",
    "record_decision",
    "request_feedback_call",
    "schedule_feedback_call",
    "update_feedback_request",
    "record_feedback",
    "record_follow_up_answer",
    "plan_action",
    "complete_action",
    "stay_in_touch",
    "log_touchpoint",
)

_RECORD = ToolAnnotations(
    read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=False
)

Application = Annotated[
    str,
    Field(
        description="An application: its id, the organization's name, or "
        '"Organization/Role title" when there are two at one organization.'
    ),
]
PersonRef = Annotated[
    str,
    Field(description="A person: their id, name, or a part of the name only they have."),
]
InterviewRef = Annotated[
    str,
    Field(
        description="An interview id, or an application (name or id) meaning its most recent "
        "interview that was not cancelled."
    ),
]
RequestRef = Annotated[
    str,
    Field(
        description="A feedback request id, or an application (name or id) meaning its most "
        "recent request."
    ),
]
At = Annotated[
    str | None,
    Field(
        description="When it happened: ISO 8601 (2026-05-06T10:00, with or without an offset; "
        "a bare date is noon that day in the job seeker's time zone). Default: now."
    ),
]
When = Annotated[
    str,
    Field(
        description="ISO 8601 date-time; without an offset, wall-clock time in the job "
        "seeker's time zone; a bare date is noon that day."
    ),
]
Phone = Annotated[str | None, Field(description="A phone number.")]


def register_recording(
    server: MCPServer[Any],
    session: Session,
    guard: Callable[[Callable[..., Any]], Callable[..., Any]],
) -> None:
    """Add the recording tools to ``server``."""
    from afterview.cli.context import resolve_interview, resolve_request

    ws = session.workspace

    def recorded(summary: str, action: Callable[[], str | None]) -> RecordedOut:
        with session.recording() as events:
            created = action()
        state = ws.state
        return RecordedOut(
            workspace=ws.name,
            id=created,
            summary=summary,
            recorded=recorded_facts(session, state, events),
        )

    def at_of(at: str | None) -> Any:
        return session.optional_moment(at, "at")

    def add_organization(
        name: Annotated[str, Field(description="The organization's name.")],
        board_url: Annotated[
            str | None,
            Field(description="Its public job board (greenhouse-board://…), to watch openings."),
        ] = None,
        at: At = None,
    ) -> RecordedOut:
        """Add an organization; one already recorded under that name (whatever the case or
        accents) is used instead, and nothing new is stored."""
        from afterview.lookup import same_name_organization

        existing = same_name_organization(ws.state, name)
        if existing is not None:

            def reuse() -> str:
                if board_url is not None and board_url != existing.board_url:
                    ws.correct_organization(existing.id, board_url=board_url, at=at_of(at))
                return existing.id

            return recorded(f"{existing.name} was already recorded; using it", reuse)
        return recorded(
            f"organization {name} added",
            lambda: ws.add_organization(name, board_url=board_url, at=at_of(at)),
        )

    def add_person(
        *,
        name: Annotated[str, Field(description="Their name as you would write it.")],
        role: Literal[
            "interviewer", "hiring_manager", "hr", "recruiter", "receptionist", "assistant", "other"
        ],
        organization: Annotated[
            str | None, Field(description="Where they work: the organization's name or id.")
        ] = None,
        title: Annotated[str | None, Field(description="Their job title.")] = None,
        new: Annotated[
            bool,
            Field(
                description="Someone else with the name of a person already recorded at another "
                "organization: add them anyway."
            ),
        ] = False,
        at: At = None,
    ) -> RecordedOut:
        """Add a person you met or will meet: interviewers, HR, and the receptionist and
        assistants too. Someone of the same name at the same organization is used instead."""
        from afterview.lookup import same_name_people

        namesakes = [] if new else same_name_people(ws.state, name)
        if namesakes:
            organization_id = None if organization is None else ws.organization_id(organization)
            same = [p for p in namesakes if organization_id in (None, p.organization_id)]
            if len(same) == 1:
                found = same[0]
                return recorded(f"{found.name} was already recorded; using them", lambda: found.id)
            who = "someone" if len(namesakes) == 1 else f"{len(namesakes)} people"
            verb = "is" if len(namesakes) == 1 else "are"
            raise DataError(
                f"{who} named {name!r} {verb} already recorded; give new=true to add another "
                "person of that name, or use the people tool for their id"
            )
        return recorded(
            f"{name} added ({role.replace('_', ' ')})",
            lambda: ws.add_contact(
                name, role, organization=organization, title=title, at=at_of(at)
            ),
        )

    def record_business_card(
        *,
        person: PersonRef,
        work_phone: Phone = None,
        cell_phone: Phone = None,
        email: Annotated[str | None, Field(description="An email address.")] = None,
        mailing_address: Annotated[str | None, Field(description="A postal address.")] = None,
        at: At = None,
    ) -> RecordedOut:
        """Record a business card: its phone lines and email reach the person directly, past
        reception, when you call to ask for feedback."""

        def act() -> None:
            ws.collect_business_card(
                person,
                work_phone=work_phone,
                cell_phone=cell_phone,
                email=email,
                mailing_address=mailing_address,
                at=at_of(at),
            )

        return recorded(
            f"business card of {person_name(ws.state, ws.person(person).id)} recorded", act
        )

    def record_application(
        organization: Annotated[str, Field(description="The organization's name or id.")],
        role_title: Annotated[str, Field(description="The role applied for.")],
        at: At = None,
    ) -> RecordedOut:
        """Record an application to an organization for a role."""
        return recorded(
            f"application for {role_title} recorded",
            lambda: ws.submit_application(organization, role_title, at=at_of(at)),
        )

    def note_research(
        application: Application,
        subject: Literal["interviewer", "role", "organization"],
        person: Annotated[
            str | None, Field(description="The interviewer researched (name or id).")
        ] = None,
        summary: Annotated[str, Field(description="What you learned.")] = "",
        at: At = None,
    ) -> RecordedOut:
        """Note research before an interview on one of its three subjects."""
        return recorded(
            f"research on the {subject} noted",
            lambda: ws.note_research(
                application, subject, person=person, summary=summary, at=at_of(at)
            ),
        )

    def schedule_interview(
        application: Application,
        when: When,
        interviewers: Annotated[
            list[str], Field(description="The interviewers, by name or id.")
        ] = [],  # noqa: B006 - the SDK copies defaults into the schema; never mutated
        format: Literal["on_site", "video", "phone"] = "on_site",
        at: At = None,
    ) -> RecordedOut:
        """Schedule an interview for an application, with whom it will be."""
        moment = session.moment(when, "when")
        return recorded(
            "interview scheduled",
            lambda: ws.schedule_interview(
                application, moment, interviewers=interviewers, format=format, at=at_of(at)
            ),
        )

    def reschedule_interview(interview: InterviewRef, when: When, at: At = None) -> RecordedOut:
        """Move an interview to another time."""
        moment = session.moment(when, "when")
        interview_id = resolve_interview(ws, interview, False)

        def act() -> str:
            ws.reschedule_interview(interview_id, moment, at=at_of(at))
            return interview_id

        return recorded("interview moved", act)

    def cancel_interview(interview: InterviewRef, at: At = None) -> RecordedOut:
        """Cancel a scheduled interview."""
        interview_id = resolve_interview(ws, interview, False)

        def act() -> str:
            ws.cancel_interview(interview_id, at=at_of(at))
            return interview_id

        return recorded("interview cancelled", act)

    def record_interview_held(
        interview: InterviewRef,
        people_met: Annotated[
            list[str],
            Field(description="Everyone else you met (receptionist, assistant…), by name or id."),
        ] = [],  # noqa: B006 - never mutated
        nobody_else: Annotated[
            bool, Field(description="You met nobody beyond the interviewers and people_met.")
        ] = False,
        at: At = None,
    ) -> RecordedOut:
        """The interview took place; say who else you met, so that everyone gets a thank-you
        note."""
        interview_id = resolve_interview(ws, interview, False)

        def act() -> str:
            ws.record_interview_held(
                interview_id, people_met=people_met, nobody_else=nobody_else, at=at_of(at)
            )
            return interview_id

        return recorded("interview recorded as held", act)

    def record_people_met(
        interview: InterviewRef,
        people: Annotated[list[str], Field(description="People met there, by name or id.")] = [],  # noqa: B006
        nobody_else: Annotated[
            bool, Field(description="With these, everyone you met there is recorded.")
        ] = False,
        at: At = None,
    ) -> RecordedOut:
        """Add people met at a held interview, or say that there was nobody else."""
        if not people and not nobody_else:
            raise DataError("name at least one person, or give nobody_else=true")
        interview_id = resolve_interview(ws, interview, False)

        def act() -> str:
            ws.record_people_met(interview_id, people, nobody_else=nobody_else, at=at_of(at))
            return interview_id

        return recorded(f"{len(people)} person(s) added to the interview", act)

    def record_thank_you(
        *,
        interview: InterviewRef,
        person: PersonRef,
        medium: Literal["handwritten", "email", "message", "other"] = "handwritten",
        delivered: Annotated[
            str | None,
            Field(description="When a handwritten note reached them, if it already has."),
        ] = None,
        at: At = None,
    ) -> RecordedOut:
        """Record a thank-you note to someone met at an interview. An email or a message
        counts as delivered when sent; a handwritten one once it reaches them."""
        interview_id = resolve_interview(ws, interview, False)
        when = at_of(at) or session.now()
        held = ws.state.interviews.get(interview_id)
        if held is not None and when < held.scheduled_for:
            raise DataError(
                f"a thank-you note dated {when.isoformat(timespec='minutes')} would be before "
                f"the interview ({session.shown(held.scheduled_for).isoformat(timespec='minutes')})"
                "; give a time after it"
            )
        delivered_at = session.optional_moment(delivered, "delivered")
        return recorded(
            f"thank-you note to {person_name(ws.state, ws.person(person).id)} recorded",
            lambda: ws.send_thank_you(
                interview_id, person, medium=medium, delivered_at=delivered_at, at=at_of(at)
            ),
        )

    def mark_thank_you_delivered(
        interview: InterviewRef, person: PersonRef, at: At = None
    ) -> RecordedOut:
        """A handwritten note already recorded has reached the person (handed over, posted)."""
        interview_id = resolve_interview(ws, interview, False)
        found = ws.person(person)
        note_id = ws.state.thank_you_by_meeting.get((interview_id, found.id))
        if note_id is None:
            raise NotFoundError(
                f"no thank-you note to {person_name(ws.state, found.id)} for that interview yet; "
                "record it first "
                "with the record_thank_you tool"
            )

        def act() -> str:
            ws.mark_thank_you_delivered(note_id, at=at_of(at))
            return note_id

        return recorded("thank-you note recorded as delivered", act)

    def record_decision(
        application: Application,
        kind: Literal["offer", "rejected", "on_hold", "eliminated", "withdrawn"],
        person: Annotated[str | None, Field(description="Who told you (name or id).")] = None,
        reason: Annotated[str | None, Field(description="The reason given, if any.")] = None,
        at: At = None,
    ) -> RecordedOut:
        """Record the decision on an application."""
        application_id = ws.application_id(application)

        def act() -> str:
            ws.record_decision(application_id, kind, person=person, reason=reason, at=at_of(at))
            return application_id

        return recorded(f"decision recorded: {kind.replace('_', ' ')}", act)

    def request_feedback_call(
        *,
        application: Application,
        person: PersonRef,
        channel: Literal["phone", "video", "in_person", "email", "letter", "message"] = "phone",
        message: Annotated[str | None, Field(description="The text of the request.")] = None,
        draft: Annotated[bool, Field(description="Only drafted, not sent yet.")] = False,
        at: At = None,
    ) -> RecordedOut:
        """Record a request to the interviewer for a short feedback conversation (the
        playbook checks that it goes to the interviewer and asks for a voice call)."""
        return recorded(
            "feedback request recorded" + (" (draft)" if draft else ""),
            lambda: ws.request_feedback_call(
                application, person, channel=channel, message=message, sent=not draft, at=at_of(at)
            ),
        )

    def schedule_feedback_call(request: RequestRef, when: When, at: At = None) -> RecordedOut:
        """The feedback call is booked."""
        moment = session.moment(when, "when")
        request_id = resolve_request(ws, request, False)

        def act() -> str:
            ws.schedule_feedback_call(request_id, moment, at=at_of(at))
            return request_id

        return recorded("feedback call scheduled", act)

    def update_feedback_request(
        request: RequestRef,
        outcome: Annotated[
            Literal["sent", "held", "declined", "no_response"],
            Field(
                description="sent: a drafted request went out; held: the call took place; "
                "declined: they would not talk; no_response: no answer came."
            ),
        ],
        at: At = None,
    ) -> RecordedOut:
        """What became of a feedback request."""
        request_id = resolve_request(ws, request, False)
        method = {
            "sent": ws.mark_feedback_request_sent,
            "held": ws.record_feedback_call_held,
            "declined": ws.record_feedback_declined,
            "no_response": ws.record_no_response,
        }[outcome]

        def act() -> str:
            method(request_id, at=at_of(at))
            return request_id

        return recorded(f"feedback request: {outcome.replace('_', ' ')}", act)

    def record_feedback(
        *,
        application: Application,
        sentiment: Literal["positive", "negative", "neutral"],
        category: Annotated[
            Literal["behaviour", "skill", "fit", "other"],
            Field(description="A behaviour to change, a skill to learn, fit, or other."),
        ],
        summary: Annotated[str, Field(description="What was said.")] = "",
        themes: Annotated[
            list[str], Field(description="Short themes, for patterns across applications.")
        ] = [],  # noqa: B006 - never mutated
        request: Annotated[
            str | None,
            Field(description="The request it answers (default: the only open call)."),
        ] = None,
        person: Annotated[str | None, Field(description="Who said it.")] = None,
        at: At = None,
    ) -> RecordedOut:
        """Record one point of feedback from the call."""
        return recorded(
            f"{sentiment} feedback recorded",
            lambda: ws.record_feedback(
                application,
                sentiment,
                category,
                summary,
                request=request,
                person=person,
                themes=themes,
                at=at_of(at),
            ),
        )

    def record_follow_up_answer(
        *,
        application: Application,
        person: PersonRef,
        question: Annotated[
            Literal["similar_role", "other_roles", "stay_in_touch"],
            Field(
                description="similar_role: would they consider you for a similar opening; "
                "other_roles: is another role there a better fit; stay_in_touch: may you keep "
                "in touch."
            ),
        ],
        answer: Literal["yes", "no", "maybe"],
        note: Annotated[str | None, Field(description="What they added.")] = None,
        at: At = None,
    ) -> RecordedOut:
        """Record the answer to one of the three questions asked after good feedback."""

        def act() -> None:
            ws.record_follow_up_answer(
                application, person, question, answer, note=note, at=at_of(at)
            )

        return recorded(f"answer recorded: {question} = {answer}", act)

    def plan_action(
        *,
        kind: Literal[
            "behaviour_change", "skill_plan", "apply_other_role", "watch_openings", "other"
        ],
        title: Annotated[str, Field(description="What you will do.")],
        due: Annotated[
            str, Field(description="When it should be done; a bare date means that whole day.")
        ],
        feedback_item: Annotated[
            str | None,
            Field(description="The feedback it answers: its id or what was said."),
        ] = None,
        application: Annotated[
            str | None, Field(description="The application it is about.")
        ] = None,
        person: Annotated[str | None, Field(description="The person it is about.")] = None,
        at: At = None,
    ) -> RecordedOut:
        """Plan an action that answers feedback: a behaviour to change, a skill to learn, a
        role to apply for, openings to watch."""
        moment = session.moment(due, "due", due=True)
        return recorded(
            f"action planned: {title}",
            lambda: ws.plan_action(
                kind,
                title,
                moment,
                feedback_item=feedback_item,
                application=application,
                person=person,
                at=at_of(at),
            ),
        )

    def complete_action(
        action: Annotated[str, Field(description="The action's id or title (a unique part).")],
        at: At = None,
    ) -> RecordedOut:
        """Mark an action done."""
        from afterview.lookup import find_action

        found = find_action(ws.state, action)

        def act() -> str:
            ws.complete_action(found.id, at=at_of(at))
            return found.id

        return recorded(f"action done: {found.title}", act)

    def stay_in_touch(
        person: PersonRef,
        every_days: Annotated[
            int | None,
            Field(ge=1, le=1826, description="The rhythm in days (default: the settings')."),
        ] = None,
        end: Annotated[bool, Field(description="End the plan instead.")] = False,
        at: At = None,
    ) -> RecordedOut:
        """The person agreed to stay in touch: reminders on a rhythm, and a referral source.
        With end=true, the plan stops."""
        name = person_name(ws.state, ws.person(person).id)
        if end:
            if every_days is not None:
                raise DataError("every_days and end cannot be given together")
            return recorded(
                f"stopped keeping in touch with {name}",
                lambda: ws.end_stay_in_touch(person, at=at_of(at)),
            )
        return recorded(
            f"keeping in touch with {name}",
            lambda: ws.agree_stay_in_touch(person, cadence_days=every_days, at=at_of(at)),
        )

    def log_touchpoint(
        person: PersonRef,
        channel: Literal["phone", "video", "in_person", "email", "letter", "message"] = "email",
        about_posting: Annotated[
            bool, Field(description="The contact was about an open position.")
        ] = False,
        note: Annotated[str | None, Field(description="What it was about.")] = None,
        at: At = None,
    ) -> RecordedOut:
        """Log a touchpoint with someone you keep in touch with (not in the future)."""
        when = at_of(at)
        if when is not None and when > session.now():
            raise DataError(
                f"a touchpoint at {when.isoformat(timespec='minutes')} is in the future; "
                "record it once it has happened"
            )
        return recorded(
            f"touchpoint with {person_name(ws.state, ws.person(person).id)} logged",
            lambda: ws.log_touchpoint(
                person, channel, about_posting=about_posting, note=note, at=when
            ),
        )

    bodies: dict[str, Callable[..., Any]] = {
        "add_organization": add_organization,
        "add_person": add_person,
        "record_business_card": record_business_card,
        "record_application": record_application,
        "note_research": note_research,
        "schedule_interview": schedule_interview,
        "reschedule_interview": reschedule_interview,
        "cancel_interview": cancel_interview,
        "record_interview_held": record_interview_held,
        "record_people_met": record_people_met,
        "record_thank_you": record_thank_you,
        "mark_thank_you_delivered": mark_thank_you_delivered,
        "record_decision": record_decision,
        "request_feedback_call": request_feedback_call,
        "schedule_feedback_call": schedule_feedback_call,
        "update_feedback_request": update_feedback_request,
        "record_feedback": record_feedback,
        "record_follow_up_answer": record_follow_up_answer,
        "plan_action": plan_action,
        "complete_action": complete_action,
        "stay_in_touch": stay_in_touch,
        "log_touchpoint": log_touchpoint,
    }
    for name in RECORDING_TOOLS:
        server.add_tool(guard(bodies[name]), name=name, annotations=_RECORD)
