"""The plugin's errors: a mail server that cannot be reached or refuses the login. Both are
:class:`afterview.PluginError`, so the command line prints one line and exits with its code."""

from __future__ import annotations

from afterview import PluginError

__all__ = ["MailError", "MailLoginError"]


class MailError(PluginError):
    """The mail server could not be reached, or dropped the connection too often."""


class MailLoginError(MailError):
    """The mail server refused the login: a wrong user, password or token."""
