"""Mail read from files into proposals, and proposals accepted as the events a person would
have typed: on a real SQLite workspace, with the corpus as the mail."""

from __future__ import annotations

import mailbox
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import afterview_mail_corpus as corpus
import pytest
from afterview_mail import (
    MailKind,
    MailSettings,
    ProposalBook,
    ProposalStatus,
    accept,
    auto_accept,
    book_path,
    read_inbox,
    read_mail,
    reject,
)

from afterview import DataError, DecisionKind, Workspace

NOW = datetime(2026, 5, 20, 9, tzinfo=UTC)
ENTRIES = corpus.load()
BY_KEY = {read_mail(data).key: entry for entry, data in corpus.messages(ENTRIES)}


@pytest.fixture(autouse=True)
def mail_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "mail-state"
    monkeypatch.setenv("AFTERVIEW_MAIL_DIR", str(folder))
    return folder


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with corpus.open_workspace(tmp_path, ENTRIES, now=NOW) as ws:
        yield ws


@pytest.fixture
def mbox(tmp_path: Path) -> str:
    path = tmp_path / "jobs.mbox"
    box = mailbox.mbox(path)
    for _, data in corpus.messages(ENTRIES):
        box.add(data)
    box.close()
    return f"mbox:{path}"


def book_of(ws: Workspace) -> Path:
    return book_path(ws.store.url, ws.name)


def read(ws: Workspace, source: str) -> tuple[list[int], int]:
    with ProposalBook.open(book_of(ws)) as book:
        report = read_inbox(ws, source, book)
    return [p.number for p in report.proposed], report.known


def proposal_for(ws: Workspace, ident: str) -> int:
    with ProposalBook.open(book_of(ws)) as book:
        return next(p.number for p in book.proposals if BY_KEY[p.message].id == ident)


def test_an_mbox_becomes_proposals_of_the_right_kind_and_application(
    workspace: Workspace, mbox: str
) -> None:
    proposed, known = read(workspace, mbox)

    with ProposalBook.open(book_of(workspace)) as book:
        proposals = book.proposals
    assert len(proposed) == len(proposals) >= 90
    assert known == 0
    tuned = [e for e in ENTRIES if e.split == "tune" and e.kind != "unrelated"]
    by_entry = {BY_KEY[p.message].id: p for p in proposals}
    left_to_the_user = []
    for entry in tuned:
        proposal = by_entry[entry.id]
        assert proposal.kind == entry.kind, entry.id
        assert proposal.status is ProposalStatus.PENDING
        if entry.kind == "reply":
            assert proposal.person_id is not None  # a touchpoint needs the person only
        elif proposal.application_id is None:
            left_to_the_user.append(entry.id)  # the message does not say which
        else:
            application = workspace.state.applications[proposal.application_id]
            assert application.role_title == entry.role, entry.id  # never a wrong one
    assert left_to_the_user == ["o03"]
    assert not any(BY_KEY[p.message].kind == "unrelated" for p in proposals)


def test_reading_the_same_mail_again_proposes_nothing_new(workspace: Workspace, mbox: str) -> None:
    first, _ = read(workspace, mbox)
    again, known = read(workspace, mbox)
    assert again == []
    assert known == len(first)


def test_a_maildir_and_eml_files_read_as_the_mbox_does(
    workspace: Workspace, tmp_path: Path
) -> None:
    maildir = mailbox.Maildir(tmp_path / "Jobs")
    emls = tmp_path / "emls"
    emls.mkdir()
    for entry, data in corpus.messages(ENTRIES):
        maildir.add(data)
        (emls / f"{entry.id}.eml").write_bytes(data)

    from_maildir, _ = read(workspace, f"maildir:{tmp_path / 'Jobs'}")
    from_files, known = read(workspace, f"eml:{emls}")

    assert len(from_maildir) >= 90
    assert from_files == []
    assert known == len(from_maildir)


