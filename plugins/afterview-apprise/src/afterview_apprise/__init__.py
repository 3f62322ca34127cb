"""afterview reminders through apprise: ``apprise:`` followed by any apprise URL."""

# The package's ``plugin`` is the registered instance rather than the submodule of that name.
from afterview_apprise.plugin import SCHEME, AppriseNotifier, ApprisePlugin, plugin

__all__ = ["SCHEME", "AppriseNotifier", "ApprisePlugin", "plugin"]
