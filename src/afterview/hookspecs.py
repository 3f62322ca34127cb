"""The hooks a plugin can implement (pluggy project name ``afterview``).

A plugin is a module or object with functions marked ``@afterview.hookimpl`` and named after these
specifications, registered through the ``afterview`` entry-point group::

    [project.entry-points.afterview]
    my_store = "my_package.plugin"

Every hook is documented, with an example, in ``docs/plugins.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from datetime import datetime

    import click

    from afterview.ats.protocols import Importer, JobBoard
    from afterview.events import Event
    from afterview.journal import Journal
    from afterview.playbook.rule import Rule
    from afterview.reminders.notifier import Notifier
    from afterview.store import OutboxItem, Store

__all__ = ["PROJECT_NAME", "hookimpl", "hookspec"]

PROJECT_NAME = "afterview"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
#: Mark a plugin's function as an implementation of one of the hooks below.
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec(firstresult=True)
def afterview_open_store(url: str) -> Store | None:
    """Open a storage backend for ``url`` if this plugin handles its scheme, else return None.

    :param url: e.g. ``memory://``, ``sqlite:///home/me/afterview.sqlite``,
        ``postgresql://coach@db/afterview``.
    :return: an object meeting :class:`afterview.Store`, or ``None`` to let another plugin try.
    """


@hookspec(firstresult=True)
def afterview_open_notifier(url: str) -> Notifier | None:
    """Open a notifier for ``url`` (``console:``, ``apprise:…``, ``ics:///…``) or return None."""


@hookspec(firstresult=True)
def afterview_open_importer(url: str, clock: Callable[[], datetime]) -> Importer | None:
    """Open an ATS importer for ``url`` (``greenhouse://…``, ``lever://…``) or return None.

    :param clock: the workspace's clock (``afterview --now``): what "now" is for this import,
        e.g. to tell a held interview from one still ahead. Optional: an implementation that
        does not name it in its signature is called without it.
    """


@hookspec(firstresult=True)
def afterview_open_job_board(url: str) -> JobBoard | None:
    """Open a public job board for ``url`` (``greenhouse-board://TOKEN``) or return None."""


@hookspec
def afterview_url_schemes() -> Mapping[str, Sequence[str]]:
    """Say which URL prefixes this plugin's openers claim, by kind of adapter.

    Used to tell a user which URLs would work when none claims theirs, and by
    ``afterview plugins``. Example: ``{"store": ["sqlite:///"], "notifier": ["console:"]}``.
    Kinds are ``store``, ``notifier``, ``importer`` and ``job board``.
    """
    return {}


@hookspec
def afterview_rules() -> Sequence[Rule]:
    """Return playbook rules to add to the built-in ones.

    A rule whose code another plugin (afterview's own rules first) already uses is left out and
    reported in ``afterview plugins``; so is everything this hook returns if it raises. Check
    your rules with :class:`afterview.testing.RuleContract`.
    """
    return ()


@hookspec
def afterview_events_appended(workspace: Journal, events: Sequence[Event]) -> None:
    """Observe events right after they were stored.

    ``workspace`` is the :class:`~afterview.workspace.Workspace` that stored them, typed by the
    :class:`~afterview.journal.Journal` protocol: its ``name``, its folded ``state`` and
    ``record``.

    The append has already happened: an observer that raises is reported (with the plugin's name)
    and never undoes it.
    """


@hookspec
def afterview_contact_forgotten(
    workspace: str,
    person_id: str,
    reminders: Sequence[OutboxItem],
    names_them: Callable[[str], bool],
) -> None:
    """Erase a forgotten person from whatever this plugin wrote outside the store.

    Called by ``forget`` after the person's reminders were blanked in the outbox and before their
    key is destroyed; called again when a ``forget`` cut short is run again, so make it
    idempotent. ``reminders`` are the outbox items that were about the person or named them, as
    they were before blanking (their ``key`` is the idempotency key a channel received, their
    ``channel`` the notifier URL); ``names_them(text)`` tells whether a text names the person
    (see :mod:`afterview.naming`). An implementation that raises makes ``forget`` end with a
    :class:`~afterview.errors.PluginError` once the store is erased; running it again retries.
    """


@hookspec
def afterview_cli_commands() -> Sequence[click.Command]:
    """Return commands to add to the ``afterview`` command line: click commands or groups.

    Called only by the command line, and only when it needs a command that is not built in (or
    lists them all for ``--help``): import click and your command's module inside the hook.
    A name a built-in command already has is ignored. Inside the command,
    :func:`afterview.cli.invocation` gives the workspace, the clock and the settings that the
    global options chose.
    """
    return ()


@hookspec
def afterview_settings_type() -> type | None:
    """Return the attrs class of this plugin's own settings: its ``[plugins.NAME]`` table of the
    settings file, NAME being the plugin's entry-point name.

    Every field needs a default (the table may be absent). afterview reads the table into the
    class when a workspace opens, refusing unknown keys and values of the wrong type with a
    :class:`~afterview.errors.SettingsError` that names the table; ``afterview info`` shows the
    values. A rule reads them with ``settings.plugin("NAME", TheClass)``, and lists the ones it
    reads in ``rule(settings=("NAME.field",))``. ``None`` means no settings.
    """
    return None


#: The URL-claiming hooks, by the kind of thing they open.
OPENERS = {
    "store": "afterview_open_store",
    "notifier": "afterview_open_notifier",
    "importer": "afterview_open_importer",
    "job board": "afterview_open_job_board",
}