def test_the_book_keeps_facts_and_evidence_but_no_bodies_and_no_unrelated_mail(
    workspace: Workspace, mbox: str
) -> None:
    read(workspace, mbox)
    path = book_of(workspace)
    text = path.read_text(encoding="utf-8")
    # A body line that decided nothing, and every trace of mail about nothing known.
    assert "keep an eye on our careers site" not in text
    for absent in ("Sunday lunch", "mum@example.org", "potatoes", "statement", "riley@"):
        assert absent not in text
    assert "decided to move forward with other candidates" in text  # r01's evidence
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_decision_already_typed_by_hand_is_not_proposed(workspace: Workspace, mbox: str) -> None:
    app = next(a.id for a in workspace.state.applications.values() if a.role_title == "Cellar Hand")
    workspace.record_decision(app, "rejected", at=NOW)
    read(workspace, mbox)
    with ProposalBook.open(book_of(workspace)) as book:
        assert not [p for p in book.proposals if BY_KEY[p.message].id == "r14"]


def test_an_accepted_rejection_is_a_decision_the_playbook_acts_on(
    workspace: Workspace, mbox: str
) -> None:
    dana = workspace.person("Dana Reyes").id
    app = next(
        a.id for a in workspace.state.applications.values() if a.role_title == "Data Analyst"
    )
    interview = workspace.schedule_interview(
        app, datetime(2026, 4, 20, 10, tzinfo=UTC), interviewers=[dana], at=NOW.replace(month=4)
    )
    workspace.record_interview_held(
        interview, nobody_else=True, at=datetime(2026, 4, 20, 11, tzinfo=UTC)
    )
    read(workspace, mbox)
    number = proposal_for(workspace, "r04")
    assert not [a for a in workspace.agenda() if a.code == "AV401"]

    with ProposalBook.open(book_of(workspace)) as book:
        done = accept(workspace, book, number)

    decision = workspace.state.decisions[app]
    assert done.recorded == "rejected"
    assert decision.kind is DecisionKind.REJECTED
    assert decision.person_id == dana
    assert "another candidate" in (decision.reason or "")
    assert [a.code for a in workspace.agenda() if a.code == "AV401"] == ["AV401"]
    with ProposalBook.open(book_of(workspace)) as book:
        assert book.get(number).status is ProposalStatus.ACCEPTED
        with pytest.raises(DataError, match="already accepted"):
            accept(workspace, book, number)


def test_an_accepted_invitation_goes_through_the_calendar_import(
    workspace: Workspace, mbox: str
) -> None:
    read(workspace, mbox)
    number = proposal_for(workspace, "i01")
    with ProposalBook.open(book_of(workspace)) as book:
        assert book.get(number).calendar is not None
        done = accept(workspace, book, number)
        assert book.get(number).calendar is None  # kept only until decided

    assert done.recorded == "interview scheduled"
    (interview,) = [
        i for i in workspace.state.interviews.values() if i.external_ref == "i01@corpus.test"
    ]
    assert interview.interviewers == (workspace.person("Dana Reyes").id,)


def test_an_invitation_without_a_calendar_needs_its_time(workspace: Workspace, mbox: str) -> None:
    read(workspace, mbox)
    number = proposal_for(workspace, "i02")
    when = datetime(2026, 5, 26, 14, tzinfo=UTC)
    with ProposalBook.open(book_of(workspace)) as book:
        with pytest.raises(DataError, match="--at"):
            accept(workspace, book, number)
        accept(workspace, book, number, at=when)
    assert [i.scheduled_for for i in workspace.state.interviews.values()] == [when]


def test_an_accepted_reply_is_a_touchpoint_with_the_contact(
    workspace: Workspace, mbox: str
) -> None:
    read(workspace, mbox)
    number = proposal_for(workspace, "p02")
    with ProposalBook.open(book_of(workspace)) as book:
        done = accept(workspace, book, number)
    assert done.recorded == "touchpoint"
    (touchpoint,) = workspace.state.touchpoints.values()
    assert touchpoint.person_id == workspace.person("Priya Nair").id


