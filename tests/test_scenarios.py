"""Stories from a job search, told through the workspace API, and what the agenda says."""

from __future__ import annotations

from datetime import timedelta

from afterview import Advice, Subject, Workspace, events
from conftest import T0, Clock


def codes(agenda: list[Advice]) -> list[str]:
    return [a.code for a in agenda]


def on_site_interview(ws: Workspace) -> dict[str, str]:
    """A Monday on-site interview at Acme with two interviewers and a receptionist."""
    org = ws.add_organization("Acme Analytics")
    ids = {
        "org": org,
        "dana": ws.add_contact("Dana Reyes", "interviewer", organization=org),
        "lee": ws.add_contact("Lee Park", "hiring_manager", organization=org),
        "kim": ws.add_contact("Kim Lo", "receptionist", organization=org),
        "pat": ws.add_contact("Pat Lee", "hr", organization=org),
    }
    ids["app"] = ws.submit_application(org, "Data Analyst", at=T0 - timedelta(days=10))
    ids["interview"] = ws.schedule_interview(
        ids["app"], T0, interviewers=[ids["dana"], ids["lee"]], at=T0 - timedelta(days=7)
    )
    return ids


def prepare_and_attend(ws: Workspace, ids: dict[str, str]) -> None:
    for person in ("dana", "lee"):
        ws.note_research(ids["app"], "interviewer", person=ids[person], at=T0 - timedelta(days=3))
    ws.note_research(ids["app"], "role", at=T0 - timedelta(days=3))
    ws.note_research(ids["app"], "organization", at=T0 - timedelta(days=3))
    ws.record_interview_held(ids["interview"], people_met=[ids["kim"]], at=T0 + timedelta(hours=2))
    for person, phone in (("dana", "+1 555 0101"), ("lee", "+1 555 0102")):
        ws.collect_business_card(
            ids[person],
            work_phone=phone,
            mailing_address="1 Main St",
            interview=ids["interview"],
            at=T0 + timedelta(hours=2),
        )


def test_a_week_before_the_interview_the_agenda_is_about_research(
    ws: Workspace, clock: Clock
) -> None:
    ids = on_site_interview(ws)
    clock.now = T0 - timedelta(days=7)
    # Research first; the reminder about cards and the front desk comes the evening before.
    assert codes(ws.agenda()) == ["AV101", "AV101", "AV102", "AV103", "AV204"]
    research = [a for a in ws.agenda() if a.code.startswith("AV1")]
    assert {a.due for a in research} == {T0 - timedelta(hours=48)}
    prepare_and_attend(ws, ids)
    clock.now = T0 - timedelta(days=1)
    assert not [c for c in codes(ws.agenda()) if c.startswith("AV1")]


def test_candidate_who_thanks_everyone_including_the_receptionist_has_nothing_left_to_do(
    ws: Workspace, clock: Clock
) -> None:
    ids = on_site_interview(ws)
    prepare_and_attend(ws, ids)
    clock.now = T0 + timedelta(hours=3)
    thanks = [a for a in ws.agenda() if a.code == "AV301"]
    assert [a.subjects[1] for a in thanks] == [
        Subject("person", ids["dana"]),
        Subject("person", ids["lee"]),
        Subject("person", ids["kim"]),
    ]
    # Handwritten, left at reception the next morning, while the team is still interviewing.
    next_morning = T0 + timedelta(days=1, hours=-1)
    for person in ("dana", "lee", "kim"):
        ws.send_thank_you(
            ids["interview"],
            ids[person],
            medium="handwritten",
            delivered_at=next_morning,
            at=T0 + timedelta(hours=8),
        )
    clock.now = next_morning
    assert ws.agenda() == []


def test_rejection_leads_to_a_voice_request_to_the_interviewer_not_hr(
    ws: Workspace, clock: Clock
) -> None:
    ids = on_site_interview(ws)
    prepare_and_attend(ws, ids)
    for person in ("dana", "lee", "kim"):
        ws.send_thank_you(
            ids["interview"], ids[person], delivered_at=T0 + timedelta(hours=20), at=T0
        )
    decided = T0 + timedelta(days=4)
    ws.record_decision(ids["app"], "rejected", person=ids["pat"], at=decided)
    clock.now = decided
    [ask] = ws.agenda()
    assert ask.code == "AV401"
    assert ask.subjects == (Subject("application", ids["app"]), Subject("person", ids["dana"]))
    assert "Dana Reyes" in ask.message
    assert "Pat" not in ask.message
    # The candidate first writes to HR by email asking for reasons: two warnings.
    request = ws.request_feedback_call(
        ids["app"],
        ids["pat"],
        channel="email",
        message="Could you please explain why I was not selected?",
    )
    assert codes(ws.agenda()) == ["AV404", "AV403"]
    # Then does it right: a call request to the interviewer, using the draft.
    draft = ws.draft_feedback_request(ids["app"], ids["dana"])
    assert ws.lint(draft) == []
    call = ws.request_feedback_call(ids["app"], ids["dana"], channel="phone", message=draft)
    assert [a.code for a in ws.agenda() if a.code.startswith("AV4")] == []
    ws.record_no_response(request)
    ws.schedule_feedback_call(call, decided + timedelta(days=3))
    assert ws.agenda() == []


