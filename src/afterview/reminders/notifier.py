"""What a notifier receives and the protocol it implements.

A notifier delivers one :class:`Notification` to a person: a console, an email, a chat message, a
calendar file. It raises (any exception) or returns ``False`` when delivery failed; the dispatcher
then retries later, so a reminder is never lost. ``key`` is the idempotency key: a channel that
can deduplicate (a calendar UID, a message id) uses it so that a retried delivery is not shown
twice.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Protocol, runtime_checkable

import attrs

from afterview.errors import DataError
from afterview.model import aware

__all__ = ["Notification", "Notifier", "notification_from_payload", "notification_payload"]


@attrs.frozen(kw_only=True)
class Notification:
    key: str
    workspace: str
    code: str
    title: str
    body: str = attrs.field(repr=False)
    due: datetime = attrs.field(validator=aware)
    subjects: tuple[str, ...] = ()


@runtime_checkable
class Notifier(Protocol):
    @property
    def url(self) -> str:
        """The URL it was opened with, secrets masked: safe to log."""
        ...

    def notify(self, notification: Notification) -> bool | None:
        """Deliver; return ``False`` or raise when it did not arrive."""
        ...


def notification_payload(notification: Notification) -> str:
    """The JSON an outbox item carries for ``notification``."""
    from afterview.serialization import unstructure  # cattrs loads only when reminders are made

    return json.dumps(unstructure(notification))


def notification_from_payload(payload: str) -> Notification:
    """Read back the notification an outbox item carries.

    :raises DataError: the payload is not a notification.
    """
    from afterview.serialization import structure

    try:
        data = json.loads(payload)
    except ValueError as exc:
        raise DataError(f"outbox payload is not valid JSON: {exc}") from None
    return structure(data, Notification, what="outbox payload")