def test_a_dropped_proposal_records_nothing_and_does_not_come_back(
    workspace: Workspace, mbox: str
) -> None:
    read(workspace, mbox)
    number = proposal_for(workspace, "r02")
    version = workspace.state.version
    with ProposalBook.open(book_of(workspace)) as book:
        reject(book, number)
    again, _ = read(workspace, mbox)
    assert workspace.state.version == version
    assert again == []


def test_auto_records_only_the_kinds_and_confidence_chosen(workspace: Workspace, mbox: str) -> None:
    read(workspace, mbox)
    chosen = MailSettings(frozenset({MailKind.REJECTION}), 0.97)
    with ProposalBook.open(book_of(workspace)) as book:
        done = auto_accept(workspace, book, chosen)
        left = book.pending()

    assert done
    assert all(d.proposal.kind is MailKind.REJECTION for d in done)
    assert all(d.proposal.confidence >= 0.97 for d in done)
    assert {d.kind for d in workspace.state.decisions.values()} == {DecisionKind.REJECTED}
    assert len(workspace.state.decisions) == len(done)
    assert not workspace.state.interviews
    assert any(p.kind is MailKind.REJECTION for p in left)  # below the confidence chosen
    with ProposalBook.open(book_of(workspace)) as book:
        assert auto_accept(workspace, book, MailSettings()) == []


def test_forget_removes_the_proposals_about_the_person(workspace: Workspace, mbox: str) -> None:
    read(workspace, mbox)
    dana = workspace.person("Dana Reyes").id
    with ProposalBook.open(book_of(workspace)) as book:
        before = [p for p in book.proposals if p.person_id == dana]
    assert before
    assert "Dana" in book_of(workspace).read_text(encoding="utf-8")

    workspace.forget(dana)

    text = book_of(workspace).read_text(encoding="utf-8")
    assert "Dana" not in text
    assert "dana.reyes@" not in text
    with ProposalBook.open(book_of(workspace)) as book:
        assert not [p for p in book.proposals if p.person_id == dana]
        assert book.proposals  # the others stay


def test_a_book_open_twice_in_one_process_is_refused_not_a_deadlock(
    workspace: Workspace,
) -> None:
    with ProposalBook.open(book_of(workspace)), pytest.raises(DataError, match="already open"):
        proposal_for(workspace, "r01")
    with ProposalBook.open(book_of(workspace)) as book:  # free again once closed
        assert book.proposals == []


def test_a_source_of_no_known_kind_is_refused(workspace: Workspace) -> None:
    with ProposalBook.open(book_of(workspace)) as book, pytest.raises(DataError, match="mbox:"):
        read_inbox(workspace, "pop3://me@mail.example.com", book)


def test_since_leaves_out_files_messages_sent_before_that_day(
    workspace: Workspace, tmp_path: Path
) -> None:
    # The corpus's messages were sent an hour apart from 1 May 2026 08:00 UTC.
    path = tmp_path / "dated.mbox"
    box = mailbox.mbox(path)
    datas = [data for _, data in corpus.messages(ENTRIES)]
    for data in datas:
        box.add(data)
    undated = datas[0].replace(b"\nDate: ", b"\nX-Was-Date: ", 1)
    box.add(undated.replace(b"Message-ID: <", b"Message-ID: <undated.", 1))
    box.close()
    since = (corpus.START + timedelta(hours=100)).date()
    later = sum(1 for i in range(len(datas)) if (corpus.START + timedelta(hours=i)).date() >= since)

    with ProposalBook.open(book_of(workspace)) as book:
        report = read_inbox(workspace, f"mbox:{path}", book, since=since)

    # Those sent on that day or later, and the one without a date (read rather than missed).
    assert report.read == later + 1
    assert 0 < later < len(datas)
