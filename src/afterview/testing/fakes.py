"""Stand-ins for adapters, for tests of code that delivers notifications.

:class:`FakeNotifier` is a real :class:`~afterview.Notifier`: it keeps what it delivered
instead of sending it anywhere, deduplicates by idempotency key as a calendar or a message id
would, and fails on demand so that retries can be tested.
"""

from __future__ import annotations

import threading

from afterview.reminders.notifier import Notification

__all__ = ["FakeDeliveryError", "FakeNotifier"]


class FakeDeliveryError(RuntimeError):
    """The failure a :class:`FakeNotifier` raises when told to fail."""


class FakeNotifier:
    """Records deliveries; fails the next ``n`` deliveries, or those of given keys, on demand.

    :param url: what :attr:`url` reports.
    :param fail_by_returning_false: fail by returning ``False`` rather than by raising.
    """

    def __init__(self, url: str = "fake:", *, fail_by_returning_false: bool = False) -> None:
        self._url = url
        self._fail_by_returning_false = fail_by_returning_false
        self._lock = threading.Lock()
        self._failures_left = 0
        self._failing_keys: set[str] = set()
        self._successes = 0
        #: Delivered notifications by key: a key delivered again replaces nothing.
        self.delivered: dict[str, Notification] = {}
        #: The key of every call to :meth:`notify`, successful or not, in order.
        self.attempts: list[str] = []

    def __repr__(self) -> str:
        return f"<FakeNotifier {self._url!r} delivered={len(self.delivered)}>"

    @property
    def url(self) -> str:
        return self._url

    def fail_next(self, count: int = 1) -> None:
        """Make the next ``count`` deliveries fail."""
        with self._lock:
            self._failures_left += count

    def fail_key(self, key: str, *, failing: bool = True) -> None:
        """Make every delivery of ``key`` fail (or succeed again, with ``failing=False``)."""
        with self._lock:
            if failing:
                self._failing_keys.add(key)
            else:
                self._failing_keys.discard(key)

    @property
    def duplicates(self) -> int:
        """How many successful deliveries repeated a key already delivered."""
        with self._lock:
            return self._successes - len(self.delivered)

    def notify(self, notification: Notification) -> bool | None:
        with self._lock:
            self.attempts.append(notification.key)
            failing = self._failures_left > 0 or notification.key in self._failing_keys
            if self._failures_left > 0:
                self._failures_left -= 1
            if not failing:
                self._successes += 1
                self.delivered.setdefault(notification.key, notification)
                return True
        if self._fail_by_returning_false:
            return False
        raise FakeDeliveryError(f"delivery of {notification.key!r} failed on purpose")
