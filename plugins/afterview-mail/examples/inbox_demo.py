"""A demo mailbox: three messages turn into proposals, the proposals into advice.

Run it: python plugins/afterview-mail/examples/inbox_demo.py

Nothing leaves a temporary folder: the workspace is in memory, the mailbox an mbox file, the
proposals a file of their own.
"""

from __future__ import annotations

import mailbox
import os
import tempfile
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

from afterview_mail import ProposalBook, accept, book_path, read_inbox

from afterview import ContactPoint, ContactPointKind, Settings, Workspace

NOW = datetime(2026, 5, 20, 9, 0, tzinfo=UTC)
ME = "sam@example.net"


def message(sender: str, subject: str, body: str, sent: datetime) -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, ME, subject
    mail["Date"] = sent.strftime("%a, %d %b %Y %H:%M:%S +0000")
    mail["Message-ID"] = f"<{abs(hash(subject))}@demo.example>"
    mail.set_content(body)
    return mail


def invitation(start: datetime) -> bytes:
    stamp = f"{start:%Y%m%dT%H%M%SZ}"
    end = f"{start + timedelta(hours=1):%Y%m%dT%H%M%SZ}"
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//demo//EN\r\nMETHOD:REQUEST\r\n"
        "BEGIN:VEVENT\r\nUID:globex-loop-1@demo.example\r\nSEQUENCE:0\r\n"
        f"DTSTAMP:{stamp}\r\nDTSTART:{stamp}\r\nDTEND:{end}\r\n"
        "SUMMARY:Interview: Data Engineer\r\nLOCATION:https://meet.example.com/globex\r\n"
        "ORGANIZER;CN=Chen Wu:mailto:chen.wu@globex.com\r\n"
        f"ATTENDEE;CN=Sam:mailto:{ME}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


with tempfile.TemporaryDirectory() as folder:
    os.environ["AFTERVIEW_MAIL_DIR"] = str(Path(folder) / "proposals")
    ws = Workspace.open("memory://", clock=lambda: NOW, settings=Settings(own_emails=(ME,)))
    earlier = NOW - timedelta(days=30)
    acme = ws.add_organization("Acme Analytics", at=earlier)
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=acme, at=earlier)
    ws.add_contact_details(
        dana, [ContactPoint(ContactPointKind.EMAIL, "dana.reyes@acme-analytics.com", True)]
    )
    analyst = ws.submit_application(acme, "Data Analyst", at=earlier)
    held = ws.schedule_interview(analyst, NOW - timedelta(days=6), interviewers=[dana], at=earlier)
    ws.record_interview_held(held, nobody_else=True, at=NOW - timedelta(days=6))
    ws.send_thank_you(held, "Dana", medium="email", at=NOW - timedelta(days=6))
    globex = ws.add_organization("Globex", at=earlier)
    ws.submit_application(globex, "Data Engineer", at=earlier)

    box = mailbox.mbox(Path(folder) / "jobs.mbox")
    box.add(
        message(
            "Dana Reyes <dana.reyes@acme-analytics.com>",
            "Re: Thank you - Data Analyst interview",
            "Hi Sam,\n\nThank you for your note. I wanted to tell you myself that the team "
            "decided to go with another candidate for the Data Analyst role.\n\nDana",
            NOW - timedelta(days=1),
        )
    )
    invite = message(
        "Globex Recruiting <recruiting@globex.com>",
        "Interview confirmation: Data Engineer",
        "Your interview is confirmed; the invitation is attached.",
        NOW - timedelta(hours=5),
    )
    invite.add_attachment(
        invitation(NOW + timedelta(days=6)),
        maintype="text",
        subtype="calendar",
        filename="invite.ics",
    )
    box.add(invite)
    box.add(
        message(
            "Career Weekly <news@careerweekly.example.com>",
            "Five questions to ask at the end of an interview",
            "This week: questions that leave a good impression.",
            NOW - timedelta(hours=2),
        )
    )
    box.close()

    print("Before reading the mail:")
    for advice in ws.agenda():
        print(f"  {advice.code} {advice.message}")

    with ProposalBook.open(book_path(ws.store.url, ws.name)) as book:
        report = read_inbox(ws, f"mbox:{Path(folder) / 'jobs.mbox'}", book)
        print(f"\n{report.read} messages read, {len(report.proposed)} proposals:")
        for proposal in report.proposed:
            print(f"  {proposal.number}. {proposal.kind} from {proposal.sender}")
            print(f"     \u201c{proposal.evidence}\u201d")
        for proposal in report.proposed:
            done = accept(ws, book, proposal.number)
            print(f"  accepted {proposal.number}: {done.recorded}")

    print("\nAfter accepting them:")
    for advice in ws.agenda():
        print(f"  {advice.code} {advice.message}")
