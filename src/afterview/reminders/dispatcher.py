"""The dispatcher: turns due advice into reminders that are delivered at least once, never lost.

One round of a :class:`Dispatcher` does two things:

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

A hanging channel cannot take a round hostage. Retry times count from the moment of the failure,
so a failed item is not claimed again later in the same round; a round stops claiming once it
has run for :attr:`DispatchSettings.budget` (what is left waits, pending, for the next round);
and a notifier call abandoned after its timeout keeps its thread until it returns, so once a
channel has :attr:`DispatchSettings.hung_calls` such calls alive in the process, it is skipped
for the rest of the round, the reason recorded on each item it skips.

Notifier URLs may hold secrets (tokens, passwords). The outbox keeps the URL as given, since it
must know where to deliver, but logs, errors and keys only ever show the notifier's masked
:attr:`~afterview.reminders.notifier.Notifier.url`.
"""

from __future__ import annotations

import hashlib
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from afterview.errors import SettingsError
from afterview.reminders.notifier import (
    Notification,
    Notifier,
    notification_from_payload,
    notification_payload,
)
from afterview.store import OutboxItem, OutboxStatus, Store, WorkspaceStore, put_new

if TYPE_CHECKING:
    from afterview.playbook.rule import Advice

__all__ = [
    "DEFAULT_NOTIFIERS",
    "DispatchReport",
    "DispatchSettings",
    "Dispatcher",
    "NotifierOpener",
    "OpenedOutbox",
    "idempotency_key",
    "resolve_channels",
]

log = logging.getLogger("afterview.reminders.dispatcher")

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
    #: A round claims nothing more once it has run this long; the items left wait for the next
    #: round. Five minutes: well inside the quarter hour between two cron runs.
    budget: timedelta = attrs.field(default=timedelta(minutes=5), validator=_positive_delta)
    #: Notifier calls abandoned after their timeout, still running, that a channel may have in
    #: this process at once; a channel at this many is skipped for the rest of the round.
    hung_calls: int = attrs.field(default=2, validator=_positive_int)

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
    """What one round did: items newly queued, delivered, failed (to retry), dead; items
    skipped because their channel had too many hung calls (to retry, or dead); whether the round
    stopped claiming because its budget was spent; and ``errors``, why deliveries failed in this
    round, each reason once, secrets masked."""

    queued: int = 0
    delivered: int = 0
    failed: int = 0
    dead: int = 0
    skipped: int = 0
    out_of_time: bool = False
    errors: tuple[str, ...] = attrs.field(default=(), eq=False)

    def __str__(self) -> str:
        text = (
            f"{self.queued} queued, {self.delivered} delivered, "
            f"{self.failed} failed, {self.dead} dead"
        )
        if self.skipped:
            text += f", {self.skipped} skipped (channel hanging)"
        if self.out_of_time:
            text += "; stopped at the round's time budget, the rest waits for the next round"
        return text


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


def _notification(
    workspace: str, advice: Advice, key: str, zone: tzinfo | None = None
) -> Notification:
    # The title shows the due time on the job seeker's clock; ``due`` keeps the exact instant.
    shown = advice.due if zone is None else advice.due.astimezone(zone)
    return Notification(
        key=key,
        workspace=workspace,
        code=advice.code,
        title=f"{advice.code} {advice.name}: due {shown:%Y-%m-%d %H:%M}",
        body=advice.message,
        due=advice.due,
        subjects=tuple(str(s) for s in advice.subjects),
    )


# --- the round ------------------------------------------------------------------------------


class _Timeout(Exception):
    pass


#: Notifier calls given up on after their timeout, by channel; their threads run until the
#: notifier returns, which for a hanging channel may be never.
_abandoned: dict[str, list[threading.Thread]] = {}
_abandoned_lock = threading.Lock()


