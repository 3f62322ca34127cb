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
    """One reminder, as the dispatcher hands it to a notifier.

    :ivar key: the idempotency key (workspace, rule, subjects, due date and channel): the same
        reminder delivered again has the same key, so a channel that can deduplicate (a message
        id, a calendar UID) shows it once.
    :ivar workspace: the name of the workspace it comes from.
    :ivar code: the rule's code, e.g. ``AV401``.
    :ivar title: a one-line summary with no personal data: the rule's code and name and the
        due time (``AV401 ask-for-feedback-call: due 2026-05-07 23:59``).
    :ivar body: the advice itself. It may name the job seeker's contacts: personal data, kept
        out of ``repr``; never put it in a log or an error.
    :ivar due: when the advice is due (timezone-aware).
    :ivar subjects: the entities the advice is about, as ``kind:id`` (``person:per_1a2b``).
    """

    key: str
    workspace: str
    code: str
    title: str
    body: str = attrs.field(repr=False)
    due: datetime = attrs.field(validator=aware)
    subjects: tuple[str, ...] = ()


@runtime_checkable
class Notifier(Protocol):
    """A channel that delivers reminders: what ``afterview_open_notifier`` returns for a URL.

    The dispatcher opens each notifier URL once per round and calls :meth:`notify` once per due
    reminder, each call in a worker thread with a timeout (``DispatchSettings.timeout``, 30 s by
    default). A call still running at its timeout is given up on and counted as failed, but its
    thread runs on until it returns, possibly while the next call starts: guard what calls share
    with a lock.

    Delivery is at least once: a reminder whose acknowledgement was lost (a crash, a timeout) is
    delivered again with the same :attr:`Notification.key`.
    """

    @property
    def url(self) -> str:
        """The URL it was opened with, secrets masked (``afterview.mask_url``): it is logged and
        shown by ``afterview outbox``."""
        ...

    def notify(self, notification: Notification) -> bool | None:
        """Deliver ``notification``.

        :return: ``True`` or ``None`` when it arrived; ``False`` when it did not (the outbox
            retries it later, with backoff, and keeps it as dead after too many attempts).
        :raises Exception: anything, when it did not arrive: the same as returning ``False``.
            The error's message is stored in the outbox and shown: keep secrets and the body out
            of it.
        """
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
