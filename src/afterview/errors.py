"""The one error hierarchy: every error afterview raises on purpose is an :class:`AfterviewError`.

Each subclass names a kind of failure a caller can act on; the message says what went wrong and
where (the event, the JSON path, the store row, the URL), and never carries a third party's
personal data.
"""

from __future__ import annotations

__all__ = [
    "AfterviewError",
    "ConcurrencyError",
    "CorruptRecordError",
    "DataError",
    "EventRejected",
    "NotFoundError",
    "PluginError",
    "ScopeError",
    "SecretError",
    "SettingsError",
    "StoreError",
    "UnclaimedURLError",
    "UnknownReference",
]


class AfterviewError(Exception):
    """Root of every error afterview raises on purpose."""


class DataError(AfterviewError, ValueError):
    """Input that does not have the expected shape: a bad field, type, key or JSON document.

    :ivar path: the JSON path of the offending field (``$.events[3].at``), or ``"$"``.
    :ivar problems: every problem found, each already prefixed with its path.
    """

    def __init__(self, message: str, *, path: str = "$", problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.path = path
        self.problems = problems or (message,)


class EventRejected(AfterviewError):
    """An event that does not fit the workspace's state; it was not stored.

    :ivar event_type: the event's type tag, e.g. ``"ThankYouSent"``.
    :ivar reason: why it does not fit.
    :ivar needs: the type tag of the event that must be recorded first, when that is the fix
        (``"InterviewHeld"`` before a thank-you note); None otherwise.
    """

    def __init__(self, event_type: str, reason: str, needs: str | None = None) -> None:
        super().__init__(f"{event_type} refused: {reason}")
        self.event_type = event_type
        self.reason = reason
        self.needs = needs


class NotFoundError(AfterviewError, LookupError):
    """A name or id that matches nothing in the workspace (or several things, ambiguously)."""


class UnknownReference(EventRejected, NotFoundError):
    """An event that names a record the workspace does not hold (``action done act_…`` with a
    mistyped id): refused like any event that does not fit, and a "not found" to a caller."""


class ConcurrencyError(AfterviewError):
    """Another writer appended to the workspace first; nothing of this append was stored.

    Re-read the workspace and try again.
    """

    def __init__(self, workspace: str, expected: int, actual: int | None = None) -> None:
        found = "" if actual is None else f", the log is at version {actual}"
        super().__init__(
            f"workspace {workspace!r} changed under this writer: expected version {expected}"
            f"{found}; nothing was stored, re-read and retry"
        )
        self.workspace = workspace
        self.expected = expected
        self.actual = actual


class StoreError(AfterviewError):
    """A storage backend failed (cannot open, migrate, read or write)."""


class CorruptRecordError(StoreError):
    """A stored record cannot be decoded. The other records remain readable.

    :ivar workspace: the workspace holding the record.
    :ivar position: the record's position in the log (1-based).
    """

    def __init__(self, workspace: str, position: int, detail: str) -> None:
        super().__init__(f"workspace {workspace!r}, event #{position} is corrupt: {detail}")
        self.workspace = workspace
        self.position = position
        self.detail = detail


class ScopeError(AfterviewError):
    """A store handle scoped to some workspaces was asked for another; nothing was read or
    written. (See :class:`afterview.scope.ScopedStore`.)

    :ivar workspace: the workspace that was refused.
    """

    def __init__(self, workspace: str, detail: str = "") -> None:
        super().__init__(
            f"workspace {workspace!r} is outside the scope of this store handle"
            + (f": {detail}" if detail else "")
        )
        self.workspace = workspace


class PluginError(AfterviewError):
    """A plugin failed to load, or raised inside a hook."""


class UnclaimedURLError(PluginError, LookupError):
    """No installed plugin claims a URL; the message lists the schemes that are claimed."""


class SettingsError(AfterviewError):
    """The settings file or an environment variable holds a value afterview cannot use."""


class SecretError(SettingsError):
    """A secret named by reference in a URL (``{keyring:…}``, ``{env:…}``) cannot be had, or
    cannot be stored; the message names the reference, never the secret."""
