"""Applying an ATS importer's records to a workspace, idempotently.

Importers derive every entity id from the ATS's own ids (``gh-app-123``, ``lv-per-…``), so a
second import of the same history finds every entity already there and adds nothing. Each
record is appended atomically: either all of its new events are stored or none. A record the
importer could not read (:class:`~afterview.ats.ImportProblem`) or whose events do not fit the
workspace (:class:`~afterview.errors.EventRejected`) is reported and the import goes on.

A record states what the ATS holds *now*, and :func:`changes` turns that into what the
workspace still lacks. Later changes in the ATS therefore reach the workspace as events of
their own:

* an interview the ATS moved is rescheduled (``InterviewRescheduled``, dated at the import);
* an interview the ATS reports cancelled (the importer says ``InterviewCancelled``) is
  cancelled; a cancelled interview the workspace never had is not added;
* a new or changed decision is recorded (``DecisionReceived``).

An organization the workspace already holds under the same name (whatever the case, spacing or
accents) is that organization: the importer's ``OrganizationAdded`` adds nothing, and the
importer's id for it is read as the recorded one in every later event of the import, so that a
search typed in by hand and its ATS history meet on one organization.

What the job seeker recorded stands: an interview marked held or cancelled is never moved,
cancelled or held by an import, and a decision recorded by hand is only followed by an ATS
decision dated after it, and only while it is not final (a position on hold). A final decision
stays, whatever the ATS says later (the workspace refuses a decision after a final one).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from afterview import events as ev
from afterview.ats.protocols import ImportedRecord, Importer, ImportProblem
from afterview.errors import AfterviewError, ConcurrencyError, EventRejected
from afterview.fold import State
from afterview.lookup import same_name_organization
from afterview.model import Decision, InterviewStatus

if TYPE_CHECKING:
    from afterview.journal import Journal

__all__ = [
    "ImportFailure",
    "ImportReport",
    "ProgressCallback",
    "already_known",
    "changes",
    "import_records",
]

log = logging.getLogger("afterview.ats.importing")

#: How many times a record is retried when another writer appends at the same moment.
_CONCURRENCY_ATTEMPTS = 3


@attrs.frozen(kw_only=True)
class ImportFailure:
    """One record that was not imported, or a note about one: the ATS's id for it and why.

    ``lost`` as in :class:`~afterview.ats.protocols.ImportProblem`: false for a note (a part
    left out of a record otherwise imported, a record deliberately not imported)."""

    external_ref: str
    reason: str
    lost: bool = True


@attrs.frozen(kw_only=True)
class ImportReport:
    """Running totals of an import; the last one is the summary.

    :ivar imported: records that added at least one entity (an application, an interview…).
    :ivar updated: records that only changed what was there: an interview moved or cancelled,
        a new decision.
    :ivar skipped: records the workspace already held exactly as the ATS does.
    :ivar failed: records reported in :attr:`problems` and left out.
    :ivar notes: problems reported that lost no record (see :class:`ImportFailure`).
    :ivar events_added: events appended in all.
    :ivar stopped: why the importer stopped before the end (the records before it stay).
    """

    source: str
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    notes: int = 0
    events_added: int = 0
    problems: tuple[ImportFailure, ...] = ()
    stopped: str | None = None

    @property
    def records(self) -> int:
        return self.imported + self.updated + self.skipped + self.failed


ProgressCallback = Callable[[ImportReport], None]


def already_known(state: State, event: ev.Event) -> bool:
    """Whether the entity ``event`` creates (or the fact it states) is already in ``state``."""
    match event:
        case ev.OrganizationAdded():
            return event.organization_id in state.organizations
        case ev.ContactAdded():
            return event.person_id in state.people
        case ev.ApplicationSubmitted():
            return event.application_id in state.applications
        case ev.InterviewScheduled():
            return event.interview_id in state.interviews
        case ev.InterviewHeld():
            interview = state.interviews.get(event.interview_id)
            return interview is not None and interview.held_at is not None
        case ev.InterviewCancelled():
            interview = state.interviews.get(event.interview_id)
            return interview is not None and interview.status.value == "cancelled"
        case ev.DecisionReceived():
            # Whether a different decision is news is for ``changes`` to judge.
            return event.application_id in state.decisions
        case ev.ContactDetailsAdded():
            person = state.people.get(event.person_id)
            return person is not None and set(event.points) <= set(person.contact_points)
        case ev.PostingSeen():
            return event.posting_id in state.postings
        case _:
            return False


def changes(
    state: State,
    events: Sequence[ev.Event],
    now: datetime,
    aliases: dict[str, str] | None = None,
) -> list[ev.Event]:
    """The events that bring ``state`` in line with what an importer says in ``events``.

    An entity the state lacks is added; one it holds as the importer says adds nothing; one the
    ATS changed since gets the event that says so (see the module docstring for what an import
    may and may not change). ``now`` dates a reschedule: when the change was learnt.
    ``aliases`` maps an importer's organization ids to the same-named organizations already
    recorded; it grows as such organizations are met, so pass one map for a whole import.

    :raises EventRejected: the events do not fit the state (an interview of an unknown
        application, say); the record is then left out whole.
    """
    working = state.copy()
    result: list[ev.Event] = []
    aliases = {} if aliases is None else aliases
    for told in events:
        event = _aliased(told, aliases)
        if (
            isinstance(event, ev.OrganizationAdded)
            and event.organization_id not in working.organizations
        ):
            known = same_name_organization(working, event.name)
            if known is not None:
                aliases[event.organization_id] = known.id
                continue
        for change in _change(working, event, now):
            working.apply(change)
            result.append(change)
    return result


def _aliased(event: ev.Event, aliases: dict[str, str]) -> ev.Event:
    """``event`` with an importer's organization id replaced by the recorded organization's."""
    organization_id = getattr(event, "organization_id", None)
    if organization_id is None or organization_id not in aliases:
        return event
    return attrs.evolve(event, organization_id=aliases[organization_id])  # type: ignore[arg-type]


def _change(state: State, event: ev.Event, now: datetime) -> tuple[ev.Event, ...]:
    match event:
        case ev.InterviewScheduled():
            interview = state.interviews.get(event.interview_id)
            if interview is None:
                return (event,)
            if (
                interview.status is InterviewStatus.SCHEDULED
                and interview.scheduled_for != event.scheduled_for
            ):
                return (
                    ev.InterviewRescheduled(
                        at=now, interview_id=event.interview_id, scheduled_for=event.scheduled_for
                    ),
                )
            return ()
        case ev.InterviewCancelled() | ev.InterviewHeld():
            interview = state.interviews.get(event.interview_id)
            # Only a scheduled interview changes: one never seen is not worth adding as
            # cancelled, and one the job seeker marked held or cancelled stays as they said.
            if interview is None or interview.status is not InterviewStatus.SCHEDULED:
                return ()
            return (event,)
        case ev.DecisionReceived():
            current = state.decisions.get(event.application_id)
            return (event,) if current is None or _follows(current, event) else ()
        case _:
            return () if already_known(state, event) else (event,)


def _follows(current: Decision, event: ev.DecisionReceived) -> bool:
    """Whether the ATS's decision is news after ``current``: a different one, on an
    application still open, and, when ``current`` was recorded by hand, dated after it."""
    if (current.kind, current.reason) == (event.kind, event.reason) or current.kind.final:
        return False
    by_hand = current.external_ref is None
    return not by_hand or event.at > current.at


def import_records(
    journal: Journal,
    importer: Importer,
    *,
    now: datetime,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Append what ``importer``'s records add or change to ``journal``; see the module
    docstring. ``now`` is the workspace's clock: it dates the changes learnt in this import."""
    report = ImportReport(source=importer.url)
    aliases: dict[str, str] = {}
    try:
        for item in importer.records():
            if isinstance(item, ImportProblem):
                report = _failed(report, item.external_ref, item.reason, lost=item.lost)
            else:
                report = _append_record(journal, report, item, now, aliases)
            if progress is not None:
                progress(report)
    except AfterviewError as exc:
        log.warning("import from %s stopped: %s", importer.url, exc)
        report = attrs.evolve(report, stopped=str(exc))
    log.info(
        "import from %s: %d imported, %d updated, %d skipped, %d failed",
        importer.url,
        report.imported,
        report.updated,
        report.skipped,
        report.failed,
    )
    return report


