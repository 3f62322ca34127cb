"""The inbox: mail read into proposals, and proposals the user accepts recorded as events.

:func:`read_inbox` reads a source, classifies and matches each message, and adds a proposal
for each message that says something about a known application or contact. Nothing is
recorded: :func:`accept` records one proposal as the ordinary events a user would have typed
(a decision with its reason, an interview through the calendar plugin's invitation import, a
touchpoint), and :func:`auto_accept` does so for the kinds and confidence the user allowed in
``mail.toml``. :func:`reject` drops one.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

import attrs

from afterview import DataError
from afterview_mail.classifier import MailKind
from afterview_mail.proposals import Proposal, ProposalBook, ProposalStatus
from afterview_mail.proposing import DECISIONS, propose
from afterview_mail.settings import MailSettings
from afterview_mail.source import Source, open_source
from afterview_mail.workers import Reader, outcomes

if TYPE_CHECKING:
    from afterview import Workspace

__all__ = ["Accepted", "ReadReport", "accept", "auto_accept", "propose", "read_inbox", "reject"]

log = logging.getLogger("afterview.mail")


@attrs.frozen
class ReadReport:
    """What one read did: counts only, and the proposals it added."""

    read: int
    proposed: tuple[Proposal, ...]
    #: Messages proposed before (read again): nothing new.
    known: int = 0
    #: Messages that say nothing afterview records, or about nothing it knows.
    unrelated: int = 0
    #: Messages no part of which could be read.
    unreadable: int = 0
    reconnects: int = 0


def read_inbox(
    workspace: Workspace,
    source: Source | str,
    book: ProposalBook,
    *,
    since: date | None = None,
    workers: int | None = 0,
) -> ReadReport:
    """Read ``source`` (a :class:`Source` or its URL) into proposals in ``book``.

    Reading an IMAP folder starts after the last message read before (the book's cursor);
    ``since`` leaves out messages sent before that day.

    ``workers``: processes that read alongside this one (:mod:`afterview_mail.workers`); ``0``,
    the default, reads every message here; ``None`` lets afterview decide (workers only for a
    large read, as ``afterview inbox read`` does), which, like any use of
    :mod:`multiprocessing`, asks that the program's main module start its work under
    ``if __name__ == "__main__":``. What is read before an error (a
    connection dropped too often) stays read.

    :raises SettingsError: ``AFTERVIEW_MAIL_WORKERS`` is not a whole number.
    :raises MailError: the server cannot be reached; :class:`MailLoginError`: it refused the
        login. Nothing was proposed from that source by the failed attempt to log in.
    """
    opened = open_source(source) if isinstance(source, str) else source
    own = workspace.settings.own_emails
    # Reading records nothing: one look at the state serves every message (each look at
    # ``workspace.state`` asks the store for news).
    state = workspace.state
    read = known = unrelated = unreadable = 0
    proposed: list[Proposal] = []
    reader = Reader(state, own, book.seen)
    try:
        for cursor, (key, proposal) in outcomes(
            opened.messages(since=since, cursor=book.cursors.get(opened.key)),
            reader,
            pending=lambda: getattr(opened, "pending", None),
            workers=workers,
        ):
            read += 1
            if key is None:
                unreadable += 1
            elif key in book.seen:
                known += 1
            elif proposal is None:
                unrelated += 1
            else:
                proposed.append(book.add(proposal))
            if cursor is not None:
                book.cursors[opened.key] = cursor
    finally:
        reconnects = getattr(opened, "reconnects", 0)
        if isinstance(source, str):
            opened.close()
    log.info(
        "%s: %d read, %d proposed, %d known, %d unrelated",
        opened.url,
        read,
        len(proposed),
        known,
        unrelated,
    )
    return ReadReport(read, tuple(proposed), known, unrelated, unreadable, reconnects)


@attrs.frozen
class Accepted:
    proposal: Proposal
    #: What was recorded, in words ("rejected", "interview scheduled", "touchpoint").
    recorded: str


def _moment(workspace: Workspace, proposal: Proposal) -> datetime:
    now = workspace.clock()
    sent = proposal.received_at
    return sent if sent is not None and sent <= now else now


def accept(
    workspace: Workspace,
    book: ProposalBook,
    number: int,
    *,
    application: str | None = None,
    at: datetime | None = None,
    zone: tzinfo | None = None,
) -> Accepted:
    """Record proposal ``number``; ``application`` names the application when the message did
    not say which; ``at`` is the interview's time for an invitation without a calendar file.

    :raises NotFoundError: no such proposal, or ``application`` matches nothing.
    :raises DataError: the proposal is decided already, names no application and none was
        given, or is an invitation with neither a calendar file nor ``at``.
    :raises EventRejected: the workspace refuses it (an application decided already); the
        proposal stays pending.
    """
    proposal = book.get(number)
    if proposal.status is not ProposalStatus.PENDING:
        raise DataError(f"proposal {number} is already {proposal.status}")
    application_id = (
        workspace.application_id(application) if application else proposal.application_id
    )
    moment = _moment(workspace, proposal)
    if proposal.kind is MailKind.REPLY:
        if proposal.person_id is None:  # pragma: no cover - never proposed
            raise DataError(f"proposal {number} names no contact")
        workspace.log_touchpoint(proposal.person_id, "email", at=moment)
        recorded = "touchpoint"
    elif application_id is None:
        raise DataError(
            f"proposal {number}: the message does not say which application; "
            "give it with --application"
        )
    elif proposal.kind in DECISIONS:
        kind = DECISIONS[proposal.kind]
        person = proposal.person_id
        workspace.record_decision(
            application_id,
            kind,
            person=person,
            reason=proposal.evidence or None,
            external_ref=f"mail:{proposal.message}",
            at=moment,
        )
        recorded = str(kind)
    elif proposal.calendar is not None:
        from afterview_ics import import_invitation

        result = import_invitation(
            workspace, proposal.calendar, application=application_id, default_timezone=zone
        )
        recorded = ", ".join(f"interview {o.action}" for o in result.outcomes) or "nothing"
    elif at is not None:
        interviewers = [proposal.person_id] if proposal.person_id else []
        workspace.schedule_interview(
            application_id, at, interviewers=interviewers, external_ref=f"mail:{proposal.message}"
        )
        recorded = "interview scheduled"
    else:
        raise DataError(
            f"proposal {number} is an invitation without a calendar file: give the "
            "interview's time with --at"
        )
    decided = book.decide(number, ProposalStatus.ACCEPTED)
    return Accepted(decided, recorded)


def reject(book: ProposalBook, number: int) -> Proposal:
    """Drop proposal ``number``: nothing is recorded, and the message is not proposed again."""
    proposal = book.get(number)
    if proposal.status is not ProposalStatus.PENDING:
        raise DataError(f"proposal {number} is already {proposal.status}")
    return book.decide(number, ProposalStatus.REJECTED)


def auto_accept(
    workspace: Workspace, book: ProposalBook, settings: MailSettings, *, zone: tzinfo | None = None
) -> list[Accepted]:
    """Accept the pending proposals ``settings`` allow (kind and confidence) that name their
    application; leave the others, and any the workspace refuses, pending."""
    from afterview import AfterviewError

    done: list[Accepted] = []
    for proposal in book.pending():
        if not settings.allows(proposal.kind, proposal.confidence):
            continue
        try:
            done.append(accept(workspace, book, proposal.number, zone=zone))
        except AfterviewError as exc:
            log.info("proposal %d left for review: %s", proposal.number, type(exc).__name__)
    return done
