"""A workspace's outbox as people see it: listing reminders, retrying them, and blanking those
about a person the user asked to forget.

Every function takes the workspace's :class:`~afterview.store.WorkspaceStore`; the
:class:`~afterview.workspace.Workspace` facade offers each of them as a method.
"""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

from afterview.errors import DataError
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


def redact_reminders(outbox: WorkspaceStore, person_id: str, name: str) -> int:
    """Blank the text of every reminder in the outbox that is about ``person_id`` or names
    ``name``, whatever its status; return how many were rewritten. Used by ``forget``."""
    replacements: dict[str, str] = {}
    subject = f"person:{person_id}"
    for item in outbox.outbox_items():
        try:
            notification = notification_from_payload(item.payload)
        except DataError:
            continue  # not a reminder of ours; nothing of the person's can be found in it
        named = bool(name) and (name in notification.body or name in notification.title)
        if subject in notification.subjects or named:
            blank = attrs.evolve(
                notification,
                title=f"{notification.code}: about a person you asked to forget",
                body="The details of this reminder were removed when you forgot a contact.",
            )
            replacements[item.key] = notification_payload(blank)
    outbox.outbox_redact(replacements)
    return len(replacements)
