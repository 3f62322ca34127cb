"""The dispatcher: turns due advice into reminders that are delivered at least once, never lost.

One round of :func:`dispatch` does two things:

1. **Queue.** Every advice due by ``now`` (plus :attr:`DispatchSettings.look_ahead`, so a reminder
   arrives *before* its deadline) becomes one outbox item per notifier channel. The item's key is
   ``workspace|rule code|subjects|due date|channel``; putting a key that is already there changes
   nothing, so running the dispatcher every few minutes queues each reminder once.
2. **Deliver.** Due items are claimed with a lease, delivered through the notifier opened for
   their channel, and acknowledged. A notifier that raises, returns ``False`` or hangs past the
   timeout leaves the item pending with a retry time (exponential backoff with jitter); after
   ``max_attempts`` failures it is dead, kept for a person to look at and retry. A dispatcher that
   dies between delivering and acknowledging leaves a lease that runs out, and the next round
   delivers again: a duplicate is possible (channels that can dedupe use the key), a loss is not.

Notifier URLs may hold secrets (tokens, passwords). The outbox keeps the URL as given, since it
must know where to deliver, but logs, errors and keys only ever show the notifier's masked
:attr:`~afterview.notifier.Notifier.url`.
"""

from __future__ import annotations

import enum
import hashlib
import json
import logging
import random
import threading
import time
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from afterview.errors import DataError, SettingsError
from afterview.notifier import Notification, Notifier
from afterview.serialization import structure, unstructure
from afterview.store import OutboxItem, OutboxStatus, WorkspaceStore

if TYPE_CHECKING:
    from afterview.playbook.rule import Advice
    from afterview.workspace import Workspace

__all__ = [
    "DEFAULT_NOTIFIERS",
    "DispatchReport",
    "DispatchSettings",
    "OutboxView",
    "dispatch",
    "idempotency_key",
    "notification_from_payload",
    "outbox_items",
    "outbox_view",
    "redact_reminders",
    "retry",
    "retry_dead",
]

log = logging.getLogger("afterview.dispatch")

#: Where reminders go when neither the caller nor the settings file names a notifier.
DEFAULT_NOTIFIERS: tuple[str, ...] = ("console:",)

#: Keys longer than this are shortened with a hash, so every backend can index them.
MAX_KEY_LENGTH = 200


def _positive_delta(_instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, timedelta) or value <= timedelta(0):
        raise SettingsError(f"dispatch setting {attribute.name} must be a positive duration")


def _not_negative_delta(_instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, timedelta) or value < timedelta(0):
        raise SettingsError(f"dispatch setting {attribute.name} must not be negative")


