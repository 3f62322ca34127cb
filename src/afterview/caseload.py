"""A coach's caseload: what is due across many job seekers' workspaces, read from the index.

The store's wake-up index (:class:`~afterview.store.WakeupIndex`) keeps, for each workspace, the
due times and rule codes of its agenda as the last reminder round saw it, and when that agenda
can next change. :func:`caseload` answers from it, and folds only the workspaces whose entry is
out of date (their log grew since, or their wake-up time has passed): with reminder rounds
running, that is a handful, however many job seekers the store holds. A store without the index
has every workspace folded.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

import attrs

from afterview.model import check_moment
from afterview.plugin_manager import PluginManager, get_plugin_manager
from afterview.settings import Settings
from afterview.store import Store, WakeupEntry, WakeupIndex
from afterview.workspace import Workspace

__all__ = ["Caseload", "caseload"]


@attrs.frozen(kw_only=True)
class Caseload:
    """One job seeker's agenda in brief: how much is due by the moment asked about, how much
    later, and the advice first due (``(due, rule code)`` pairs, soonest first).

    ``from_index`` says whether it was read from the index (True) or folded afresh (False).
    """

    workspace: str
    due: int
    later: int
    agenda: tuple[tuple[datetime, str], ...] = ()
    from_index: bool = True

    @property
    def next(self) -> tuple[datetime, str] | None:
        """The advice due first, if any."""
        return self.agenda[0] if self.agenda else None


def _summary(
    workspace: str, agenda: tuple[tuple[datetime, str], ...], now: datetime, from_index: bool
) -> Caseload:
    due = sum(1 for moment, _ in agenda if moment <= now)
    return Caseload(
        workspace=workspace,
        due=due,
        later=len(agenda) - due,
        agenda=agenda,
        from_index=from_index,
    )


def caseload(
    store: Store,
    now: datetime,
    *,
    workspaces: Collection[str] | None = None,
    settings: Settings | None = None,
    plugin_manager: PluginManager | None = None,
) -> list[Caseload]:
    """What is due at ``now`` in each workspace of ``store`` (or of ``workspaces``), by name.

    Entries of the index that are current are read as they are; the others (and every workspace
    of a store without the index) are folded with ``settings`` and the installed rules.
    """
    moment = check_moment(now, "now")
    plugins = plugin_manager if plugin_manager is not None else get_plugin_manager()
    entries: dict[str, WakeupEntry | None]
    if isinstance(store, WakeupIndex):
        entries = {e.workspace: e for e in store.wakeup_entries(workspaces)}
    else:
        names = store.workspaces()
        entries = {n: None for n in names if workspaces is None or n in workspaces}
    found: list[Caseload] = []
    for name, entry in sorted(entries.items()):
        if entry is not None and not entry.stale(moment):
            found.append(_summary(name, entry.agenda, moment, True))
            continue
        ws = Workspace(store, name, settings=settings, plugin_manager=plugins)
        agenda = tuple((a.due, a.code) for a in ws.agenda(moment))
        found.append(_summary(name, agenda, moment, False))
    return found
