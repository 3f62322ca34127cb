"""How advice names what it is about, so that two pieces of advice never read the same.

Two lines saying "Plan how you will learn this skill" for two different pieces of feedback leave
the job seeker guessing which is which; every message names its application, interview or
feedback item in words they recognise.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from afterview.fold import State
from afterview.model import FeedbackItem, Interview
from afterview.playbook.helpers import describe
from afterview.wording import possessive

__all__ = ["application_label", "contact_at", "day", "feedback_label", "interview_label"]

#: Longer summaries are cut here: the advice names the feedback, it does not repeat it.
_SUMMARY_LENGTH = 60


def day(moment: datetime, zone: tzinfo | None = None) -> str:
    """``Monday 4 May``: the day as people say it, in ``zone`` (the job seeker's, so that it is
    the day their deadlines count in; the moment's own offset when ``None``)."""
    if zone is not None:
        moment = moment.astimezone(zone)
    return f"{moment:%A} {moment.day} {moment:%B}"


def application_label(state: State, application_id: str) -> str:
    """``the Data Analyst role at Acme Analytics``."""
    application = state.applications[application_id]
    organization = state.organizations.get(application.organization_id)
    title = application.role_title.strip()
    role = f"the {title} role" if title else "the role"
    return role if organization is None else f"{role} at {organization.name}"


def contact_at(state: State, person_id: str, application_id: str) -> str:
    """``Dana Reyes at Acme Analytics``: the person, and where the application is."""
    person = describe(state.people[person_id])
    organization = state.organizations.get(state.applications[application_id].organization_id)
    return person if organization is None else f"{person} at {organization.name}"


def interview_label(state: State, interview: Interview, zone: tzinfo | None = None) -> str:
    """``your Acme Analytics interview on Monday 4 May`` (the day in ``zone``)."""
    application = state.applications[interview.application_id]
    organization = state.organizations.get(application.organization_id)
    where = "" if organization is None else f"{organization.name} "
    return f"your {where}interview on {day(interview.scheduled_for, zone)}"


def _shortened(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= _SUMMARY_LENGTH:
        return flat
    return flat[: _SUMMARY_LENGTH - 1].rstrip() + "\u2026"


def feedback_label(state: State, item: FeedbackItem, zone: tzinfo | None = None) -> str:
    """``Acme Analytics' feedback “Little SQL reporting”``: where it came from, then its
    summary, else its themes, else its day."""
    organization = state.organizations[state.applications[item.application_id].organization_id]
    if item.summary.strip():
        what = f"\u201c{_shortened(item.summary)}\u201d"
    elif item.themes:
        what = "about " + ", ".join(f"\u201c{t}\u201d" for t in item.themes)
    else:
        what = f"of {day(item.at, zone)}"
    return f"{possessive(organization.name)} feedback {what}"
