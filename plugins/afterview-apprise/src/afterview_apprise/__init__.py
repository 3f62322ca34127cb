"""afterview reminders through apprise: ``apprise:`` followed by any apprise URL."""

from afterview_apprise.plugin import SCHEME, AppriseNotifier

__all__ = ["SCHEME", "AppriseNotifier"]
