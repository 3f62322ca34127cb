"""One reminder round over every workspace of a store, shared by any number of dispatchers.

A round has two steps:

1. **Visit.** The workspaces the store's wake-up index (:class:`~afterview.store.WakeupIndex`)
   says need it — those whose log grew, and those whose wake-up time has come — are claimed
   with a lease, a batch at a time. Each is folded, its due reminders are queued (only the new
   ones reach the outbox), and the index is told when it next needs a visit. Every other
   workspace is left alone: an idle round reads one index and folds nothing.
2. **Deliver.** Due reminders of every workspace are claimed with a lease across the store
   (:meth:`~afterview.store.Store.claim_due`) and delivered.

Dispatchers in other processes, on this machine or others, run the same round on the same store
at the same time: the leases split the work between them, with no partition set by hand. A
dispatcher that dies keeps its workspaces and reminders only until their leases run out; the
next round (its own or another's) takes them over, so nothing is lost.

A store without the index (a third party's, or a store scoped to some workspaces) is visited
workspace by workspace: the same reminders, only slower.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from afterview.errors import AfterviewError
from afterview.model import check_moment
from afterview.plugin_manager import PluginManager, get_plugin_manager
from afterview.reminders.dispatcher import (
    Dispatcher,
    DispatchReport,
    DispatchSettings,
    resolve_channels,
)
from afterview.settings import Settings
from afterview.store import Store, WakeupIndex
from afterview.workspace import Workspace, ahead_of_the_clock

if TYPE_CHECKING:
    import random

    from afterview.sealed_log import SealedLog

__all__ = ["RoundReport", "dispatcher_id", "remind_all"]

log = logging.getLogger("afterview.reminder_round")

#: Workspaces claimed from the index at a time.
DEFAULT_BATCH = 50


def dispatcher_id() -> str:
    """A name for this dispatcher that no other shares: host, process and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@attrs.frozen
class RoundReport:
    """What a round did: workspaces visited, those that failed (by name, with the error's
    type; the others went on), and the reminders queued and delivered."""

    visited: int = 0
    failed: tuple[str, ...] = ()
    dispatch: DispatchReport = attrs.field(factory=DispatchReport)
    #: Why each of :attr:`failed` was not visited: the error's type (its message may quote the
    #: workspace's data), in the same order.
    why: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = f"{self.visited} workspace(s) visited"
        if self.failed:
            text += f" ({len(self.failed)} could not be read)"
        return f"{text}, {self.dispatch}"


def remind_all(
    store: Store,
    now: datetime,
    notifiers: Sequence[str] | None = None,
    *,
    settings: Settings | None = None,
    dispatch_settings: DispatchSettings | None = None,
    plugin_manager: PluginManager | None = None,
    owner: str | None = None,
    batch: int = DEFAULT_BATCH,
    full: bool = False,
    rng: random.Random | None = None,
) -> RoundReport:
    """Run one reminder round over every workspace of ``store`` (see the module's text).

    :param notifiers: the notifier URLs every reminder goes to (default: each workspace's
        profile's ``notify``, else ``notify`` from the settings file, else ``console:``).
    :param settings: the job seekers' settings (time zone, thresholds).
    :param owner: this dispatcher's name in the leases it takes (default: :func:`dispatcher_id`).
    :param full: visit every workspace, not only those the index names: once after the
        settings, the look-ahead or the installed rules changed, since the wake-up times the
        index holds were worked out with the old ones.
    :raises UnclaimedURLError: a notifier URL no installed plugin opens; nothing was queued.
    """
    moment = check_moment(now, "now")
    plugins = plugin_manager if plugin_manager is not None else get_plugin_manager()
    chosen = dispatch_settings or DispatchSettings()
    dispatcher = Dispatcher(
        plugins.open_notifier, resolve_channels(notifiers), settings=chosen, rng=rng
    )
    me = owner or dispatcher_id()
    opened: dict[str, Workspace] = {}

    def open_workspace(name: str) -> Workspace:
        if name not in opened:
            opened[name] = Workspace(
                store, name, settings=settings, plugin_manager=plugins, clock=lambda: moment
            )
        return opened[name]

    def dispatcher_for(workspace: Workspace) -> Dispatcher:
        # A job seeker's profile may name their own notifiers; URLs given to the round win.
        own = workspace.notify
        if notifiers is not None or own is None:
            return dispatcher
        return Dispatcher(plugins.open_notifier, resolve_channels(own), settings=chosen, rng=rng)

    visited = 0
    failed: list[str] = []
    why: list[str] = []
    queued = 0

    def visit(name: str, lease_owner: str | None) -> None:
        nonlocal visited, queued
        visited += 1
        try:
            workspace = open_workspace(name)
            queued += workspace.queue_reminders(
                dispatcher_for(workspace), moment, owner=lease_owner
            )
        except AfterviewError as exc:
            # One workspace's bad record must not hold back everyone else's reminders; its
            # lease runs out and the next round tries again.
            failed.append(name)
            why.append(type(exc).__name__)
            log.warning("workspace %r: not visited: %s", name, type(exc).__name__)

    # A round from the future (a --now ahead of the clock) visits everyone and leaves the index
    # alone: its leases and wake-up times would keep the real rounds away.
    if isinstance(store, WakeupIndex) and not full and not ahead_of_the_clock(moment):
        while names := store.wakeup_claim(moment, owner=me, lease=chosen.lease, limit=batch):
            for name in names:
                visit(name, me)
            # A batch's workspaces are not needed again unless they have reminders to deliver.
            opened.clear()
    else:
        for name in store.workspaces():
            visit(name, None)

    def open_outbox(name: str) -> SealedLog:
        return open_workspace(name).sealed_outbox()

    report = dispatcher.deliver_all(store, moment, open_outbox)
    result = RoundReport(
        visited, tuple(failed), attrs.evolve(report, queued=queued), why=tuple(why)
    )
    log.info("reminder round: %s", result)
    return result
