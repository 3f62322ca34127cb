"""AV6xx: finish actions, stay in touch on a cadence, reach warm contacts about openings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from afterview import Advice, Priority, Settings, SettingsError, Subject, Workspace, events
from conftest import T0, Clock


def advice(ws: Workspace, code: str) -> list[Advice]:
    return [a for a in ws.agenda() if a.code == code]


def rejected_with_contact(ws: Workspace, *, board_url: str | None = None) -> tuple[str, str, str]:
    org = ws.add_organization("Acme Analytics", board_url=board_url)
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org)
    app = ws.submit_application(org, "Data Analyst")
    ws.record_decision(app, "rejected")
    return org, dana, app


def test_a_planned_action_stays_on_the_agenda_until_it_is_done(ws: Workspace, clock: Clock) -> None:
    _, _, app = rejected_with_contact(ws)
    due = T0 + timedelta(days=7)
    action = ws.plan_action("skill_plan", "Finish the SQL course", due, application=app)
    [planned] = advice(ws, "AV601")
    assert planned.subjects == (Subject("action", action), Subject("application", app))
    assert planned.due == due
    assert planned.priority is Priority.NORMAL
    assert planned.message == "Planned: Finish the SQL course"
    clock.now = due + timedelta(hours=1)
    [overdue] = advice(ws, "AV601")
    assert overdue.due == due
    assert overdue.priority is Priority.HIGH
    assert overdue.message == "Overdue: Finish the SQL course"
    ws.complete_action(action)
    assert advice(ws, "AV601") == []


def test_a_yes_to_staying_in_touch_needs_an_agreed_rhythm(ws: Workspace) -> None:
    _, dana, app = rejected_with_contact(ws)
    ws.record_follow_up_answer(app, dana, "stay_in_touch", "yes")
    [item] = advice(ws, "AV602")
    assert item.subjects == (Subject("person", dana),)
    assert item.due == T0 + timedelta(days=7)
    ws.agree_stay_in_touch(dana)
    assert advice(ws, "AV602") == []
    assert ws.state.people[dana].referral_source


def test_touchpoints_fall_due_every_cadence_after_the_last_one(ws: Workspace, clock: Clock) -> None:
    _, dana, _ = rejected_with_contact(ws)
    ws.agree_stay_in_touch(dana, cadence_days=30)
    clock.now = T0 + timedelta(days=29)
    assert advice(ws, "AV603") == []
    clock.now = T0 + timedelta(days=30)
    [item] = advice(ws, "AV603")
    assert item.due == T0 + timedelta(days=30)
    ws.log_touchpoint(dana, "email")
    assert advice(ws, "AV603") == []
    clock.now = T0 + timedelta(days=60)
    assert [a.due for a in advice(ws, "AV603")] == [T0 + timedelta(days=60)]
    ws.end_stay_in_touch(dana)
    assert advice(ws, "AV603") == []


def test_a_yes_to_similar_roles_means_watching_for_openings(ws: Workspace) -> None:
    _, dana, app = rejected_with_contact(ws)
    ws.record_follow_up_answer(app, dana, "similar_role", "yes")
    [item] = advice(ws, "AV604")
    assert item.subjects == (Subject("application", app), Subject("person", dana))
    ws.plan_action("watch_openings", "Check the board weekly", T0, application=app)
    assert advice(ws, "AV604") == []


def test_a_maybe_about_other_roles_is_also_worth_watching(ws: Workspace) -> None:
    _, dana, app = rejected_with_contact(ws)
    ws.record_follow_up_answer(app, dana, "other_roles", "maybe")
    assert len(advice(ws, "AV604")) == 1


def test_a_watched_job_board_needs_no_reminder_to_watch(ws: Workspace) -> None:
    _, dana, app = rejected_with_contact(ws, board_url="greenhouse-board://acme")
    ws.record_follow_up_answer(app, dana, "similar_role", "yes")
    assert advice(ws, "AV604") == []


def test_a_new_opening_where_a_contact_said_yes_means_call_them_now(ws: Workspace) -> None:
    org, dana, app = rejected_with_contact(ws, board_url="greenhouse-board://acme")
    ws.record_follow_up_answer(app, dana, "similar_role", "yes")
    seen = T0 + timedelta(days=20)
    ws.record(
        events.PostingSeen(at=seen, posting_id="pst_9", organization_id=org, title="Analyst II")
    )
    [item] = advice(ws, "AV605")
    assert item.priority is Priority.HIGH
    assert item.subjects == (Subject("posting", "pst_9"), Subject("person", dana))
    assert item.due == seen + timedelta(days=2)
    assert "Analyst II" in item.message
    ws.log_touchpoint(dana, "phone", about_posting=True, at=seen + timedelta(hours=2))
    assert advice(ws, "AV605") == []


def test_a_closed_opening_needs_no_call(ws: Workspace) -> None:
    org, dana, app = rejected_with_contact(ws)
    ws.record_follow_up_answer(app, dana, "similar_role", "yes")
    ws.record(events.PostingSeen(at=T0, posting_id="pst_9", organization_id=org, title="BI"))
    ws.record(events.PostingClosed(at=T0 + timedelta(days=1), posting_id="pst_9"))
    assert advice(ws, "AV605") == []


def test_an_opening_where_nobody_said_yes_is_not_a_warm_lead(ws: Workspace) -> None:
    org, dana, app = rejected_with_contact(ws)
    ws.record_follow_up_answer(app, dana, "similar_role", "no")
    ws.record(events.PostingSeen(at=T0, posting_id="pst_9", organization_id=org, title="BI"))
    assert advice(ws, "AV605") == []


def test_contact_only_about_postings_asks_for_a_touch_between_them(ws: Workspace) -> None:
    _, dana, _ = rejected_with_contact(ws)
    ws.agree_stay_in_touch(dana)
    ws.log_touchpoint(dana, "phone", about_posting=True, at=T0 + timedelta(days=1))
    assert advice(ws, "AV606") == []
    ws.log_touchpoint(dana, "phone", about_posting=True, at=T0 + timedelta(days=2))
    [item] = advice(ws, "AV606")
    assert item.priority is Priority.LOW
    assert item.subjects == (Subject("person", dana),)
    ws.log_touchpoint(dana, "email", note="congratulations on the launch")
    assert advice(ws, "AV606") == []


def test_the_time_to_reach_a_contact_follows_the_setting(ws: Workspace) -> None:
    org, dana, app = rejected_with_contact(ws)
    ws.record_follow_up_answer(app, dana, "other_roles", "yes")
    ws.record(events.PostingSeen(at=T0, posting_id="pst_9", organization_id=org, title="BI"))
    ws.settings = Settings(posting_contact_days=5)
    assert [a.due for a in advice(ws, "AV605")] == [T0 + timedelta(days=5)]


@pytest.mark.parametrize("value", [0, -2, "2", True])
def test_a_posting_contact_delay_that_is_not_a_positive_whole_number_is_refused(
    value: object,
) -> None:
    with pytest.raises(SettingsError, match="posting_contact_days"):
        Settings.from_mapping({"posting_contact_days": value})
