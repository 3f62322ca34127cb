"""Matching a message to an organization, an application and a person."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from afterview_mail import Mail, match_mail

from afterview import ContactPoint, ContactPointKind, Workspace

AT = datetime(2026, 4, 1, 9, tzinfo=UTC)


@pytest.fixture
def workspace() -> Workspace:
    ws = Workspace.open("memory://", clock=lambda: AT)
    acme = ws.add_organization("Acme Analytics", at=AT)
    ws.submit_application(acme, "Data Analyst", at=AT)
    ws.submit_application(acme, "Senior Data Analyst", at=AT)
    globex = ws.add_organization("Globex Corporation", at=AT)
    ws.submit_application(globex, "Data Engineer", at=AT)
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=acme, at=AT)
    point = ContactPoint(ContactPointKind.EMAIL, "Dana.Reyes@acme-analytics.com", True)
    ws.add_contact_details(dana, [point], at=AT)
    return ws


def mail(sender: str, subject: str = "", text: str = "", name: str = "") -> Mail:
    return Mail(key="k", sender=sender, sender_name=name, subject=subject, text=text)


def application(ws: Workspace, org: str, role: str) -> str:
    return next(
        a.id
        for a in ws.state.applications.values()
        if a.role_title == role and ws.state.organizations[a.organization_id].name == org
    )


def test_a_contacts_address_names_the_person_and_their_organization(workspace: Workspace) -> None:
    found = match_mail(
        workspace.state, mail("dana.reyes@acme-analytics.com", "Senior Data Analyst")
    )
    assert found.by == "contact"
    assert workspace.state.people[found.person_id or ""].name == "Dana Reyes"
    assert found.application_id == application(workspace, "Acme Analytics", "Senior Data Analyst")


def test_the_domain_names_the_organization_and_the_only_open_application(
    workspace: Workspace,
) -> None:
    found = match_mail(workspace.state, mail("recruiting@globex.com", "An update"))
    assert found.by == "domain"
    assert found.application_id == application(workspace, "Globex Corporation", "Data Engineer")
    assert found.person_id is None


def test_an_ats_domain_says_nothing_but_the_display_name_does(workspace: Workspace) -> None:
    sent = mail("no-reply@us.greenhouse-mail.io", "Update", name="Acme Analytics via Greenhouse")
    found = match_mail(workspace.state, sent)
    assert found.by == "name"
    # Two applications at Acme and neither role named: the user says which.
    assert found.application_id is None
    assert found.organization_id is not None


def test_the_longest_role_title_named_wins(workspace: Workspace) -> None:
    sent = mail("jobs@acme-analytics.com", "Your Senior Data Analyst application")
    found = match_mail(workspace.state, sent)
    assert found.application_id == application(workspace, "Acme Analytics", "Senior Data Analyst")


def test_a_message_about_nobody_known_matches_nothing(workspace: Workspace) -> None:
    found = match_mail(workspace.state, mail("alerts@jobboard.example.com", "12 new jobs"))
    assert (found.organization_id, found.application_id, found.person_id) == (None, None, None)


def test_the_job_seekers_own_forward_is_matched_by_what_it_forwards(workspace: Workspace) -> None:
    sent = Mail(
        key="k",
        sender="me@example.net",
        sender_name="Me",
        other_senders=("recruiting@globex.com",),
        subject="Fwd: update",
    )
    found = match_mail(workspace.state, sent, own=["me@example.net"])
    assert found.organization_id is not None
    assert workspace.state.organizations[found.organization_id].name == "Globex Corporation"
