"""The facade users call: one job seeker's workspace.

Record what happened with the ``record``-style methods (each validates the new events against the
folded state and appends them atomically, with optimistic concurrency), then ask what to do next
with :meth:`Workspace.agenda`. Every method that records takes ``at``, when the fact happened;
it defaults to the workspace's clock.

>>> from datetime import datetime, UTC
>>> ws = Workspace.open("memory://")
>>> acme = ws.add_organization("Acme Analytics")
>>> app = ws.submit_application(acme, "Data Analyst", at=datetime(2026, 5, 1, tzinfo=UTC))
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import attrs

from afterview import events as ev
from afterview.errors import (
    ConcurrencyError,
    CorruptRecordError,
    DataError,
    NotFoundError,
    PluginError,
    SettingsError,
    StoreError,
)
from afterview.fold import State
from afterview.model import check_moment
from afterview.naming import normalized
from afterview.playbook.agenda import Agenda, RuleFailure, build_agenda, check_rule_codes
from afterview.plugin_manager import ObserverFailure, PluginManager, get_plugin_manager
from afterview.recording import Clock, IdFactory, Recording, new_id
from afterview.redaction import mentions, name_matcher, redacted_records
from afterview.scope import only_workspace
from afterview.sealed_log import SealedLog
from afterview.sealing import check_keyring
from afterview.serialization import ExportDocument, loads_event
from afterview.settings import Settings
from afterview.snapshot import SnapshotPolicy
from afterview.store import (
    Keyring,
    OutboxItem,
    Store,
    StoredEvent,
    WakeupIndex,
    validate_workspace_name,
)

if TYPE_CHECKING:
    import random
    from datetime import timedelta

    from afterview.ats.importing import ImportReport, ProgressCallback
    from afterview.ats.watch import WatchReport
    from afterview.insights import Insights
    from afterview.linter import Finding
    from afterview.playbook.rule import Rule
    from afterview.reminders.dispatcher import Dispatcher, DispatchReport, DispatchSettings
    from afterview.reminders.outbox import OutboxView
    from afterview.salvage import Salvage

__all__ = ["Clock", "IdFactory", "Workspace", "new_id"]

log = logging.getLogger("afterview.workspace")


#: How far ahead of this machine's clock a visit may be and still tell the wake-up index what it
#: found: dispatchers on several machines never agree to the second.
CLOCK_SKEW = timedelta(minutes=5)


def ahead_of_the_clock(moment: datetime) -> bool:
    """Whether ``moment`` is ahead of this machine's clock by more than :data:`CLOCK_SKEW` (a
    ``--now`` in the future): what is found then must not reach the wake-up index."""
    return moment > _utcnow() + CLOCK_SKEW


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _adds_contact(data: str, person_id: str) -> bool:
    """Whether a stored record is the ``ContactAdded`` of ``person_id``."""
    if '"ContactAdded"' not in data:
        return False
    event = loads_event(data)
    return isinstance(event, ev.ContactAdded) and event.person_id == person_id


class Workspace(Recording):
    """One job seeker's search: an event log in a store, folded into :attr:`state`.

    Each person's personal data is stored sealed with a key of their own (see
    :mod:`afterview.sealing`), kept in the store's key table, or in ``keyring`` when given (an
    external key store: then the database and its backups never hold the keys).

    :raises StoreError: the store has no key table and no ``keyring`` was given.
    """

    def __init__(
        self,
        store: Store,
        name: str | None = None,
        *,
        settings: Settings | None = None,
        plugin_manager: PluginManager | None = None,
        clock: Clock = _utcnow,
        ids: IdFactory = new_id,
        keyring: Keyring | None = None,
        snapshots: SnapshotPolicy | None = None,
        timezone: str | None = None,
    ) -> None:
        if name is None:
            # A handle scoped to one workspace opens that one; any other, "default".
            name = only_workspace(store) or "default"
        self.name = validate_workspace_name(name)
        self.store = store
        self._settings = settings if settings is not None else Settings()
        # A zone for this session only (the command line's --timezone): wins over the profile's.
        self._timezone = timezone
        if timezone is not None:
            self._settings = self._settings.overridden(timezone, ())
        self._effective: tuple[object, Settings] | None = None
        self.plugins = plugin_manager if plugin_manager is not None else get_plugin_manager()
        # A plugin's [plugins.NAME] table is checked now, not when a rule first reads it.
        self.plugins.plugin_settings(self._settings)
        self.clock = clock
        self._ids = ids
        handle = store.workspace(self.name)
        keys = check_keyring(
            handle if keyring is None else keyring,
            f"store {store.url!r}" if keyring is None else f"keyring {keyring!r}",
        )
        self._state = State()
        self._log = SealedLog(handle, keys, lambda: self._state)
        #: When snapshots of the state are written beside the log (see afterview.snapshot).
        self.snapshots = snapshots if snapshots is not None else SnapshotPolicy()
        # The position of the last snapshot read or written (0: none), and whether the
        # store's snapshot was looked for yet (once, on the first read).
        self._snapshot_at = 0
        self._snapshot_looked = not self.snapshots.enabled
        self._has_read = False
        self._rules: list[Rule] | None = None
        #: Observers that failed after the most recent append (the append itself stood).
        self.observer_failures: list[ObserverFailure] = []
        #: Rules that failed in the most recent agenda (its other advice stood).
        self.rule_failures: tuple[RuleFailure, ...] = ()

    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        name: str | None = None,
        settings: Settings | None = None,
        plugin_manager: PluginManager | None = None,
        clock: Clock = _utcnow,
        ids: IdFactory = new_id,
        keyring: Keyring | None = None,
        snapshots: SnapshotPolicy | None = None,
        timezone: str | None = None,
    ) -> Workspace:
        """Open workspace ``name`` in the store at ``url``.

        With no URL, the embedded default store is used
        (see :func:`afterview.config.default_store_url`). With no name, the workspace the URL
        is scoped to (``?workspaces=alice``, see :class:`afterview.scope.ScopedStore`) when it
        names exactly one, else ``"default"``.

        :raises ScopeError: the URL is scoped to workspaces that do not include ``name``.
        """
        pm = plugin_manager if plugin_manager is not None else get_plugin_manager()
        if url is None:
            from afterview.config import load_config

            config = load_config()
            url = config.store_url
            settings = settings if settings is not None else config.settings
        store = pm.open_store(url)
        try:
            return cls(
                store,
                name,
                settings=settings,
                plugin_manager=pm,
                clock=clock,
                ids=ids,
                keyring=keyring,
                snapshots=snapshots,
                timezone=timezone,
            )
        except BaseException:
            store.close()
            raise

    def __repr__(self) -> str:
        return f"<Workspace {self.name!r} in {self.store.url!r} version={self._state.version}>"

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- settings ------------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """The settings the playbook reads: those given (the settings file's, for a workspace
        opened without settings), with this workspace's profile over them (its time zone and
        thresholds; see :meth:`set_profile`)."""
        # The log is read once at least (the profile is in it); later, agenda() and every
        # other reader bring the state up to date, and this reads it as it is.
        profile = (self._state if self._has_read else self.refresh()).profile
        if profile is None:
            return self._settings
        cached = self._effective
        if cached is None or cached[0] is not profile:
            zone = self._timezone or profile.timezone
            try:
                effective = self._settings.overridden(zone, profile.thresholds)
            except SettingsError as exc:
                # A zone this machine's database lacks: the profile's other settings still hold.
                log.warning("workspace %r: profile setting ignored: %s", self.name, exc)
                effective = self._settings.overridden(None, profile.thresholds)
            cached = self._effective = (profile, effective)
        return cached[1]

    @settings.setter
    def settings(self, settings: Settings) -> None:
        if self._timezone is not None:
            settings = settings.overridden(self._timezone, ())
        self._settings, self._effective = settings, None

    @property
    def base_settings(self) -> Settings:
        """The settings given to the workspace (the settings file's), without its profile."""
        return self._settings

    @property
    def notify(self) -> tuple[str, ...] | None:
        """The notifier URLs this workspace's profile names; ``None`` when it names none
        (then ``notify`` from the settings file applies)."""
        profile = self.state.profile
        return profile.notify if profile is not None and profile.notify else None

    # --- reading -----------------------------------------------------------------------------

    @property
    def state(self) -> State:
        """The folded state, brought up to date with the store first.

        Read it; never change it: it is the workspace's own (copying it on every read would
        cost a pass over everything held). Change the workspace by recording events.
        """
        return self.refresh()

    def refresh(self) -> State:
        """Fold in any events other writers appended since the last read.

        The first read starts from the store's snapshot when it has a usable one, and folds
        only the events after it; a read that folded a long tail writes a new snapshot (see
        :class:`~afterview.snapshot.SnapshotPolicy`).
        """
        if not self._snapshot_looked:
            self._snapshot_looked = True
            if self._state.version == 0:
                loaded = self._log.snapshot_load()
                if loaded is not None:
                    self._state, self._snapshot_at = loaded, loaded.version
        for record in self._log.read(self._state.version):
            self._state.apply(self._load(record))
        self._has_read = True
        self._keep_snapshot()
        return self._state

    def _keep_snapshot(self) -> None:
        """Write a snapshot of the state if the policy says it is time; never fail the read
        or the append that led here (a read-only store, a store error: the log is the truth)."""
        if not self.snapshots.due(self._state.version, self._snapshot_at):
            return
        position = self._state.version
        try:
            self._log.snapshot_save(self._state)
        except (StoreError, DataError) as exc:
            log.info("workspace %r: no snapshot written: %s", self.name, exc)
        # Not again before the next stretch of events, whether it was written or not.
        self._snapshot_at = position

    def events(self) -> list[ev.Event]:
        """Every event of the log, in order.

        :raises CorruptRecordError: a record cannot be read (:meth:`salvage` reads past it).
        """
        return [self._load(r) for r in self._log.read(0)]

    def _load(self, record: StoredEvent) -> ev.Event:
        try:
            return loads_event(record.data)
        except DataError as exc:
            raise CorruptRecordError(self.name, record.position, str(exc)) from None

    @property
    def rules(self) -> list[Rule]:
        """The playbook: the built-in rules and those plugins add, sorted by code."""
        if self._rules is None:
            self._rules = check_rule_codes(self.plugins.rules())
        return self._rules

    def agenda(self, now: datetime | None = None) -> Agenda:
        """Everything to do, ordered by due time then priority. Deterministic for a given log,
        ``now`` and settings.

        A rule that fails on this workspace's data gives no advice and is listed in the
        agenda's ``failures`` (and in :attr:`rule_failures`); the other rules' advice stands.

        :raises DataError: ``now`` (or the clock's time) is naive, or outside the dates
            afterview accepts (:data:`~afterview.model.EARLIEST` to
            :data:`~afterview.model.LATEST`).
        """
        # Rules compare ``now`` with stored, aware times, and add durations to it.
        moment = check_moment(now or self.clock(), "now")
        agenda = build_agenda(self.state, moment, self.settings, self.rules)
        self.rule_failures = agenda.failures
        return agenda

    def dispatch(
        self,
        now: datetime | None = None,
        notifiers: Sequence[str] | None = None,
        *,
        lease: timedelta | None = None,
        max_attempts: int | None = None,
        timeout: timedelta | None = None,
        settings: DispatchSettings | None = None,
        rng: random.Random | None = None,
    ) -> DispatchReport:
        """Queue due reminders for each notifier URL and deliver them; see
        :class:`afterview.reminders.dispatcher.Dispatcher`. ``notifiers`` defaults to the
        profile's (:attr:`notify`), else ``notify`` from the settings file; ``lease``,
        ``max_attempts`` and ``timeout`` override the same fields of ``settings``.

        :raises UnclaimedURLError: a notifier URL no installed plugin opens; nothing was queued.
        """
        from afterview.reminders.dispatcher import Dispatcher, DispatchSettings, resolve_channels

        chosen = (settings or DispatchSettings()).replace(
            lease=lease, max_attempts=max_attempts, timeout=timeout
        )
        moment = now or self.clock()
        channels = resolve_channels(notifiers if notifiers is not None else self.notify)
        dispatcher = Dispatcher(self.plugins.open_notifier, channels, settings=chosen, rng=rng)
        # The wake-up index is left to rounds over the store (remind_all): a round may send to
        # other channels than these, and must still find this workspace's reminders new.
        queued = self.queue_reminders(dispatcher, moment, index=False)
        report = attrs.evolve(dispatcher.deliver(self._log, moment), queued=queued)
        log.info("workspace %r: reminders %s", self.name, report)
        return report

    def queue_reminders(
        self,
        dispatcher: Dispatcher,
        now: datetime,
        *,
        owner: str | None = None,
        index: bool = True,
    ) -> int:
        """Queue the reminders due now in the outbox (:meth:`Dispatcher.queue`), then tell the
        store's wake-up index (:class:`~afterview.store.WakeupIndex`) when this workspace next
        needs a round, ending ``owner``'s lease on it. Return how many reminders were new.

        The index is not told (``index=False``, or ``now`` ahead of this machine's clock, as a
        ``--now`` in the future is): what a visit from the future found would keep a round at
        the real time from queueing the reminders due before then.
        """
        moment = check_moment(now, "now")
        agenda = self.agenda(moment)
        state = self._state  # as the agenda just read it
        queued = dispatcher.queue(self._log, self.name, agenda, moment, zone=self.settings.zone())
        if not index or not isinstance(self.store, WakeupIndex):
            return queued
        if ahead_of_the_clock(moment):
            return queued
        from afterview.playbook.agenda import next_wake
        from afterview.playbook.helpers import JUST_AFTER

        wake = dispatcher.next_visit(
            agenda, moment, next_wake(state, moment, self.settings, self.rules)
        )
        if agenda.failures or (wake is not None and wake <= moment):
            # A rule failed, or may change at any moment: look again at the next round
            # (not within this one, which would never end).
            wake = moment + JUST_AFTER
        self.store.wakeup_record(
            self.name,
            version=state.version,
            wake_at=wake,
            agenda=[(a.due, a.code) for a in agenda],
            owner=owner,
        )
        return queued

    def sealed_outbox(self) -> SealedLog:
        """The outbox as the store holds it, opening sealed reminders with this workspace's
        keys; the state it needs to seal an error message is read when first needed."""
        return SealedLog(self._log.inner, self._log.keyring, self.refresh)

    def outbox(self, status: OutboxView | str | None = None) -> list[OutboxItem]:
        """The reminders in the outbox, optionally only those ``pending``, ``failed``, ``dead``
        or ``delivered``; see :func:`afterview.reminders.outbox.outbox_items`."""
        from afterview.reminders.outbox import outbox_items

        return outbox_items(self._log, status)

    def retry_reminder(self, key: str, now: datetime | None = None) -> OutboxItem:
        """Make one failed or dead reminder pending again, due now.

        :raises NotFoundError: no reminder has that key.
        """
        from afterview.reminders.outbox import retry

        return retry(self._log, key, now or self.clock())

    def retry_dead_reminders(self, now: datetime | None = None) -> list[OutboxItem]:
        """Make every dead reminder pending again; return them."""
        from afterview.reminders.outbox import retry_dead

        return retry_dead(self._log, now or self.clock())

    def insights(self, now: datetime | None = None) -> Insights:
        """Patterns across applications: funnel, where rejections happen, answer rates, themes.

        With ``now``, overdue actions are counted too.
        """
        from afterview.insights import compute_insights

        return compute_insights(self.state, now)

    # --- drafts and the linter -------------------------------------------------------------------

    def draft_feedback_request(self, application: str, person: str) -> str:
        """A short message asking ``person`` for a feedback *call*, never for reasons."""
        from afterview import drafts

        return drafts.feedback_call_request(
            self.state, self.application_id(application), self._person_id(person)
        )

    def draft_call_script(self, application: str, person: str) -> str:
        """Talking points for the feedback call, with the three follow-up questions."""
        from afterview import drafts

        application_id = self.application_id(application)
        return drafts.call_script(self.state, application_id, self._person_id(person))

    def draft_thank_you(self, interview: str, person: str) -> str:
        """A thank-you note for someone met at a held interview: ``interview`` is its id, or an
        application (by name or id), meaning the latest held interview where ``person`` was
        met."""
        from afterview import drafts

        person_id = self._person_id(person)
        if interview not in self.state.interviews:
            application_id = self.application_id(interview)
            interview = drafts.interview_to_thank(self.state, application_id, person_id)
        return drafts.thank_you_note(self.state, interview, person_id)

    def lint(self, text: str) -> list[Finding]:
        """Check a draft request or call script; see :func:`afterview.linter.lint`."""
        from afterview.linter import lint

        return lint(text)

    # --- recording -----------------------------------------------------------------------------

    def record(self, *events: ev.Event) -> int:
        """Validate ``events`` against the state and append them atomically; return the version.

        :raises EventRejected: an event does not fit; nothing was stored.
        :raises ConcurrencyError: another writer appended first; nothing was stored.
        """
        if not events:
            return self.refresh().version
        current = self.refresh()
        candidate = current.copy()
        for event in events:
            candidate.apply(event)
        try:
            version = self._log.append_events(
                events, candidate, expected_version=current.version, recorded_at=self.clock()
            )
        except ConcurrencyError:
            self.refresh()
            raise
        self._state = candidate
        self._keep_snapshot()
        self.observer_failures = self.plugins.events_appended(self, list(events))
        return version

    # --- privacy --------------------------------------------------------------------------------

    def forget(self, person: str, *, at: datetime | None = None) -> int:
        """Remove a person's personal data from the workspace and, physically, from the store.

        ``person`` is an id or the person's whole name (see :meth:`forget_target`): a part of
        a name that would do elsewhere is refused here.

        In this order, so that a ``forget`` cut short at any point (a crash, a kill) can be run
        again, by name or by id, and finish: appends :class:`~afterview.events.ContactForgotten`;
        blanks every reminder in the outbox that was about them or named them, and every error
        message quoting one; asks plugins to erase their copies (calendars written by a
        notifier); rewrites every stored event holding a field they own — their details, notes,
        and any text that names them (see :mod:`afterview.naming`); destroys their key, so that
        whatever was sealed with it is unreadable in every copy of the database; and last
        rewrites the events holding their name. Until that last step their name can still be
        read from the store, which is how a second run finds them by name.

        Returns how many stored events were rewritten; 0 when nothing was left to do.

        :raises NotFoundError: nobody, or several people, match ``person``.
        :raises PluginError: a plugin could not erase its copies; the store is erased all the
            same, and running ``forget`` again retries the plugin.
        """
        person_id, name = self.forget_target(person)
        if not self.state.people[person_id].forgotten:
            self.record(ev.ContactForgotten(at=self._at(at), person_id=person_id))
        # The snapshot holds their details as they were: removed, and its key destroyed so
        # that no copy of it can be read. A new one is written from the rewritten log.
        self._log.snapshot_drop()
        state = self.state
        matcher = name_matcher(state, {person_id: name})

        def names_them(text: str) -> bool:
            return person_id in matcher.named_in(text)

        from afterview.reminders.outbox import redact_reminders

        reminders = redact_reminders(self._log, person_id, names_them)
        failures = self.plugins.contact_forgotten(self.name, person_id, reminders, names_them)
        stored = list(self._log.read(0))
        replacements = redacted_records(stored, person_id, state, matcher)
        naming = {
            s.position
            for s in stored
            if s.position in replacements and _adds_contact(s.data, person_id)
        }
        self._log.redact({p: t for p, t in replacements.items() if p not in naming})
        self._log.key_destroy(person_id)
        self._log.redact({p: replacements[p] for p in naming})
        # Fold again: texts rewritten above (an action's title) are still in the folded state.
        self._state, self._snapshot_at = State(), 0
        self.refresh()
        log.info(
            "workspace %r: forgot a person, %d event(s) rewritten", self.name, len(replacements)
        )
        if failures:
            raise PluginError(
                "the contact is forgotten in the store, but "
                + ", ".join(f"plugin {f.plugin!r} ({f.error})" for f in failures)
                + f" could not erase its copies; run forget {person_id} again to retry"
            )
        return len(replacements)

    def forget_target(self, ref: str) -> tuple[str, str]:
        """Whom ``forget`` would erase: a person's id and name, by id or by their whole name (see
        :meth:`person_to_forget`; a part of a name is not enough) — including a person whose
        ``forget`` was cut short (forgotten in the state, but whose name the store
        still holds), found by their exact full name.

        :raises NotFoundError: nobody, or several people, match ``ref``.
        """
        state = self.state
        names = self._stored_names()
        if ref in state.people:
            return ref, state.people[ref].name or names.get(ref, "")
        wanted = normalized(ref)
        pending = [
            pid
            for pid, name in names.items()
            if state.people[pid].forgotten and normalized(name) == wanted
        ]
        if len(pending) == 1:
            return pending[0], names[pending[0]]
        if pending:
            raise NotFoundError(f"{len(pending)} people match {ref!r}; use the id instead")
        found = self.person_to_forget(ref)
        return found.id, found.name

    def _stored_names(self) -> dict[str, str]:
        """Each person's name as the store can still read it (a forgotten person's, until their
        ``forget`` has finished)."""
        names: dict[str, str] = {}
        for stored in self._log.read(0):
            if '"ContactAdded"' in stored.data:
                event = loads_event(stored.data)
                if isinstance(event, ev.ContactAdded) and event.name:
                    names[event.person_id] = event.name
        return names

    def export(self, person: str | None = None, *, now: datetime | None = None) -> ExportDocument:
        """Everything held about this workspace, or only the events about one person."""
        events = self.events()
        if person is not None:
            person_id = self._person_id(person)
            state = self.state
            events = [e for e in events if mentions(e, person_id, state)]
        return ExportDocument(
            workspace=self.name, exported_at=now or self.clock(), events=tuple(events)
        )

    def salvage(self, *, now: datetime | None = None) -> Salvage:
        """An export of every record that can still be read, for a log where some cannot.

        Where :meth:`export` stops at the first corrupt record, this reads past it: the export
        holds every readable record that fits those kept before it, and
        :attr:`~afterview.salvage.Salvage.skipped` names the others by position and says why.
        The export imports cleanly into a new workspace; the log itself is left as it is.
        """
        from afterview.salvage import salvage

        return salvage(self._log.read, self.name, now or self.clock())

    def watch(self, now: datetime | None = None) -> WatchReport:
        """Check the job boards of organizations whose contacts left the door open.

        See :mod:`afterview.ats.watch`: new matching postings and closed ones are recorded.
        """
        from afterview.ats.watch import watch

        return watch(self, self.plugins.open_job_board, now or self.clock())

    def import_from(
        self,
        url: str,
        *,
        progress: ProgressCallback | None = None,
        now: datetime | None = None,
    ) -> ImportReport:
        """Import a candidate's history from an ATS (``greenhouse://…``, ``lever://…``), and
        what changed there since the last import.

        Idempotent: see :mod:`afterview.ats.importing`. ``now`` (the workspace's clock by
        default) is "now" for the whole import: the importer is given it as its clock, and
        it dates the changes learnt.
        """
        from afterview.ats.importing import import_records
        from afterview.ats.protocols import close_quietly

        moment = now or self.clock()

        def clock() -> datetime:
            return moment

        importer = self.plugins.open_importer(url, clock=clock)
        try:
            return import_records(self, importer, now=moment, progress=progress)
        finally:
            close_quietly(importer)

    def import_export(self, document: ExportDocument) -> int:
        """Append an export's events; a re-import of the same export adds nothing.

        The workspace must be empty or hold a prefix of the export's events.
        Returns the number of events added.
        """
        new = document.events_after(self.events(), self.name)
        if new:
            self.record(*new)
        return len(new)
