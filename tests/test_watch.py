"""The opening watch: a contact who left the door open makes their organization's board watched."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview import BoardPosting, PluginManager, Subject, Workspace, hookimpl
from afterview.ats.watch import STOP_WORDS, significant_words
from conftest import Clock


class Board:
    """A job board held in memory; a test changes its postings between watches."""

    def __init__(self, url: str, postings: Sequence[BoardPosting] = ()) -> None:
        self._url = url
        self.current: list[BoardPosting] = list(postings)
        self.reads = 0
        self.closed = 0

    @property
    def url(self) -> str:
        return self._url

    def postings(self) -> Sequence[BoardPosting]:
        self.reads += 1
        return list(self.current)

    def close(self) -> None:
        self.closed += 1


class BrokenBoard(Board):
    def postings(self) -> Sequence[BoardPosting]:
        raise ConnectionError("board unreachable")


class Boards:
    """A plugin opening ``test-board://NAME`` URLs from a dict."""

    def __init__(self) -> None:
        self.by_url: dict[str, Board] = {}

    def add(self, board: Board) -> Board:
        self.by_url[board.url] = board
        return board

    @hookimpl
    def afterview_open_job_board(self, url: str) -> Board | None:
        return self.by_url.get(url)


@pytest.fixture
def boards(plugin_manager: PluginManager) -> Boards:
    plugin = Boards()
    plugin_manager.register(plugin, name="test-boards")
    return plugin


def posting(ref: str, title: str, department: str | None = None) -> BoardPosting:
    return BoardPosting(external_ref=ref, title=title, department=department)


def contact_said(
    ws: Workspace, org_name: str, role: str, question: str, answer: str, *, board: bool = True
) -> str:
    org = ws.add_organization(org_name, board_url=f"test-board://{org_name}" if board else None)
    app = ws.submit_application(org, role)
    person = ws.add_contact(f"Contact at {org_name}", "interviewer", organization=org)
    ws.record_follow_up_answer(app, person, question, answer)
    return org


def test_a_similar_role_posting_is_reported_once(ws: Workspace, boards: Boards) -> None:
    org = contact_said(ws, "Acme", "Senior Data Analyst", "similar_role", "yes")
    boards.add(
        Board(
            "test-board://Acme",
            [posting("1", "Data Analyst II"), posting("2", "Senior Accountant")],
        )
    )

    first = ws.watch()
    second = ws.watch()

    assert [e.title for e in first.new] == ["Data Analyst II"]
    assert first.checked == (org,)
    assert second.new == ()
    postings = list(ws.state.postings.values())
    assert [(p.title, p.organization_id, p.external_ref) for p in postings] == [
        ("Data Analyst II", org, "1")
    ]


def test_other_roles_answer_watches_every_posting(ws: Workspace, boards: Boards) -> None:
    contact_said(ws, "Acme", "Data Analyst", "other_roles", "maybe")
    boards.add(
        Board("test-board://Acme", [posting("1", "Accountant"), posting("2", "Office Manager")])
    )

    report = ws.watch()

    assert sorted(e.title for e in report.new) == ["Accountant", "Office Manager"]


def test_the_department_counts_as_a_match(ws: Workspace, boards: Boards) -> None:
    contact_said(ws, "Acme", "Analytics Engineer", "similar_role", "yes")
    boards.add(
        Board(
            "test-board://Acme",
            [
                posting("1", "Designer", department="Platform"),
                posting("7", "Builder", department="Analytics"),
            ],
        )
    )

    assert [e.external_ref for e in ws.watch().new] == ["7"]


def test_a_posting_listed_twice_on_one_board_is_reported_once(
    ws: Workspace, boards: Boards
) -> None:
    org = contact_said(ws, "Acme", "Data Analyst", "other_roles", "maybe")
    boards.add(
        Board(
            "test-board://Acme",
            [
                posting("1", "Data Analyst", department="Analytics"),
                posting("2", "Accountant"),
                posting("1", "Data Analyst (remote)", department="Finance"),
            ],
        )
    )

    first = ws.watch()
    second = ws.watch()

    assert first.failures == ()
    assert first.checked == (org,)
    assert [(e.external_ref, e.title, e.department) for e in first.new] == [
        ("1", "Data Analyst", "Analytics"),
        ("2", "Accountant", None),
    ]
    assert (second.new, second.closed, second.failures) == ((), (), ())
    assert sorted(p.external_ref or "" for p in ws.state.postings.values()) == ["1", "2"]


@pytest.mark.parametrize(
    ("question", "answer"),
    [("similar_role", "no"), ("similar_role", "maybe"), ("other_roles", "no")],
)
def test_a_closed_door_is_not_watched(
    ws: Workspace, boards: Boards, question: str, answer: str
) -> None:
    contact_said(ws, "Acme", "Data Analyst", question, answer)
    board = boards.add(Board("test-board://Acme", [posting("1", "Data Analyst")]))

    report = ws.watch()

    assert report == type(report)()
    assert board.reads == 0
    assert ws.state.postings == {}


