"""Reading a large folder with worker processes proposes exactly what reading it in one process
does: the same proposals, in the same order, the same counts and the same place to go on from,
with the real Dovecot, a worker killed on the way and a source that fails part-way."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import afterview_mail_corpus as corpus
import pytest
from afterview_mail import Cursor, ImapSource, MailError, ProposalBook, read_inbox
from afterview_mail.workers import WORTH_IT, Reader, _Pool, worker_count
from afterview_mail_server import PASSWORD, TemporaryDovecot

from afterview import SettingsError, Workspace

pytest_plugins = ["afterview_mail_dovecot"]

NOW = datetime(2026, 5, 20, 9, tzinfo=UTC)
#: Every set the tests ship: many pages, every kind, broken MIME, and each message twice (the
#: second time a message is read, it is known already).
ENTRIES = [e for path in sorted(corpus.CORPUS.parent.glob("*.txt")) for e in corpus.load(path)]


@pytest.fixture(autouse=True)
def mail_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFTERVIEW_MAIL_DIR", str(tmp_path / "mail-state"))
    monkeypatch.delenv("AFTERVIEW_MAIL_WORKERS", raising=False)


@pytest.fixture(scope="module")
def folder(dovecot: TemporaryDovecot) -> str:
    name = dovecot.new_folder()
    messages = [data for _, data in corpus.messages(ENTRIES)]
    dovecot.append(name, messages + messages[:150])
    return name


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with corpus.open_workspace(tmp_path, ENTRIES, now=NOW) as ws:
        yield ws


def facts(book: ProposalBook) -> list[tuple[object, ...]]:
    return [
        (
            p.number,
            p.message,
            p.kind,
            p.confidence,
            p.received_at,
            p.organization_id,
            p.application_id,
            p.person_id,
            p.sender,
            p.evidence,
            p.calendar,
        )
        for p in book.proposals
    ]


def read(
    ws: Workspace, source: object, book_file: Path, workers: int | None
) -> tuple[tuple[int, ...], list[tuple[object, ...]], dict[str, Cursor]]:
    with ProposalBook.open(book_file) as book:
        report = read_inbox(ws, source, book, workers=workers)  # type: ignore[arg-type]
    r = report
    with ProposalBook.open(book_file) as book:
        return (
            (r.read, len(r.proposed), r.known, r.unrelated, r.unreadable),
            facts(book),
            dict(book.cursors),
        )


def test_workers_propose_what_one_process_does(
    workspace: Workspace,
    dovecot: TemporaryDovecot,
    folder: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = dovecot.url(folder, password=PASSWORD)
    alone = read(workspace, url, tmp_path / "alone.json", workers=0)
    with caplog.at_level(logging.DEBUG, logger="afterview.mail"):
        shared = read(workspace, url, tmp_path / "shared.json", workers=1)

    assert shared == alone
    counts, proposed, _ = alone
    assert counts[0] == len(ENTRIES) + 150
    # The second copies of what was proposed are known (unrelated mail leaves no trace).
    assert 0 < counts[2] <= 150
    assert len(proposed) > 300
    # Workers were started (whether they read a page before this process was done depends on
    # how fast the machine starts one: a worker reading pages is the next test's).
    assert any("pages read by 1 workers" in r.getMessage() for r in caplog.records)


def test_a_worker_reads_a_page_as_this_process_does(workspace: Workspace) -> None:
    datas = [data for _, data in corpus.messages(ENTRIES[:100])]
    reader = Reader(workspace.state, (corpus.ME,), set())
    pool = _Pool(1, reader)
    try:
        pool._started.result(timeout=300)  # a generous bound for a busy machine: not a timing
        future = pool.submit(datas)
        assert future is not None
        future.result(timeout=300)  # read by the worker, not taken back
        assert pool.result(future, datas) == [reader(data) for data in datas]
        assert pool.handed == 1
    finally:
        pool.close()


class Watched:
    """The IMAP source, with :meth:`each` called before each message is handed over."""

    def __init__(self, source: ImapSource) -> None:
        self.inner = source
        self.url, self.key = source.url, source.key

    @property
    def pending(self) -> int | None:
        return self.inner.pending

    def each(self, count: int, cursor: Cursor | None) -> None:
        pass

    def messages(
        self, *, since: date | None, cursor: Cursor | None
    ) -> Iterator[tuple[bytes, Cursor | None]]:
        for count, (data, at) in enumerate(self.inner.messages(since=since, cursor=cursor), 1):
            self.each(count, at)
            yield data, at

    def close(self) -> None:
        self.inner.close()


class KillsWorkers(Watched):
    """The IMAP source, killing every worker process after ``n`` messages."""

    def __init__(self, source: ImapSource, n: int) -> None:
        super().__init__(source)
        self.n = n
        self.killed = 0

    def each(self, count: int, cursor: Cursor | None) -> None:
        if count == self.n:
            for child in multiprocessing.active_children():
                os.kill(child.pid or 0, signal.SIGKILL)
                self.killed += 1


def test_a_worker_killed_part_way_leaves_the_read_to_this_process(
    workspace: Workspace,
    dovecot: TemporaryDovecot,
    folder: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = dovecot.url(folder, password=PASSWORD)
    alone = read(workspace, url, tmp_path / "alone.json", workers=0)
    source = KillsWorkers(ImapSource(url), n=350)

    with caplog.at_level(logging.WARNING, logger="afterview.mail"):
        shared = read(workspace, source, tmp_path / "shared.json", workers=1)
    source.close()

    assert source.killed >= 1
    assert shared == alone
    assert "reading on without it" in caplog.text


class FailsAfter(Watched):
    """The IMAP source, failing for good after ``n`` messages (as a connection dropped too
    often does)."""

    def __init__(self, source: ImapSource, n: int) -> None:
        super().__init__(source)
        self.n = n
        self.cursors: list[Cursor | None] = []

    def each(self, count: int, cursor: Cursor | None) -> None:
        if count > self.n:
            raise MailError("the connection dropped 4 times; run it again to go on")
        self.cursors.append(cursor)


@pytest.mark.parametrize("workers", [0, 1])
def test_what_was_read_before_the_source_failed_stays_read(
    workspace: Workspace, dovecot: TemporaryDovecot, folder: str, tmp_path: Path, workers: int
) -> None:
    url = dovecot.url(folder, password=PASSWORD)
    source = FailsAfter(ImapSource(url), n=333)
    book_file = tmp_path / "book.json"

    with pytest.raises(MailError, match="run it again"):
        read(workspace, source, book_file, workers=workers)
    source.close()
    with ProposalBook.open(book_file) as book:
        kept = facts(book)
        assert list(book.cursors.values()) == [source.cursors[-1]]

    # Going on reads the rest; the whole is what one read of everything proposes.
    rest = read(workspace, url, book_file, workers=workers)
    alone = read(workspace, url, tmp_path / "alone.json", workers=0)
    assert rest[1] == alone[1]
    assert rest[1][: len(kept)] == kept
    assert rest[0][0] == len(ENTRIES) + 150 - 333


@pytest.mark.parametrize(
    ("claimed", "workers", "started"),
    [
        (None, None, False),  # left to decide: a read of fewer than WORTH_IT starts none
        (WORTH_IT, None, True),  # ... and one of WORTH_IT or more does
        (WORTH_IT, 0, False),  # the library's default: none, however large
    ],
)
def test_workers_are_started_for_a_large_read_only_when_left_to_decide(  # noqa: PLR0917
    workspace: Workspace,
    dovecot: TemporaryDovecot,
    folder: str,
    tmp_path: Path,
    claimed: int | None,
    workers: int | None,
    started: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # How many is the machine's to say; when to start them is what is tested.
    monkeypatch.setenv("AFTERVIEW_MAIL_WORKERS", "1")
    seen: list[int] = []

    class Counted(Watched):
        def each(self, count: int, cursor: Cursor | None) -> None:
            seen.append(len(multiprocessing.active_children()))

        @property
        def pending(self) -> int | None:
            # What the source says it has to give decides; the folder holds fewer.
            return claimed if claimed is not None else self.inner.pending

    source = Counted(ImapSource(dovecot.url(folder, password=PASSWORD)))
    counts, _, _ = read(workspace, source, tmp_path / "book.json", workers=workers)
    source.close()

    assert counts[0] < WORTH_IT
    assert len(seen) == counts[0]
    assert (max(seen) > 0) is started


def test_how_many_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    assert worker_count(0) == 0
    assert worker_count(3) == 3
    usable = len(os.sched_getaffinity(0))
    assert worker_count() == max(0, min(4, usable - 1))
    monkeypatch.setenv("AFTERVIEW_MAIL_WORKERS", "2")
    assert worker_count() == 2
    assert worker_count(0) == 0  # given wins
    for bad in ("-1", "two", "1.5"):
        monkeypatch.setenv("AFTERVIEW_MAIL_WORKERS", bad)
        with pytest.raises(SettingsError, match="AFTERVIEW_MAIL_WORKERS"):
            worker_count()


@pytest.mark.parametrize("kind", ["mbox", "maildir", "eml"])
def test_files_are_read_by_workers_as_by_this_process(
    workspace: Workspace, tmp_path: Path, kind: str
) -> None:
    import mailbox

    datas = [data for _, data in corpus.messages(ENTRIES)]
    if kind == "mbox":
        box: mailbox.Mailbox[mailbox.Message] = mailbox.mbox(tmp_path / "jobs.mbox")
    elif kind == "maildir":
        box = mailbox.Maildir(tmp_path / "jobs")
    if kind == "eml":
        (tmp_path / "jobs").mkdir()
        for i, data in enumerate(datas):
            (tmp_path / "jobs" / f"{i:04d}.eml").write_bytes(data)
    else:
        for data in datas:
            box.add(data)
        box.close()
    url = f"{kind}:{tmp_path / ('jobs.mbox' if kind == 'mbox' else 'jobs')}"

    alone = read(workspace, url, tmp_path / "alone.json", workers=0)
    shared = read(workspace, url, tmp_path / "shared.json", workers=1)

    assert shared == alone
    assert alone[0][0] == len(ENTRIES)
    assert len(alone[1]) > 300
