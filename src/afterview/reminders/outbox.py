"""A workspace's outbox as people see it: listing reminders, retrying them, and blanking those
about a person the user asked to forget.

Every function takes the workspace's :class:`~afterview.store.WorkspaceStore`; the
:class:`~afterview.workspace.Workspace` facade offers each of them as a method.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime

import attrs

from afterview.errors import DataError
from afterview.redaction import ERASED_ERROR, ERASED_REMINDER
from afterview.reminders.notifier import notification_from_payload, notification_payload
from afterview.store import OutboxItem, OutboxStatus, WorkspaceStore

__all__ = ["OutboxView", "outbox_items", "outbox_view", "redact_reminders", "retry", "retry_dead"]


class OutboxView(enum.StrEnum):
    """What ``afterview outbox --status`` shows."""

    PENDING = "pending"  # waiting, never failed yet
    FAILED = "failed"  # waiting for a retry after a failure
    DEAD = "dead"
    DELIVERED = "delivered"


def outbox_view(item: OutboxItem) -> OutboxView:
    """How ``afterview outbox`` classes an item: a pending one that failed since it was queued
    (or last retried by hand) is 'failed'.

    A retry resets the attempts and keeps the last error, so that the reason it failed before
    stays visible; the item is pending again all the same.
    """
    if item.status is OutboxStatus.DEAD:
        return OutboxView.DEAD
    if item.status is OutboxStatus.DELIVERED:
        return OutboxView.DELIVERED
    failed = item.attempts > 0 and item.last_error is not None
    return OutboxView.FAILED if failed else OutboxView.PENDING


def outbox_items(
    outbox: WorkspaceStore, status: OutboxView | str | None = None
) -> list[OutboxItem]:
    """The outbox's items, optionally only those ``pending`` (never failed), ``failed``
    (waiting for a retry), ``dead`` or ``delivered``.

    :raises DataError: an unknown status.
    """
    try:
        view = None if status is None else OutboxView(status)
    except ValueError:
        known = ", ".join(v.value for v in OutboxView)
        raise DataError(f"unknown outbox status {status!r}; known: {known}") from None
    return [i for i in outbox.outbox_items() if view is None or outbox_view(i) is view]


def retry(outbox: WorkspaceStore, key: str, now: datetime) -> OutboxItem:
    """Make one failed or dead item pending again, due now, with its attempts reset.

    :raises NotFoundError: no item has that key.
    """
    return outbox.outbox_retry(key, now=now)


def retry_dead(outbox: WorkspaceStore, now: datetime) -> list[OutboxItem]:
    """Make every dead item pending again; return them."""
    dead = outbox.outbox_items(OutboxStatus.DEAD)
    return [outbox.outbox_retry(item.key, now=now) for item in dead]


def redact_reminders(
    outbox: WorkspaceStore, person_id: str, names_them: Callable[[str], bool]
) -> list[OutboxItem]:
    """Blank the text of every reminder in the outbox that is about ``person_id`` or that
    ``names_them``, whatever its status, and every error message that names them or was about
    such a reminder. Used by ``forget``.

    Returns the items concerned as they were, with those blanked before (a ``forget`` cut
    short and run again), so that copies outside the store can be found from them.
    """
    replacements: dict[str, str] = {}
    errors: dict[str, str] = {}
    concerned: list[OutboxItem] = []
    subject = f"person:{person_id}"
    for item in outbox.outbox_items():
        error_names = item.last_error is not None and names_them(item.last_error)
        try:
            notification = notification_from_payload(item.payload)
        except DataError:
            # Not a reminder of ours: only its error message can be ours to blank.
            if error_names:
                errors[item.key] = ERASED_ERROR
                concerned.append(item)
            continue
        about = subject in notification.subjects
        named = names_them(notification.body) or names_them(notification.title)
        if about or named:
            blank = attrs.evolve(
                notification,
                title=f"{notification.code}: about a person you asked to forget",
                body=ERASED_REMINDER,
            )
            replacements[item.key] = notification_payload(blank)
        if (about or named or error_names) and item.last_error not in (None, ERASED_ERROR):
            errors[item.key] = ERASED_ERROR
        if about or named or error_names or notification.body == ERASED_REMINDER:
            concerned.append(item)
    if errors:
        outbox.outbox_redact(replacements, errors)
    else:
        outbox.outbox_redact(replacements)
    return concerned