def test_a_posting_that_disappears_is_closed_and_reported_again_when_it_returns(
    ws: Workspace, boards: Boards, clock: Clock
) -> None:
    contact_said(ws, "Acme", "Data Analyst", "similar_role", "yes")
    board = boards.add(Board("test-board://Acme", [posting("1", "Data Analyst")]))
    first = ws.watch()

    board.current = []
    clock.now += timedelta(days=3)
    gone = ws.watch()

    board.current = [posting("1", "Data Analyst")]
    clock.now += timedelta(days=3)
    back = ws.watch()

    assert [c.posting_id for c in gone.closed] == [first.new[0].posting_id]
    assert len(back.new) == 1
    assert back.new[0].posting_id != first.new[0].posting_id
    assert back.new[0].external_ref == "1"
    old, new = ws.state.postings[first.new[0].posting_id], ws.state.postings[back.new[0].posting_id]
    assert old.closed_at == clock.now - timedelta(days=3)
    assert new.closed_at is None
    assert new.first_seen == clock.now


def test_a_broken_board_is_reported_and_the_others_are_still_checked(
    ws: Workspace, boards: Boards
) -> None:
    broken = contact_said(ws, "Broken", "Data Analyst", "other_roles", "yes")
    fine = contact_said(ws, "Fine", "Data Analyst", "other_roles", "yes")
    boards.add(BrokenBoard("test-board://Broken"))
    boards.add(Board("test-board://Fine", [posting("1", "Data Analyst")]))

    report = ws.watch()

    assert report.checked == (fine,)
    assert [(f.organization_id, f.error) for f in report.failures] == [
        (broken, "ConnectionError: board unreachable")
    ]
    assert [p.organization_id for p in ws.state.postings.values()] == [fine]


def test_an_unclaimed_board_url_is_a_failure_naming_its_scheme(
    ws: Workspace, boards: Boards
) -> None:
    org = contact_said(ws, "Nowhere", "Data Analyst", "other_roles", "yes")

    report = ws.watch()

    assert [f.organization_id for f in report.failures] == [org]
    assert "test-board://…" in report.failures[0].error
    assert ws.state.postings == {}


def test_an_organization_without_a_board_is_listed_so_the_user_can_add_one(
    ws: Workspace, boards: Boards
) -> None:
    org = contact_said(ws, "Acme", "Data Analyst", "other_roles", "yes", board=False)

    report = ws.watch()

    assert report.without_board == (org,)
    assert report.checked == ()


def test_a_forgotten_contact_no_longer_keeps_a_board_watched(ws: Workspace, boards: Boards) -> None:
    contact_said(ws, "Acme", "Data Analyst", "other_roles", "yes")
    board = boards.add(Board("test-board://Acme", [posting("1", "Data Analyst")]))
    ws.forget("Contact at Acme")

    assert ws.watch().checked == ()
    assert board.reads == 0


def test_posting_ids_do_not_depend_on_the_workspace(
    clock: Clock, plugin_manager: PluginManager, boards: Boards
) -> None:
    boards.add(Board("test-board://Acme", [posting("1", "Data Analyst")]))
    seen = []
    for _ in range(2):
        with Workspace.open("memory://", plugin_manager=plugin_manager, clock=clock) as ws:
            contact_said(ws, "Acme", "Data Analyst", "similar_role", "yes")
            seen.append(ws.watch().new[0].posting_id)

    assert seen[0] == seen[1]


def test_stop_words_and_seniority_never_match_on_their_own() -> None:
    assert significant_words("Senior Lead of the Team (Remote)") == {"team"}
    assert significant_words(None) == frozenset()


@given(st.text())
def test_significant_words_are_lower_case_and_never_stop_words(text: str) -> None:
    words = significant_words(text)
    assert words.isdisjoint(STOP_WORDS)
    assert all(w == w.casefold() and w for w in words)


def test_a_new_posting_becomes_advice_to_reach_the_contact(ws: Workspace, boards: Boards) -> None:
    contact_said(ws, "Acme", "Data Analyst", "similar_role", "yes")
    boards.add(Board("test-board://Acme", [posting("1", "Data Analyst")]))

    seen = ws.watch().new[0]

    about_posting = [a for a in ws.agenda() if Subject("posting", seen.posting_id) in a.subjects]
    assert about_posting, "the playbook has no advice about the new posting"


def test_every_board_opened_is_closed_after_reading_even_when_it_fails(
    ws: Workspace, boards: Boards
) -> None:
    contact_said(ws, "Acme", "Data Analyst", "other_roles", "yes")
    contact_said(ws, "Broken", "Data Analyst", "other_roles", "yes")
    acme = boards.by_url["test-board://Acme"] = Board("test-board://Acme")
    broken = boards.by_url["test-board://Broken"] = BrokenBoard("test-board://Broken")

    report = ws.watch()

    assert len(report.failures) == 1
    assert (acme.reads, acme.closed) == (1, 1)
    assert broken.closed == 1
