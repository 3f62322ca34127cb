"""Corrections and removals are facts of their own: they fold, they refuse what does not fit,
their personal fields are sealed and forgotten like any other, and exports replay them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings

from afterview import (
    DecisionKind,
    EventRejected,
    PluginManager,
    Role,
    Workspace,
)
from afterview import events as ev
from afterview.fold import fold
from afterview.redaction import PERSONAL_FIELDS
from afterview.testing.strategies import event_of
from conftest import T0


def _sqlite(tmp_path: Path) -> Workspace:
    return Workspace.open(
        f"sqlite:///{tmp_path / 'a.sqlite'}", plugin_manager=PluginManager(load_entry_points=False)
    )


def test_a_corrected_name_is_sealed_on_disk_and_gone_after_forget(tmp_path: Path) -> None:
    with _sqlite(tmp_path) as ws:
        dana = ws.add_contact("Dana Reys", Role.INTERVIEWER, at=T0)
        ws.correct_contact(dana, name="Zebulon Quennell", email="zq@acme.example", at=T0)
        assert ws.state.people[dana].name == "Zebulon Quennell"
        raw = (tmp_path / "a.sqlite").read_bytes()
        assert b"Zebulon" not in raw
        assert b"zq@acme" not in raw
        ws.forget(dana)
        assert ws.state.people[dana].name == ""
        assert "Zebulon" not in str(ws.export())
    with _sqlite(tmp_path) as again:
        assert again.state.people[dana].forgotten


def test_removing_a_mistaken_person_forgets_them_and_a_referred_one_is_refused(
    ws: Workspace,
) -> None:
    org = ws.add_organization("Acme")
    typo = ws.add_contact("Dana Reys", Role.INTERVIEWER, organization=org)
    dana = ws.add_contact("Dana Reyes", Role.INTERVIEWER, organization=org)
    app = ws.submit_application(org, "Analyst")
    ws.schedule_interview(app, T0 + timedelta(days=1), interviewers=[dana])
    ws.remove_record(typo)
    assert typo not in ws.state.people
    assert "Dana Reys" not in str(ws.export())
    version = ws.state.version
    with pytest.raises(EventRejected, match="interview"):
        ws.remove_record(dana)
    with pytest.raises(EventRejected, match="application"):
        ws.remove_record(org)
    assert ws.state.version == version
    assert not ws.state.people[dana].forgotten


def test_a_removed_decision_gives_back_the_one_before_and_dates_are_corrected(
    ws: Workspace,
) -> None:
    org = ws.add_organization("Acme")
    app = ws.submit_application(org, "Analyst", at=T0)
    ws.record_decision(app, DecisionKind.ON_HOLD, at=T0 + timedelta(days=2))
    ws.record_decision(app, DecisionKind.REJECTED, at=T0 + timedelta(days=3))
    ws.correct_date(app, T0 + timedelta(days=4), decision=True)
    assert ws.state.decisions[app].at == T0 + timedelta(days=4)
    ws.remove_record(app, decision=True)
    assert ws.state.decisions[app].kind is DecisionKind.ON_HOLD
    ws.correct_date(app, T0 - timedelta(days=1))
    assert ws.state.applications[app].applied_at == T0 - timedelta(days=1)
    with pytest.raises(EventRejected, match="no date"):
        ws.correct_date(org, T0)


def test_every_removal_of_every_kind_refolds_from_the_log(ws: Workspace) -> None:
    org = ws.add_organization("Acme")
    app = ws.submit_application(org, "Analyst", at=T0)
    action = ws.plan_action("other", "Send the article", T0 + timedelta(days=3))
    note = ws.note_research(app, "role")
    ws.remove_record("send the article")
    ws.remove_record(note)
    ws.remove_record(app)
    ws.remove_record(org)
    assert not ws.state.organizations
    assert not ws.state.actions
    assert action not in ws.state.actions
    replayed = fold(ws.events())
    assert replayed.organizations == ws.state.organizations
    assert replayed.research_by_application == ws.state.research_by_application


def test_erased_corrections_still_fold() -> None:
    """An erased correction (its key destroyed) changes nothing, so the log still folds."""
    added = ev.ContactAdded(at=T0, person_id="p", role=Role.HR, name="Dana")
    blanks = PERSONAL_FIELDS[ev.ContactCorrected]
    erased = ev.ContactCorrected(at=T0, person_id="p", **blanks)  # type: ignore[arg-type]
    state = fold([added, erased])
    assert state.people["p"].name == "Dana"


@settings(max_examples=50)
@given(event=event_of(ev.RecordRemoved) | event_of(ev.DateCorrected))
def test_a_correction_of_an_unknown_record_is_refused(event: ev.Event) -> None:
    with pytest.raises(EventRejected):
        fold([event])
