"""The demo story: three applications that, together, walk the whole playbook.

* **Brightwater Analytics** — research on all three subjects, an interview, a business card,
  thank-you notes to the interviewer *and* the receptionist on the same day; a second round is
  coming up.
* **Harbor & Finch Logistics** — a rejection, then a phone-call request to the interviewer (not
  HR), a call, and mixed feedback: a behaviour to change and a skill to learn, each turned into an
  action, plus one positive point.
* **Lindqvist Health** — positive feedback on a video call, the three follow-up questions
  answered, a stay-in-touch plan and a first touchpoint.

Every date is relative to ``now``, so the agenda always has something to say. The people,
organizations and texts are invented. :func:`record_demo` appends the whole story in one atomic
append and does nothing when the story is already in the workspace.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from afterview import events as ev
from afterview.errors import DataError
from afterview.model import (
    ActionKind,
    Answer,
    Channel,
    ContactPoint,
    ContactPointKind,
    DecisionKind,
    DetailSource,
    FeedbackCategory,
    FollowUpQuestion,
    InterviewFormat,
    ResearchSubject,
    Role,
    Sentiment,
    ThankYouMedium,
)
from afterview.workspace import Workspace, new_id

__all__ = ["DEMO_MARKER", "demo_events", "record_demo"]

#: The organization whose presence means the demo story is already recorded.
DEMO_MARKER = "Brightwater Analytics"


def record_demo(ws: Workspace, now: datetime) -> bool:
    """Record the demo story into ``ws``, dated relative to ``now`` (timezone-aware).

    The story is made up: it goes only into a workspace of its own. A workspace that holds
    anything else (someone's real search) is refused, so the two are never mixed.

    :returns: False, and changes nothing, when the workspace already holds the story.
    :raises DataError: ``now`` is naive, or the workspace holds records of its own.
    """
    state = ws.state
    if any(o.name == DEMO_MARKER for o in state.organizations.values()):
        return False
    if state.version:
        raise DataError(
            f"workspace {ws.name!r} already holds records of its own; the demo records only "
            "into an empty workspace (by default 'demo'), so that it never mixes with a real "
            "search"
        )
    ws.record(*demo_events(now))
    return True


class _Story:
    """Helpers that keep the story below readable: ids, days relative to now, contact cards."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.events: list[ev.Event] = []

    def day(self, offset: int, hour: int = 9, minute: int = 0) -> datetime:
        moment = self.now + timedelta(days=offset)
        return moment.replace(hour=hour, minute=minute, second=0, microsecond=0)

    def add(self, *events: ev.Event) -> None:
        self.events.extend(events)

    def org(self, name: str, at: datetime) -> str:
        organization_id = new_id("org")
        self.add(ev.OrganizationAdded(at=at, organization_id=organization_id, name=name))
        return organization_id

    def person(
        self, name: str, role: Role, org: str, at: datetime, title: str | None = None
    ) -> str:
        person_id = new_id("per")
        self.add(
            ev.ContactAdded(
                at=at, person_id=person_id, role=role, organization_id=org, name=name, title=title
            )
        )
        return person_id

    def application(self, org: str, title: str, at: datetime) -> str:
        application_id = new_id("app")
        self.add(
            ev.ApplicationSubmitted(
                at=at, application_id=application_id, organization_id=org, role_title=title
            )
        )
        return application_id

    def research(
        self, application: str, at: datetime, interviewer: str, notes: tuple[str, ...]
    ) -> None:
        subjects = (ResearchSubject.ORGANIZATION, ResearchSubject.ROLE, ResearchSubject.INTERVIEWER)
        for subject, summary in zip(subjects, notes, strict=True):
            self.add(
                ev.ResearchNoted(
                    at=at,
                    note_id=new_id("res"),
                    application_id=application,
                    subject=subject,
                    person_id=interviewer if subject is ResearchSubject.INTERVIEWER else None,
                    summary=summary,
                )
            )

    def interview(
        self,
        application: str,
        when: datetime,
        interviewers: tuple[str, ...],
        at: datetime,
        fmt: InterviewFormat = InterviewFormat.ON_SITE,
    ) -> str:
        interview_id = new_id("int")
        self.add(
            ev.InterviewScheduled(
                at=at,
                interview_id=interview_id,
                application_id=application,
                scheduled_for=when,
                format=fmt,
                interviewers=interviewers,
            )
        )
        return interview_id

    def card(self, person: str, interview: str, at: datetime, **lines: str) -> None:
        kinds = {
            "work_phone": (ContactPointKind.WORK_PHONE, True),
            "cell_phone": (ContactPointKind.CELL_PHONE, True),
            "email": (ContactPointKind.EMAIL, True),
            "address": (ContactPointKind.MAILING_ADDRESS, False),
        }
        points = tuple(
            ContactPoint(kinds[k][0], v, kinds[k][1], DetailSource.BUSINESS_CARD)
            for k, v in lines.items()
        )
        self.add(
            ev.BusinessCardCollected(at=at, person_id=person, points=points, interview_id=interview)
        )

    def thank(
        self,
        interview: str,
        person: str,
        at: datetime,
        delivered: datetime | None = None,
        medium: ThankYouMedium = ThankYouMedium.HANDWRITTEN,
    ) -> None:
        self.add(
            ev.ThankYouSent(
                at=at,
                note_id=new_id("thx"),
                interview_id=interview,
                person_id=person,
                medium=medium,
                delivered_at=delivered,
            )
        )

    def feedback(
        self,
        *,
        application: str,
        request: str,
        at: datetime,
        sentiment: Sentiment,
        category: FeedbackCategory,
        summary: str,
        themes: tuple[str, ...],
    ) -> str:
        item_id = new_id("fbk")
        self.add(
            ev.FeedbackRecorded(
                at=at,
                item_id=item_id,
                application_id=application,
                sentiment=sentiment,
                category=category,
                request_id=request,
                summary=summary,
                themes=themes,
            )
        )
        return item_id


def demo_events(now: datetime) -> list[ev.Event]:
    """The demo story as events, dated relative to ``now``."""
    s = _Story(now)
    _on_time_thanks(s)
    _mixed_feedback(s)
    _positive_feedback(s)
    return s.events


def _on_time_thanks(s: _Story) -> None:
    """(a) Prepared, met everyone, collected a card, thanked everyone the same evening."""
    org = s.org(DEMO_MARKER, s.day(-15))
    app = s.application(org, "Data Analyst", s.day(-14))
    lead = s.person("Priya Raman", Role.INTERVIEWER, org, s.day(-8), "Analytics Lead")
    desk = s.person("Tom Okafor", Role.RECEPTIONIST, org, s.day(-3, 11))
    manager = s.person("Jonas Berg", Role.HIRING_MANAGER, org, s.day(-1), "Head of Data")
    s.research(
        app,
        s.day(-6, 19),
        lead,
        (
            "Mid-sized consultancy; two new retail clients this year.",
            "Weekly reporting for client teams; SQL and dashboards.",
            "Priya moved from retail planning into analytics five years ago.",
        ),
    )
    first = s.interview(app, s.day(-3, 10), (lead,), s.day(-8, 12))
    s.add(ev.InterviewHeld(at=s.day(-3, 11), interview_id=first, people_met=(desk,)))
    s.card(
        lead,
        first,
        s.day(-3, 11),
        work_phone="+1 555 0142",
        cell_phone="+1 555 0143",
        email="priya.raman@brightwater.example",
        address="12 Quay Street, Portside",
    )
    s.thank(first, lead, s.day(-3, 18), delivered=s.day(-2, 10))
    s.thank(first, desk, s.day(-3, 18), delivered=s.day(-2, 10))
    s.interview(app, s.day(4, 14), (manager,), s.day(-1, 9), InterviewFormat.VIDEO)


def _mixed_feedback(s: _Story) -> None:
    """(b) Rejected; asked the interviewer for a call; a behaviour, a skill and a strength."""
    org = s.org("Harbor & Finch Logistics", s.day(-46))
    app = s.application(org, "Operations Coordinator", s.day(-45))
    interviewer = s.person("Marcus Lee", Role.INTERVIEWER, org, s.day(-40), "Operations Manager")
    recruiter = s.person("Aisha Grant", Role.HR, org, s.day(-40), "Talent Partner")
    s.research(
        app,
        s.day(-36, 20),
        interviewer,
        (
            "Regional freight forwarder; opening a second warehouse.",
            "Coordinates carriers and warehouse shifts; heavy use of a WMS.",
            "Marcus ran the first warehouse's launch.",
        ),
    )
    interview = s.interview(app, s.day(-34, 10), (interviewer,), s.day(-40))
    s.add(ev.InterviewHeld(at=s.day(-34, 11), interview_id=interview))
    s.card(
        interviewer,
        interview,
        s.day(-34, 11),
        work_phone="+1 555 0178",
        email="m.lee@harborfinch.example",
    )
    s.thank(interview, interviewer, s.day(-34, 17), medium=ThankYouMedium.EMAIL)
    s.add(
        ev.DecisionReceived(
            at=s.day(-24, 15),
            application_id=app,
            kind=DecisionKind.REJECTED,
            person_id=recruiter,
            reason="The team moved forward with another applicant.",
        )
    )
    request = new_id("fbr")
    s.add(
        ev.FeedbackRequested(
            at=s.day(-23, 9),
            request_id=request,
            application_id=app,
            person_id=interviewer,
            channel=Channel.PHONE,
            message=(
                "Thank you again for the conversation about the coordinator role. Could we "
                "talk on the phone for ten minutes in the coming days? I would value your "
                "advice on how I can improve."
            ),
        ),
        ev.FeedbackCallScheduled(
            at=s.day(-22, 11), request_id=request, scheduled_for=s.day(-20, 16)
        ),
        ev.FeedbackCallHeld(at=s.day(-20, 16, 30), request_id=request),
    )
    behaviour = s.feedback(
        application=app,
        request=request,
        at=s.day(-20, 17),
        sentiment=Sentiment.NEGATIVE,
        category=FeedbackCategory.BEHAVIOUR,
        summary="Answers ran long; start with the outcome, then the detail.",
        themes=("concise answers",),
    )
    skill = s.feedback(
        application=app,
        request=request,
        at=s.day(-20, 17),
        sentiment=Sentiment.NEGATIVE,
        category=FeedbackCategory.SKILL,
        summary="Little hands-on time with warehouse management software.",
        themes=("wms software",),
    )
    s.feedback(
        application=app,
        request=request,
        at=s.day(-20, 17),
        sentiment=Sentiment.POSITIVE,
        category=FeedbackCategory.OTHER,
        summary="Came with well-researched questions about the new site.",
        themes=("preparation",),
    )
    # The strength opened the door to the three questions, asked at the end of the call.
    for question, answer, note in (
        (FollowUpQuestion.SIMILAR_ROLE, Answer.MAYBE, "Keeps the CV for the second site."),
        (FollowUpQuestion.OTHER_ROLES, Answer.NO, None),
        (FollowUpQuestion.STAY_IN_TOUCH, Answer.NO, None),
    ):
        s.add(
            ev.FollowUpAnswered(
                at=s.day(-20, 16, 45),
                application_id=app,
                person_id=interviewer,
                question=question,
                answer=answer,
                note=note,
            )
        )
    s.add(
        ev.ActionPlanned(
            at=s.day(-20, 18),
            action_id=new_id("act"),
            kind=ActionKind.BEHAVIOUR_CHANGE,
            title="Rehearse two-minute answers that open with the result",
            due=s.day(3, 18),
            feedback_item_id=behaviour,
            application_id=app,
        ),
        ev.ActionPlanned(
            at=s.day(-20, 18),
            action_id=new_id("act"),
            kind=ActionKind.SKILL_PLAN,
            title="Take an introductory WMS course and build one practice report",
            due=s.day(30, 18),
            feedback_item_id=skill,
            application_id=app,
        ),
    )


def _positive_feedback(s: _Story) -> None:
    """(c) Good feedback; the three questions asked; a stay-in-touch plan under way."""
    org = s.org("Lindqvist Health", s.day(-61))
    app = s.application(org, "Business Analyst", s.day(-60))
    manager = s.person(
        "Elena Sorensen", Role.HIRING_MANAGER, org, s.day(-55), "Head of Service Design"
    )
    assistant = s.person("Sam Whitaker", Role.ASSISTANT, org, s.day(-50, 13))
    s.research(
        app,
        s.day(-52, 19),
        manager,
        (
            "Runs four clinics; rolling out online booking.",
            "Maps patient journeys and writes requirements for the booking team.",
            "Elena has written about reducing waiting times.",
        ),
    )
    interview = s.interview(app, s.day(-50, 13), (manager,), s.day(-55))
    s.add(ev.InterviewHeld(at=s.day(-50, 14), interview_id=interview, people_met=(assistant,)))
    s.card(
        manager,
        interview,
        s.day(-50, 14),
        cell_phone="+1 555 0191",
        email="elena.sorensen@lindqvist.example",
        address="4 Linden Row, Northfield",
    )
    s.thank(interview, manager, s.day(-50, 19), delivered=s.day(-49, 11))
    s.thank(interview, assistant, s.day(-50, 19), delivered=s.day(-49, 11))
    s.add(
        ev.DecisionReceived(
            at=s.day(-40, 10), application_id=app, kind=DecisionKind.REJECTED, person_id=manager
        )
    )
    request = new_id("fbr")
    s.add(
        ev.FeedbackRequested(
            at=s.day(-39, 9),
            request_id=request,
            application_id=app,
            person_id=manager,
            channel=Channel.VIDEO,
            message=(
                "Thank you for your time during the process. Would you be open to a short "
                "video call? Your view on what I could do better would help me a great deal."
            ),
        ),
        ev.FeedbackCallScheduled(
            at=s.day(-38, 10), request_id=request, scheduled_for=s.day(-36, 11)
        ),
        ev.FeedbackCallHeld(at=s.day(-36, 11, 30), request_id=request),
    )
    s.feedback(
        application=app,
        request=request,
        at=s.day(-36, 12),
        sentiment=Sentiment.POSITIVE,
        category=FeedbackCategory.FIT,
        summary="Strong examples of bringing clinical and technical teams together.",
        themes=("stakeholder communication", "preparation"),
    )
    answers = (
        (FollowUpQuestion.SIMILAR_ROLE, Answer.YES, "Would call first if a similar post opens."),
        (FollowUpQuestion.OTHER_ROLES, Answer.MAYBE, "The data team may hire in the spring."),
        (FollowUpQuestion.STAY_IN_TOUCH, Answer.YES, None),
    )
    for question, answer, note in answers:
        s.add(
            ev.FollowUpAnswered(
                at=s.day(-36, 11, 30),
                application_id=app,
                person_id=manager,
                question=question,
                answer=answer,
                note=note,
            )
        )
    watch = new_id("act")
    s.add(
        ev.ActionPlanned(
            at=s.day(-36, 13),
            action_id=watch,
            kind=ActionKind.WATCH_OPENINGS,
            title="Watch Lindqvist Health's analyst and data openings",
            due=s.day(-30, 18),
            application_id=app,
            person_id=manager,
        ),
        ev.ActionCompleted(at=s.day(-33, 10), action_id=watch),
        ev.StayInTouchAgreed(at=s.day(-36, 11, 30), person_id=manager, cadence_days=42),
        ev.TouchpointLogged(
            at=s.day(-12, 10),
            touchpoint_id=new_id("tch"),
            person_id=manager,
            channel=Channel.EMAIL,
            note="Sent a short piece on clinic waiting-time dashboards she had mentioned.",
        ),
    )