def test_position_on_hold_asks_to_be_considered_instead_of_asking_why(
    ws: Workspace, clock: Clock
) -> None:
    ids = on_site_interview(ws)
    prepare_and_attend(ws, ids)
    ws.record_decision(ids["app"], "on_hold", at=T0 + timedelta(days=2))
    clock.now = T0 + timedelta(days=2)
    agenda = ws.agenda()
    assert codes(agenda) == ["AV402"]
    assert "considered when it reopens" in agenda[0].message
    draft = ws.draft_feedback_request(ids["app"], ids["dana"])
    assert "considered" in draft
    assert "why" not in draft.lower()
    ws.request_feedback_call(ids["app"], ids["dana"], channel="email", message=draft)
    assert ws.agenda() == []


def test_positive_feedback_asks_all_three_questions(ws: Workspace, clock: Clock) -> None:
    ids = on_site_interview(ws)
    prepare_and_attend(ws, ids)
    ws.record_decision(ids["app"], "rejected", at=T0 + timedelta(days=3))
    request = ws.request_feedback_call(ids["app"], ids["dana"], at=T0 + timedelta(days=4))
    ws.record_feedback_call_held(request, at=T0 + timedelta(days=6))
    clock.now = T0 + timedelta(days=6)
    assert codes(ws.agenda()) == ["AV501"]
    script = ws.draft_call_script(ids["app"], ids["dana"])
    assert ws.lint(script) == []
    ws.record_feedback(ids["app"], "positive", "skill", "strong modelling", request=request)
    weak = ws.record_feedback(
        ids["app"], "negative", "behaviour", "answers ran long", request=request
    )
    assert codes(ws.agenda()) == ["AV503", "AV504", "AV505", "AV502"]
    ws.plan_action(
        "behaviour_change",
        "Practise two-minute answers",
        T0 + timedelta(days=20),
        feedback_item=weak,
    )
    for question in ("similar_role", "other_roles", "stay_in_touch"):
        ws.record_follow_up_answer(ids["app"], ids["dana"], question, "no")
    assert codes(ws.agenda()) == ["AV601"]  # the planned action, until it is done


def test_agreeing_to_stay_in_touch_makes_a_referral_source_with_cadence_reminders(
    ws: Workspace, clock: Clock
) -> None:
    ids = on_site_interview(ws)
    prepare_and_attend(ws, ids)
    ws.record_decision(ids["app"], "rejected", at=T0 + timedelta(days=3))
    request = ws.request_feedback_call(ids["app"], ids["dana"], at=T0 + timedelta(days=4))
    ws.record_feedback_call_held(request, at=T0 + timedelta(days=6))
    ws.record_feedback(ids["app"], "positive", "skill", request=request, at=T0 + timedelta(days=6))
    answered = T0 + timedelta(days=6)
    ws.record_follow_up_answer(ids["app"], ids["dana"], "similar_role", "yes", at=answered)
    ws.record_follow_up_answer(ids["app"], ids["dana"], "other_roles", "no", at=answered)
    ws.record_follow_up_answer(ids["app"], ids["dana"], "stay_in_touch", "yes", at=answered)
    clock.now = answered
    assert codes(ws.agenda()) == ["AV602", "AV604"]
    ws.agree_stay_in_touch(ids["dana"], at=answered)
    watch = ws.plan_action(
        "watch_openings",
        "Check Acme's openings weekly",
        answered + timedelta(days=7),
        application=ids["app"],
        at=answered,
    )
    assert ws.state.people[ids["dana"]].referral_source
    assert codes(ws.agenda()) == ["AV601"]  # the watch itself, planned for next week
    # Six weeks later, the first touchpoint falls due; after it, the next one six weeks on.
    clock.now = answered + timedelta(days=42)
    assert codes(ws.agenda()) == ["AV601", "AV603"]
    ws.complete_action(watch)
    ws.log_touchpoint(ids["dana"], "email", note="shared an article on forecasting")
    assert ws.agenda() == []
    clock.now = answered + timedelta(days=84)
    assert codes(ws.agenda()) == ["AV603"]


def test_a_new_opening_at_a_warm_contacts_organization_means_call_them_first(
    ws: Workspace, clock: Clock
) -> None:
    ids = on_site_interview(ws)
    ws.record_decision(ids["app"], "rejected", at=T0 + timedelta(days=3))
    ws.record_follow_up_answer(
        ids["app"], ids["dana"], "similar_role", "yes", at=T0 + timedelta(days=6)
    )
    ws.plan_action(
        "watch_openings", "Watch the board", T0 + timedelta(days=60), application=ids["app"]
    )
    seen = T0 + timedelta(days=30)
    ws.record(
        events.PostingSeen(
            at=seen, posting_id="pst_1", organization_id=ids["org"], title="Senior Data Analyst"
        )
    )
    clock.now = seen
    [reach] = [a for a in ws.agenda() if a.code == "AV605"]
    assert reach.message.startswith("Dana Reyes can vouch for you")
    ws.log_touchpoint(ids["dana"], "phone", about_posting=True, at=seen + timedelta(hours=3))
    assert [a for a in ws.agenda() if a.code == "AV605"] == []
