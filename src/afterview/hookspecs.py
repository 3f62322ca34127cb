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

    from afterview.ats.protocols import Importer, JobBoard
    from afterview.events import Event
    from afterview.journal import Journal
    from afterview.playbook.rule import Rule
    from afterview.reminders.notifier import Notifier
    from afterview.store import Store

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
def afterview_open_importer(url: str, clock: Callable[[], datetime] | None) -> Importer | None:
    """Open an ATS importer for ``url`` (``greenhouse://…``, ``lever://…``) or return None.

    :param clock: the workspace's clock (``--now`` on the command line), for whatever the import
        judges against "now" (has an interview's end passed?); ``None`` when the importer is
        opened outside a workspace. An implementation may leave it out of its parameters.
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
    """Return playbook rules to add to the built-in ones. Codes must be unique."""
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


#: The URL-claiming hooks, by the kind of thing they open.
OPENERS = {
    "store": "afterview_open_store",
    "notifier": "afterview_open_notifier",
    "importer": "afterview_open_importer",
    "job board": "afterview_open_job_board",
}