def abandoned_calls(channel: str | None = None) -> int:
    """How many notifier calls this process abandoned after their timeout are still running
    (for ``channel``, or for all channels)."""
    with _abandoned_lock:
        for key in list(_abandoned):
            alive = [thread for thread in _abandoned[key] if thread.is_alive()]
            if alive:
                _abandoned[key] = alive
            else:
                del _abandoned[key]
        if channel is None:
            return sum(len(threads) for threads in _abandoned.values())
        return len(_abandoned.get(channel, ()))


def _call_with_timeout(
    notifier: Notifier, notification: Notification, timeout: float, channel: str
) -> bool:
    """Deliver in a daemon thread so a hung channel cannot hold the dispatcher (or the
    interpreter's exit) hostage; the abandoned call may still finish, which at-least-once
    delivery allows, and is counted against its channel until it does."""
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
        with _abandoned_lock:
            _abandoned.setdefault(channel, []).append(worker)
        raise _Timeout(f"no answer within {timeout:g}s")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


#: Opens a notifier for a URL: :meth:`afterview.PluginManager.open_notifier`, usually.
NotifierOpener = Callable[[str], Notifier]


def resolve_channels(notifiers: Sequence[str] | None) -> tuple[str, ...]:
    """The notifier URLs to use: those given, else ``notify`` from the settings file, else
    :data:`DEFAULT_NOTIFIERS`."""
    if notifiers is not None:
        return tuple(notifiers)
    from afterview.config import load_config

    return load_config().notify or DEFAULT_NOTIFIERS


class OpenedOutbox(Protocol):
    """A workspace's outbox as the dispatcher delivers from it: one that also opens items
    claimed across the store (:meth:`afterview.sealed_log.SealedLog.open_items`)."""

    def open_items(self, items: list[OutboxItem]) -> list[OutboxItem]: ...

    def outbox_ack(self, key: str, *, now: datetime) -> None: ...

    def outbox_fail(
        self, key: str, *, now: datetime, retry_at: datetime, error: str, max_attempts: int
    ) -> OutboxItem: ...


class _StoreOutbox:
    """The outboxes of every workspace of a store, as one: what :meth:`Dispatcher.deliver`
    needs (claim, acknowledge, fail) over :meth:`Store.claim_due`."""

    def __init__(self, store: Store, open_outbox: Callable[[str], OpenedOutbox]) -> None:
        self._store = store
        self._open_outbox = open_outbox
        self._handles: dict[str, OpenedOutbox] = {}
        self._owner: dict[str, str] = {}  # item key -> its workspace, for ack and fail

    def _of(self, workspace: str) -> OpenedOutbox:
        if workspace not in self._handles:
            self._handles[workspace] = self._open_outbox(workspace)
        return self._handles[workspace]

    def _handle(self, key: str) -> OpenedOutbox:
        return self._of(self._owner[key])

    def outbox_claim(self, now: datetime, *, lease: timedelta, limit: int) -> list[OutboxItem]:
        claimed = self._store.claim_due(now, lease=lease, limit=limit)
        by_workspace: dict[str, list[OutboxItem]] = {}
        for item in claimed:
            self._owner[item.key] = item.workspace
            by_workspace.setdefault(item.workspace, []).append(item)
        opened = {
            item.key: item
            for workspace, items in by_workspace.items()
            for item in self._of(workspace).open_items(items)
        }
        return [opened[item.key] for item in claimed]

    def outbox_ack(self, key: str, *, now: datetime) -> None:
        self._handle(key).outbox_ack(key, now=now)

    def outbox_fail(
        self, key: str, *, now: datetime, retry_at: datetime, error: str, max_attempts: int
    ) -> OutboxItem:
        return self._handle(key).outbox_fail(
            key, now=now, retry_at=retry_at, error=error, max_attempts=max_attempts
        )