def _failed(
    report: ImportReport, external_ref: str, reason: str, *, lost: bool = True
) -> ImportReport:
    problem = ImportFailure(external_ref=external_ref, reason=reason, lost=lost)
    if not lost:
        log.info("import: record %r: %s", external_ref, reason)
        return attrs.evolve(report, notes=report.notes + 1, problems=(*report.problems, problem))
    log.warning("import: record %r left out: %s", external_ref, reason)
    return attrs.evolve(report, failed=report.failed + 1, problems=(*report.problems, problem))


#: Events that add an entity; a record with none of these among its changes only updated.
_ADDING = (
    ev.OrganizationAdded,
    ev.ContactAdded,
    ev.ApplicationSubmitted,
    ev.InterviewScheduled,
    ev.PostingSeen,
)


def _append_record(
    journal: Journal,
    report: ImportReport,
    record: ImportedRecord,
    now: datetime,
    aliases: dict[str, str],
) -> ImportReport:
    for attempt in range(1, _CONCURRENCY_ATTEMPTS + 1):
        try:
            new = changes(journal.state, record.events, now, aliases)
            if not new:
                return attrs.evolve(report, skipped=report.skipped + 1)
            journal.record(*new)
        except EventRejected as exc:
            return _failed(report, record.external_ref, str(exc))
        except ConcurrencyError:
            if attempt == _CONCURRENCY_ATTEMPTS:
                raise
            continue
        added = report.events_added + len(new)
        if any(isinstance(e, _ADDING) for e in new):
            return attrs.evolve(report, imported=report.imported + 1, events_added=added)
        return attrs.evolve(report, updated=report.updated + 1, events_added=added)
    raise AssertionError("unreachable")  # pragma: no cover
