"""Reading and classifying 10,000 messages from a local Dovecot with afterview-mail, against
fetching the same messages with imap-tools alone.

Run: ``.venv/bin/python benchmarks/bench_mail.py [--messages 10000] [--pairs 5]``

A throwaway Dovecot (the one the plugin's tests start) holds the corpus the tests ship, copied
until there are 10,000 messages, each with its own Message-ID. The baseline logs in, selects
the folder and fetches every message with imap-tools (``fetch(..., bulk=200)``, which parses
each into an ``email`` message); afterview-mail does the same fetch through ``read_inbox``,
then reads each message's text, classifies it, matches it to a workspace holding the corpus's
organizations, applications and contacts, and writes the proposals, from an empty proposals
file each time. It reads as ``afterview inbox read`` does: with worker processes, one fewer
than the processors (``AFTERVIEW_MAIL_WORKERS=N`` sets how many; 0 reads in one process).
The figure is the median of per-pair ratios, the two sides alternating which runs first.
Target ≤ 1.5×.

afterview-mail fetches each message's bytes and reads only what it needs of them; to show that
this changes nothing, the proposals are checked against those of the full path (imap-tools'
parsed messages read by ``parse_mail``) on the same messages. ``--stages`` also prints what
each stage costs a message, timed apart on the same messages.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# The corpus and the throwaway Dovecot are the plugin's tests' own.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins/afterview-mail/tests"))

# A worker process of the read imports this module as "__mp_main__" and needs none of this (the
# command line's own main module imports nothing for it either).
if __name__ != "__mp_main__":
    import afterview_mail_corpus as corpus
    from afterview_mail import (
        ImapSource,
        ProposalBook,
        classify,
        match_mail,
        parse_mail,
        read_inbox,
    )
    from afterview_mail.inbox import propose
    from afterview_mail.message import read_mail
    from afterview_mail.workers import worker_count
    from afterview_mail_server import PASSWORD, USER, TemporaryDovecot
    from imap_tools import MailBoxUnencrypted

    from afterview import Settings, Workspace


def fetch_alone(server: TemporaryDovecot, folder: str) -> int:
    box = MailBoxUnencrypted("127.0.0.1", server.port)
    box.login(USER, PASSWORD, initial_folder=folder)
    count = sum(1 for _ in box.fetch(mark_seen=False, bulk=200))
    box.logout()
    return count


def _facts(proposal: Any) -> tuple[object, ...]:
    return (
        proposal.message,
        proposal.kind,
        proposal.confidence,
        proposal.received_at,
        proposal.organization_id,
        proposal.application_id,
        proposal.person_id,
        proposal.sender,
        proposal.evidence,
        proposal.calendar,
    )


def full_path(server: TemporaryDovecot, folder: str, ws: Workspace) -> list[tuple[object, ...]]:
    """The proposals the messages make read the long way: imap-tools parses each."""
    box = MailBoxUnencrypted("127.0.0.1", server.port)
    box.login(USER, PASSWORD, initial_folder=folder)
    state, own = ws.state, ws.settings.own_emails
    found = []
    for message in box.fetch(mark_seen=False, bulk=200):
        proposal = propose(state, parse_mail(message.obj), own)
        if proposal is not None:
            found.append(_facts(proposal))
    box.logout()
    return found


def stages(server: TemporaryDovecot, folder: str, ws: Workspace, n: int) -> None:
    """What each stage costs a message, each timed over all the messages on its own."""
    source = ImapSource(server.url(folder, password=PASSWORD), page=200)
    start = time.perf_counter()
    raw = [data for data, _ in source.messages(since=None, cursor=None)]
    fetched = time.perf_counter() - start
    source.close()
    start = time.perf_counter()
    mails = [read_mail(data) for data in raw]
    read = time.perf_counter() - start
    state, own = ws.state, ws.settings.own_emails
    start = time.perf_counter()
    matches = [match_mail(state, mail, own=own) for mail in mails]
    matched = time.perf_counter() - start
    known = [
        (mail, m.person_id is not None)
        for mail, m in zip(mails, matches, strict=True)
        if m.organization_id or m.person_id
    ]
    start = time.perf_counter()
    for mail, contact in known:
        classify(mail, from_contact=contact)
    classified = time.perf_counter() - start
    for label, seconds, count in (
        ("fetch the bytes (UID FETCH BODY.PEEK[])", fetched, n),
        ("read them (headers, text, calendars)", read, n),
        ("match to the workspace", matched, n),
        (f"classify ({len(known)} about something known)", classified, n),
    ):
        print(f"  {label:<45} {seconds / count * 1e6:6.1f} µs a message")


def read_and_classify(server: TemporaryDovecot, folder: str, ws: Workspace, book: Path) -> int:
    book.unlink(missing_ok=True)
    source = ImapSource(server.url(folder, password=PASSWORD), page=200)
    with ProposalBook.open(book) as opened:
        # As ``afterview inbox read`` does: worker processes for a large read.
        report = read_inbox(ws, source, opened, workers=None)
    source.close()
    return report.read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--stages", action="store_true", help="print each stage's cost too")
    args = parser.parse_args()
    entries = corpus.load()
    server = TemporaryDovecot().start()
    try:
        folder = server.new_folder("Bench")
        messages = (corpus.build(entries[i % len(entries)], i) for i in range(args.messages))
        server.fill(folder, messages)
        with tempfile.TemporaryDirectory() as workdir:
            os.environ["AFTERVIEW_MAIL_DIR"] = str(Path(workdir) / "mail")
            ws = Workspace.open(
                f"sqlite:///{Path(workdir) / 'bench.sqlite'}",
                clock=lambda: datetime(2026, 12, 1, tzinfo=UTC),
                settings=Settings(own_emails=(corpus.ME,)),
            )
            corpus.populate(ws, entries)
            book = Path(workdir) / "book.json"
            assert fetch_alone(server, folder) == args.messages  # Dovecot indexes the folder
            ratios, mine, theirs, helpers = [], [], [], []
            for pair in range(max(args.pairs, 3)):
                timings = {}
                order = ("alone", "plugin") if pair % 2 == 0 else ("plugin", "alone")
                for side in order:
                    start = time.perf_counter()
                    if side == "alone":
                        read = fetch_alone(server, folder)
                    else:
                        # How many workers the read starts.
                        helpers.append(worker_count())
                        read = read_and_classify(server, folder, ws, book)
                    timings[side] = time.perf_counter() - start
                    assert read == args.messages, (side, read)
                mine.append(timings["plugin"])
                theirs.append(timings["alone"])
                ratios.append(timings["plugin"] / timings["alone"])
            with ProposalBook.open(book) as opened:
                proposed = len(opened.proposals)
                written = [_facts(p) for p in opened.proposals]
            # The lean path proposes exactly what the full parse of each message does.
            assert written == full_path(server, folder, ws), "the proposals differ"
            if args.stages:
                stages(server, folder, ws, args.messages)
            ws.close()
    finally:
        server.stop()
    n = args.messages
    print(f"imap-tools fetch alone, {n} messages: {statistics.median(theirs):6.2f} s (median)")
    print(f"afterview-mail read + classify:        {statistics.median(mine):6.2f} s (median)")
    print(f"proposals written:                     {proposed:6d}")
    print(f"worker processes, run by run:          {' '.join(map(str, helpers))}")
    ratio = statistics.median(ratios)
    print(f"ratio (median of pairs):               {ratio:6.2f}x  target <= 1.5x")


if __name__ == "__main__":
    main()
