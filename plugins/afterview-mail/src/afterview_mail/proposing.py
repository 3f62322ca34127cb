"""The proposal a message makes: what it says about which application, organization or person
of a workspace, or nothing.

A proposal depends on the message and on the workspace's state alone, so it can be made in any
process that holds both (see :mod:`afterview_mail.workers`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from afterview import DecisionKind
from afterview_mail.classifier import MailKind, classify
from afterview_mail.matching import match_mail
from afterview_mail.message import Mail
from afterview_mail.proposals import Proposal

if TYPE_CHECKING:
    from afterview import State

__all__ = ["DECISIONS", "propose"]

#: The decision each kind of message records.
DECISIONS = {
    MailKind.REJECTION: DecisionKind.REJECTED,
    MailKind.ON_HOLD: DecisionKind.ON_HOLD,
    MailKind.ELIMINATED: DecisionKind.ELIMINATED,
    MailKind.OFFER: DecisionKind.OFFER,
}


def _sender(mail: Mail) -> str:
    return f"{mail.sender_name} <{mail.sender}>" if mail.sender_name else mail.sender


def _already_known(state: State, kind: MailKind, application_id: str | None) -> bool:
    """A decision of this kind is already recorded for the application (typed by hand)."""
    if application_id is None or kind not in DECISIONS:
        return False
    decision = state.decisions.get(application_id)
    return decision is not None and decision.kind is DECISIONS[kind]


def _calendar(mail: Mail) -> str | None:
    for calendar in mail.calendars:
        return calendar.decode("utf-8", "replace")
    return None


def propose(state: State, mail: Mail, own: Iterable[str] = ()) -> Proposal | None:
    """The proposal ``mail`` makes about the workspace whose ``state`` this is, or None when it
    says nothing to record; ``own`` are the job seeker's addresses."""
    found = match_mail(state, mail, own=own)
    if found.organization_id is None and found.person_id is None:
        return None  # about nothing this workspace knows: not even worth classifying
    said = classify(mail, from_contact=found.person_id is not None)
    if said.kind is MailKind.UNRELATED:
        return None
    if _already_known(state, said.kind, found.application_id):
        return None
    return Proposal(
        number=0,
        message=mail.key,
        kind=said.kind,
        confidence=said.confidence,
        received_at=mail.sent_at,
        organization_id=found.organization_id,
        application_id=found.application_id,
        person_id=found.person_id,
        sender=_sender(mail),
        evidence=said.evidence,
        calendar=_calendar(mail) if said.kind is MailKind.INVITATION else None,
    )