class Dispatcher:
    """One round of reminders: queue due advice in an outbox, then deliver what is due.

    Every channel is opened when the dispatcher is made, so a mistyped URL is an error before
    anything is queued, not a reminder silently parked in the outbox; each is opened once,
    however many workspaces and items the round serves.

    :param open_notifier: opens a notifier for a URL (the plugin host's ``open_notifier``).
    :param channels: the notifier URLs every reminder goes to.
    :param rng: the source of backoff jitter (seed it for repeatable runs).
    :param clock: seconds on a monotonic clock, for the time a round has taken (tests pass
        their own).
    :raises UnclaimedURLError: a notifier URL no installed plugin opens.
    """

    def __init__(
        self,
        open_notifier: NotifierOpener,
        channels: Sequence[str],
        *,
        settings: DispatchSettings | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or DispatchSettings()
        self._clock = clock
        self.channels = tuple(channels)
        self._rng = rng or random.Random()
        self._open_notifier = open_notifier
        self._open: dict[str, Notifier] = {}
        self._labels = {
            channel: _channel_label(channel, self.notifier(channel)) for channel in channels
        }

    def notifier(self, channel: str) -> Notifier:
        """The notifier for ``channel``, opened on first use and kept for the round."""
        if channel not in self._open:
            self._open[channel] = self._open_notifier(channel)
        return self._open[channel]

    def run(
        self,
        outbox: WorkspaceStore,
        workspace: str,
        agenda: Iterable[Advice],
        now: datetime,
        *,
        zone: tzinfo | None = None,
    ) -> DispatchReport:
        """:meth:`queue` then :meth:`deliver`, for one workspace."""
        queued = self.queue(outbox, workspace, agenda, now, zone=zone)
        report = attrs.evolve(self.deliver(outbox, now), queued=queued)
        log.info("workspace %r: reminders %s", workspace, report)
        return report

    def queue(
        self,
        outbox: WorkspaceStore,
        workspace: str,
        agenda: Iterable[Advice],
        now: datetime,
        *,
        zone: tzinfo | None = None,
    ) -> int:
        """Put every advice due by ``now`` plus the look-ahead in the outbox, once per channel;
        return how many items were new (a key already there changes nothing).

        :param zone: the job seeker's time zone: titles show due times on their clock.
        """
        items: list[OutboxItem] = []
        horizon = now + self.settings.look_ahead
        for advice in agenda:
            if advice.due > horizon:
                continue
            for channel in self.channels:
                key = idempotency_key(workspace, advice, self._labels[channel])
                items.append(
                    OutboxItem(
                        key=key,
                        workspace=workspace,
                        channel=channel,
                        payload=notification_payload(_notification(workspace, advice, key, zone)),
                        # Deliverable at once: the look-ahead already decided it is time.
                        due=min(advice.due, now),
                    )
                )
        # All at once: a store that can skips the keys already queued in one statement.
        return put_new(outbox, items)

    def next_visit(
        self, agenda: Iterable[Advice], now: datetime, wake: datetime | None
    ) -> datetime | None:
        """When a round must look at a workspace again with no new event: when its agenda may
        change (``wake``, from :func:`~afterview.playbook.agenda.next_wake`), or when advice
        not yet queued comes within the look-ahead, whichever is first; ``None``: never."""
        found = wake
        for advice in agenda:
            moment = advice.due - self.settings.look_ahead
            if moment > now and (found is None or moment < found):
                found = moment
        return found

    def deliver_all(
        self, store: Store, now: datetime, open_outbox: Callable[[str], OpenedOutbox]
    ) -> DispatchReport:
        """:meth:`deliver` for the due items of every workspace of ``store``, claimed through
        :meth:`~afterview.store.Store.claim_due`: several dispatchers share the work, each
        item leased to one of them at a time. ``open_outbox`` gives a workspace's outbox,
        which opens what the store holds sealed."""
        return self.deliver(_StoreOutbox(store, open_outbox), now)

    def deliver(self, outbox: WorkspaceStore | _StoreOutbox, now: datetime) -> DispatchReport:
        """Claim the outbox's due items with a lease, deliver and acknowledge them; a failed
        delivery is retried later with backoff, and is dead after ``max_attempts``.

        The round stops claiming once it has run for ``budget``, and each claim takes no more
        items than could all time out in what is left of it. A channel with ``hung_calls``
        abandoned calls still running is skipped for the rest of the round: its items are
        recorded as failed attempts, with the reason, and retried with backoff."""
        settings = self.settings
        delivered = failed = dead = skipped = 0
        errors: dict[str, None] = {}
        started = self._clock()
        hanging: dict[str, str] = {}  # channel -> why it is skipped for the rest of the round

        def elapsed() -> timedelta:
            return timedelta(seconds=self._clock() - started)

        def current() -> datetime:
            # ``now`` plus the time this round has taken: leases must not have run out when
            # handed out, and a retry counts from the failure, not from the round's start
            # (else a long round claims its own failures again and again).
            return now + elapsed()

        out_of_time = False
        while True:
            left = settings.budget - elapsed()
            if left <= timedelta(0):
                out_of_time = True
                break
            limit = max(1, min(settings.claim_size(), int(left / settings.timeout)))
            batch = outbox.outbox_claim(current(), lease=settings.lease, limit=limit)
            if not batch:
                break
            for item in batch:
                if item.channel not in hanging:
                    reason = self._hanging(item.channel)
                    if reason is not None:
                        hanging[item.channel] = reason
                error = hanging.get(item.channel)
                was_skipped = error is not None
                if error is None:
                    error = self._deliver(item)
                failed_at = current()
                if error is None:
                    outbox.outbox_ack(item.key, now=failed_at)
                    delivered += 1
                    continue
                errors[error] = None
                after = outbox.outbox_fail(
                    item.key,
                    now=failed_at,
                    retry_at=failed_at + settings.backoff(item.attempts + 1, self._rng),
                    error=error,
                    max_attempts=settings.max_attempts,
                )
                if after.status is OutboxStatus.DEAD:
                    dead += 1
                elif was_skipped:
                    skipped += 1
                else:
                    failed += 1
        if out_of_time:
            log.warning(
                "reminder round stopped claiming after its budget of %s; "
                "due items wait for the next round",
                settings.budget,
            )
        return DispatchReport(0, delivered, failed, dead, skipped, out_of_time, tuple(errors))

    def _hanging(self, channel: str) -> str | None:
        """Why ``channel`` is skipped, when it has too many abandoned calls still running."""
        hung = abandoned_calls(channel)
        if hung < self.settings.hung_calls:
            return None
        try:
            label = self.notifier(channel).url
        except Exception:
            label = "notifier"
        return (
            f"{label}: skipped, {hung} earlier calls to this channel are still hanging "
            f"(at most {self.settings.hung_calls} at once); tried again at the next retry"
        )

    def _deliver(self, item: OutboxItem) -> str | None:
        """Deliver one item; ``None`` when it arrived, else why not (with no secret in it)."""
        label = "notifier"
        try:
            notifier = self.notifier(item.channel)
            label = notifier.url
            arrived = _call_with_timeout(
                notifier,
                notification_from_payload(item.payload),
                self.settings.timeout.total_seconds(),
                item.channel,
            )
        except _Timeout as exc:
            detail = f"timed out, {exc}"
        except Exception as exc:
            detail = f"{type(exc).__name__}: {exc}"
            # A notifier's own message may quote its URL; only the masked form may leave here.
            if item.channel not in label:
                detail = detail.replace(item.channel, label)
            detail = _without_secrets(detail, item.channel)
        else:
            if arrived:
                return None
            detail = "the notifier reported a failed delivery"
        error = f"{label}: {detail}"
        log.warning(
            "reminder %s not delivered (attempt %d): %s", item.key, item.attempts + 1, error
        )
        return error


def _without_secrets(text: str, channel: str) -> str:
    """``text`` with what ``channel`` hides taken out: the secrets its references name (which
    the notifier saw, and may quote, in its resolved URL), and its own user info."""
    from afterview.errors import AfterviewError
    from afterview.masking import scrub_url
    from afterview.secret_references import has_references, resolve

    if not has_references(channel):
        return scrub_url(text, channel)
    try:
        resolved = resolve(channel)
    except AfterviewError:
        return text  # the secret cannot be looked up here: the notifier never had it
    text = scrub_url(text, resolved.url)
    for secret in resolved.secrets:
        text = text.replace(secret, "***")
    return text
