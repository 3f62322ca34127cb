"""The workspace facade: export and import, names as references, and concurrent writers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from afterview import PluginManager, Workspace
from afterview.errors import ConcurrencyError, DataError, EventRejected, NotFoundError
from afterview.fold import fold
from afterview.model import DecisionKind, Role
from afterview.serialization import export_from_json, export_to_json
from conftest import T0, Clock, counting_ids

DAY = timedelta(days=1)


def _search(ws: Workspace) -> dict[str, str]:
    org = ws.add_organization("Acme Analytics", at=T0)
    dana = ws.add_contact("Dana Reyes", Role.INTERVIEWER, organization=org, at=T0)
    app = ws.submit_application("Acme Analytics", "Data Analyst", at=T0)
    interview = ws.schedule_interview(app, T0 + DAY, interviewers=["Dana Reyes"], at=T0)
    ws.record_interview_held(interview, at=T0 + DAY)
    ws.collect_business_card(dana, cell_phone="+1 555 0100", interview=interview, at=T0 + DAY)
    ws.record_decision(app, DecisionKind.REJECTED, at=T0 + 3 * DAY)
    return {"org": org, "dana": dana, "app": app, "interview": interview}


def _new_ws(plugin_manager: PluginManager, url: str = "memory://") -> Workspace:
    return Workspace.open(url, plugin_manager=plugin_manager, clock=Clock(), ids=counting_ids())


def test_an_export_imported_into_a_new_workspace_gives_the_same_state(
    ws: Workspace, plugin_manager: PluginManager
) -> None:
    _search(ws)
    text = export_to_json(ws.export())
    other = _new_ws(plugin_manager)
    assert other.import_export(export_from_json(text)) == len(ws.events())
    assert other.state == ws.state
    assert other.events() == ws.events()


def test_importing_the_same_export_twice_adds_nothing(
    ws: Workspace, plugin_manager: PluginManager
) -> None:
    _search(ws)
    document = ws.export()
    other = _new_ws(plugin_manager)
    other.import_export(document)
    assert other.import_export(document) == 0
    assert other.events() == ws.events()


def test_an_export_can_finish_a_partial_import(
    ws: Workspace, plugin_manager: PluginManager
) -> None:
    _search(ws)
    document = ws.export()
    other = _new_ws(plugin_manager)
    other.record(*document.events[:3])
    assert other.import_export(document) == len(document.events) - 3
    assert other.state == ws.state


def test_importing_into_a_workspace_with_other_events_is_refused(
    ws: Workspace, plugin_manager: PluginManager
) -> None:
    _search(ws)
    other = _new_ws(plugin_manager)
    other.add_organization("Initech", at=T0)
    before = other.events()
    with pytest.raises(EventRejected, match="import into a new workspace"):
        other.import_export(ws.export())
    assert other.events() == before


def test_people_and_applications_can_be_named_instead_of_ids(ws: Workspace) -> None:
    ids = _search(ws)
    assert ws.person("dana reyes").id == ids["dana"]
    assert ws.person("Dana").id == ids["dana"]
    assert ws.application_id("acme analytics/data analyst") == ids["app"]
    assert ws.organization_id("ACME ANALYTICS") == ids["org"]


def test_an_unknown_or_ambiguous_name_is_a_not_found_error(ws: Workspace) -> None:
    ids = _search(ws)
    ws.add_contact("Dana Cole", Role.HR, organization=ids["org"], at=T0)
    before = ws.events()
    with pytest.raises(NotFoundError, match="2 persons match"):
        ws.log_touchpoint("Dana")
    with pytest.raises(NotFoundError, match="no person matches"):
        ws.log_touchpoint("Robin")
    with pytest.raises(NotFoundError, match="no application matches"):
        ws.record_decision("Initech", DecisionKind.OFFER)
    assert ws.events() == before


def test_a_business_card_needs_at_least_one_detail(ws: Workspace) -> None:
    ids = _search(ws)
    before = ws.events()
    with pytest.raises(DataError, match="at least one phone"):
        ws.collect_business_card(ids["dana"], email="   ")
    assert ws.events() == before


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (lambda ws, ids: ws.add_contact("Sam", "ceo"), "role"),
        (lambda ws, ids: ws.schedule_interview(ids["app"], T0, format="by pigeon"), "format"),
        (lambda ws, ids: ws.record_decision(ids["app"], "ghosted"), "kind"),
        (lambda ws, ids: ws.log_touchpoint(ids["dana"], "fax"), "channel"),
        (lambda ws, ids: ws.plan_action("homework", "Practise SQL", T0), "kind"),
    ],
)
def test_an_unknown_choice_is_a_data_error_listing_the_known_ones(
    ws: Workspace, record: Callable[[Workspace, dict[str, str]], object], field: str
) -> None:
    ids = _search(ws)
    before = ws.events()
    with pytest.raises(DataError, match="; known: ") as caught:
        record(ws, ids)
    assert caught.value.path == f"$.{field}"
    assert ws.events() == before


def test_a_second_writer_sees_the_first_writers_events(plugin_manager: PluginManager) -> None:
    first = _new_ws(plugin_manager, "memory://shared-for-readers")
    second = _new_ws(plugin_manager, "memory://shared-for-readers")
    ids = _search(first)
    assert ids["app"] in second.state.applications
    assert second.state == first.state


def test_a_writer_working_from_an_old_version_gets_a_concurrency_error(
    plugin_manager: PluginManager,
) -> None:
    first = _new_ws(plugin_manager, "memory://shared-for-writers")
    second = _new_ws(plugin_manager, "memory://shared-for-writers")
    first.add_organization("Acme", at=T0)
    log = second.store.workspace(second.name)
    with pytest.raises(ConcurrencyError, match="expected version 0"):
        log.append(["{}"], expected_version=0, recorded_at=T0)
    assert log.version() == 1


def test_recording_nothing_changes_nothing(ws: Workspace) -> None:
    _search(ws)
    version = ws.state.version
    assert ws.record() == version


def test_a_fresh_workspace_over_the_same_store_folds_the_same_state(
    ws: Workspace, plugin_manager: PluginManager
) -> None:
    _search(ws)
    again = Workspace(ws.store, ws.name, plugin_manager=plugin_manager, clock=Clock())
    assert again.state == ws.state == fold(ws.events())
    assert again.agenda(T0 + 2 * DAY) == ws.agenda(T0 + 2 * DAY)


def test_invalid_workspace_names_are_refused(plugin_manager: PluginManager) -> None:
    for name in ("", "a b", "x" * 201, "../etc"):
        with pytest.raises(DataError, match="invalid workspace name"):
            Workspace.open("memory://", name=name, plugin_manager=plugin_manager)