def _positive_int(_instance: Any, attribute: Any, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise SettingsError(f"dispatch setting {attribute.name} must be a positive whole number")


@attrs.frozen(kw_only=True)
class DispatchSettings:
    """How the dispatcher queues, retries and gives up."""

    #: A claimed item is someone else's to retry only after this long.
    lease: timedelta = attrs.field(default=timedelta(minutes=5), validator=_positive_delta)
    #: Remind this far ahead of a deadline: a day, so "thank them by tomorrow night" arrives
    #: while there is still time to do it.
    look_ahead: timedelta = attrs.field(default=timedelta(days=1), validator=_not_negative_delta)
    #: The first retry waits about this long; each further one twice as long…
    backoff_base: timedelta = attrs.field(default=timedelta(minutes=1), validator=_positive_delta)
    #: …up to this.
    backoff_cap: timedelta = attrs.field(default=timedelta(hours=6), validator=_positive_delta)
    #: After this many failed attempts an item is dead: kept, shown, and retried only by hand.
    max_attempts: int = attrs.field(default=8, validator=_positive_int)
    #: A notifier call taking longer than this counts as failed (and is abandoned).
    timeout: timedelta = attrs.field(default=timedelta(seconds=30), validator=_positive_delta)
    #: Items claimed at a time, at most: never more than can all time out within one lease
    #: (see :meth:`claim_size`).
    batch: int = attrs.field(default=100, validator=_positive_int)

    def claim_size(self) -> int:
        """How many items one claim takes: ``batch``, but no more than ``lease / timeout``, so
        that even if every delivery hangs until its timeout, the last is tried before the
        lease runs out and another dispatcher may take the items."""
        return max(1, min(self.batch, int(self.lease / self.timeout)))

    def replace(self, **changes: Any) -> DispatchSettings:
        """A copy with the given fields changed; ``None`` values leave a field as it is."""
        return attrs.evolve(self, **{k: v for k, v in changes.items() if v is not None})

    def backoff(self, attempts: int, rng: random.Random) -> timedelta:
        """The wait before retry number ``attempts`` (1-based): "equal jitter", so retries of
        items that failed together spread out yet never come sooner than half the step."""
        # In float seconds: a large attempt count would overflow timedelta arithmetic.
        doubled = self.backoff_base.total_seconds() * 2.0 ** min(attempts - 1, 64)
        step = min(self.backoff_cap.total_seconds(), doubled)
        return timedelta(seconds=step / 2 + step / 2 * rng.random())


@attrs.frozen
class DispatchReport:
    """What one round did: items newly queued, delivered, failed (to retry), dead."""

    queued: int = 0
    delivered: int = 0
    failed: int = 0
    dead: int = 0

    def __str__(self) -> str:
        return (
            f"{self.queued} queued, {self.delivered} delivered, "
            f"{self.failed} failed, {self.dead} dead"
        )


class OutboxView(enum.StrEnum):
    """What ``afterview outbox --status`` shows."""

    PENDING = "pending"  # waiting, never failed yet
    FAILED = "failed"  # waiting for a retry after a failure
    DEAD = "dead"
    DELIVERED = "delivered"


# --- keys and payloads ----------------------------------------------------------------------


def _channel_label(channel: str, notifier: Notifier) -> str:
    """The channel as it may appear in a key: its URL when that holds no secret, else a hash
    (two URLs that differ only in their secret are still two channels)."""
    if notifier.url == channel:
        return channel
    return "sha256:" + hashlib.sha256(channel.encode()).hexdigest()[:16]


def idempotency_key(workspace: str, advice: Advice, channel_label: str) -> str:
    """``workspace|code|subjects|YYYY-MM-DD|channel``, hashed past :data:`MAX_KEY_LENGTH`."""
    subjects = ",".join(str(s) for s in advice.subjects)
    key = "|".join((workspace, advice.code, subjects, advice.due.date().isoformat(), channel_label))
    if len(key) <= MAX_KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"{workspace}|{advice.code}|sha256:{digest}"


def _notification(workspace: str, advice: Advice, key: str) -> Notification:
    return Notification(
        key=key,
        workspace=workspace,
        code=advice.code,
        title=f"{advice.code} {advice.name}: due {advice.due:%Y-%m-%d %H:%M}",
        body=advice.message,
        due=advice.due,
        subjects=tuple(str(s) for s in advice.subjects),
    )


def notification_from_payload(payload: str) -> Notification:
    """Read back the notification an outbox item carries.

    :raises DataError: the payload is not a notification.
    """
    try:
        data = json.loads(payload)
    except ValueError as exc:
        raise DataError(f"outbox payload is not valid JSON: {exc}") from None
    return structure(data, Notification, what="outbox payload")


def redact_reminders(log: WorkspaceStore, person_id: str, name: str) -> int:
    """Blank the text of every reminder in the outbox that is about ``person_id`` or names
    ``name``, whatever its status; return how many were rewritten. Used by ``forget``."""
    replacements: dict[str, str] = {}
    subject = f"person:{person_id}"
    for item in log.outbox_items():
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
            replacements[item.key] = json.dumps(unstructure(blank))
    log.outbox_redact(replacements)
    return len(replacements)


# --- the round ------------------------------------------------------------------------------


class _Timeout(Exception):
    pass


def _call_with_timeout(notifier: Notifier, notification: Notification, timeout: float) -> bool:
    """Deliver in a daemon thread so a hung channel cannot hold the dispatcher (or the
    interpreter's exit) hostage; the abandoned call may still finish, which at-least-once
    delivery allows."""
    outcome: list[bool | BaseException] = []

    def run() -> None:
        try:
            outcome.append(notifier.notify(notification) is not False)
        except BaseException as exc:  # reported to the dispatcher, not lost in the thread
            outcome.append(exc)

    worker = threading.Thread(target=run, name="afterview-notify", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise _Timeout(f"no answer within {timeout:g}s")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


class _Notifiers:
    """Notifiers opened once per round, keyed by the URL the outbox holds."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._open: dict[str, Notifier] = {}

    def get(self, channel: str) -> Notifier:
        if channel not in self._open:
            self._open[channel] = self._workspace.plugins.open_notifier(channel)
        return self._open[channel]


def _resolve_channels(notifiers: Sequence[str] | None) -> tuple[str, ...]:
    if notifiers is not None:
        return tuple(notifiers)
    from afterview.config import load_config

    return load_config().notify or DEFAULT_NOTIFIERS


def dispatch(
    workspace: Workspace,
    now: datetime,
    notifiers: Sequence[str] | None = None,
    *,
    settings: DispatchSettings | None = None,
    rng: random.Random | None = None,
) -> DispatchReport:
    """Queue the reminders due by ``now`` for each notifier URL, then deliver what is due.

    :param notifiers: notifier URLs; ``None`` reads ``notify`` from the settings file, and
        falls back to :data:`DEFAULT_NOTIFIERS`.
    :param rng: the source of backoff jitter (seed it for repeatable runs).
    :raises UnclaimedURLError: a notifier URL no installed plugin opens; nothing was queued.
    """
    settings = settings or DispatchSettings()
    rng = rng or random.Random()
    channels = _resolve_channels(notifiers)
    opened = _Notifiers(workspace)
    # Open every channel before queueing anything: a mistyped URL is an error now, not a
    # reminder silently parked in the outbox.
    labels = {channel: _channel_label(channel, opened.get(channel)) for channel in channels}
    outbox = workspace.store.workspace(workspace.name)

    queued = 0
    horizon = now + settings.look_ahead
    for advice in workspace.agenda(now):
        if advice.due > horizon:
            continue
        for channel in channels:
            key = idempotency_key(workspace.name, advice, labels[channel])
            payload = json.dumps(unstructure(_notification(workspace.name, advice, key)))
            item = OutboxItem(
                key=key,
                workspace=workspace.name,
                channel=channel,
                payload=payload,
                # Deliverable at once: the look-ahead already decided it is time to remind.
                due=min(advice.due, now),
            )
            queued += outbox.outbox_put(item)

    delivered = failed = dead = 0
    timeout = settings.timeout.total_seconds()
    started = time.monotonic()

    def current() -> datetime:
        # Leases count from ``now`` plus the time this round has taken: a round held up by
        # slow channels must not hand out leases that have already run out.
        return now + timedelta(seconds=time.monotonic() - started)

    while batch := outbox.outbox_claim(
        current(), lease=settings.lease, limit=settings.claim_size()
    ):
        for item in batch:
            error = _deliver(item, opened, timeout)
            if error is None:
                outbox.outbox_ack(item.key, now=now)
                delivered += 1
                continue
            attempts = item.attempts + 1
            after = outbox.outbox_fail(
                item.key,
                now=now,
                retry_at=now + settings.backoff(attempts, rng),
                error=error,
                max_attempts=settings.max_attempts,
            )
            if after.status is OutboxStatus.DEAD:
                dead += 1
            else:
                failed += 1
    report = DispatchReport(queued, delivered, failed, dead)
    log.info("workspace %r: reminders %s", workspace.name, report)
    return report


def _deliver(item: OutboxItem, opened: _Notifiers, timeout: float) -> str | None:
    """Deliver one item; ``None`` when it arrived, else why not (with no secret in it)."""
    label = "notifier"
    try:
        notifier = opened.get(item.channel)
        label = notifier.url
        arrived = _call_with_timeout(notifier, notification_from_payload(item.payload), timeout)
    except _Timeout as exc:
        detail = f"timed out, {exc}"
    except Exception as exc:
        detail = f"{type(exc).__name__}: {exc}"
        # A notifier's own message may quote its URL; only the masked form may leave here.
        if item.channel not in label:
            detail = detail.replace(item.channel, label)
    else:
        if arrived:
            return None
        detail = "the notifier reported a failed delivery"
    error = f"{label}: {detail}"
    log.warning("reminder %s not delivered (attempt %d): %s", item.key, item.attempts + 1, error)
    return error


# --- the outbox, for people -----------------------------------------------------------------


def outbox_view(item: OutboxItem) -> OutboxView:
    """How ``afterview outbox`` classes an item: a pending one that failed before is 'failed'."""
    if item.status is OutboxStatus.DEAD:
        return OutboxView.DEAD
    if item.status is OutboxStatus.DELIVERED:
        return OutboxView.DELIVERED
    return OutboxView.FAILED if item.last_error is not None else OutboxView.PENDING


def outbox_items(workspace: Workspace, status: OutboxView | str | None = None) -> list[OutboxItem]:
    """The workspace's outbox items, optionally only those ``pending`` (never failed),
    ``failed`` (waiting for a retry), ``dead`` or ``delivered``.

    :raises DataError: an unknown status.
    """
    try:
        view = None if status is None else OutboxView(status)
    except ValueError:
        known = ", ".join(v.value for v in OutboxView)
        raise DataError(f"unknown outbox status {status!r}; known: {known}") from None
    items = workspace.store.workspace(workspace.name).outbox_items()
    return [i for i in items if view is None or outbox_view(i) is view]


def retry(workspace: Workspace, key: str, now: datetime) -> OutboxItem:
    """Make one failed or dead item pending again, due now, with its attempts reset.

    :raises NotFoundError: no item has that key.
    """
    return workspace.store.workspace(workspace.name).outbox_retry(key, now=now)


def retry_dead(workspace: Workspace, now: datetime) -> list[OutboxItem]:
    """Make every dead item pending again; return them."""
    outbox = workspace.store.workspace(workspace.name)
    dead: Iterable[OutboxItem] = outbox.outbox_items(OutboxStatus.DEAD)
    return [outbox.outbox_retry(item.key, now=now) for item in dead]
