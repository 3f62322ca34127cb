"""Applying an ATS importer's records to a workspace, idempotently.

Importers derive every entity id from the ATS's own ids (``gh-app-123``, ``lv-per-…``), so a
second import of the same history finds every entity already there and adds nothing. Each
record is appended atomically: either all of its new events are stored or none. A record the
importer could not read (:class:`~afterview.ats.ImportProblem`) or whose events do not fit the
workspace (:class:`~afterview.errors.EventRejected`) is reported and the import goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from afterview import events as ev
from afterview.ats.protocols import Importer, ImportProblem
from afterview.errors import AfterviewError, ConcurrencyError, EventRejected
from afterview.fold import State

if TYPE_CHECKING:
    from afterview.journal import Journal

__all__ = ["ImportFailure", "ImportReport", "ProgressCallback", "already_known", "import_records"]

log = logging.getLogger("afterview.ats.importing")

#: How many times a record is retried when another writer appends at the same moment.
_CONCURRENCY_ATTEMPTS = 3


@attrs.frozen(kw_only=True)
class ImportFailure:
    """One record that was not imported: the ATS's id for it and why."""

    external_ref: str
    reason: str


@attrs.frozen(kw_only=True)
class ImportReport:
    """Running totals of an import; the last one is the summary.

    :ivar imported: records that added at least one event.
    :ivar skipped: records whose every entity was already in the workspace.
    :ivar failed: records reported in :attr:`problems` and left out.
    :ivar events_added: events appended in all.
    :ivar stopped: why the importer stopped before the end (the records before it stay).
    """

    source: str
    imported: int = 0
    skipped: int = 0
    failed: int = 0
    events_added: int = 0
    problems: tuple[ImportFailure, ...] = ()
    stopped: str | None = None

    @property
    def records(self) -> int:
        return self.imported + self.skipped + self.failed


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
            # One decision per application from an ATS: a later change is the user's to record.
            return event.application_id in state.decisions
        case ev.ContactDetailsAdded():
            person = state.people.get(event.person_id)
            return person is not None and set(event.points) <= set(person.contact_points)
        case ev.PostingSeen():
            return event.posting_id in state.postings
        case _:
            return False


def import_records(
    journal: Journal, importer: Importer, *, progress: ProgressCallback | None = None
) -> ImportReport:
    """Append every record ``importer`` yields to ``journal``; see the module docstring."""
    report = ImportReport(source=importer.url)
    try:
        for item in importer.records():
            if isinstance(item, ImportProblem):
                report = _failed(report, item.external_ref, item.reason)
            else:
                report = _append_record(journal, report, item.external_ref, item.events)
            if progress is not None:
                progress(report)
    except AfterviewError as exc:
        log.warning("import from %s stopped: %s", importer.url, exc)
        report = attrs.evolve(report, stopped=str(exc))
    log.info(
        "import from %s: %d imported, %d skipped, %d failed",
        importer.url,
        report.imported,
        report.skipped,
        report.failed,
    )
    return report


def _failed(report: ImportReport, external_ref: str, reason: str) -> ImportReport:
    log.warning("import: record %r left out: %s", external_ref, reason)
    return attrs.evolve(
        report,
        failed=report.failed + 1,
        problems=(*report.problems, ImportFailure(external_ref=external_ref, reason=reason)),
    )


def _append_record(
    journal: Journal,
    report: ImportReport,
    external_ref: str,
    events: tuple[ev.Event, ...],
) -> ImportReport:
    for attempt in range(1, _CONCURRENCY_ATTEMPTS + 1):
        state = journal.state
        new = [e for e in events if not already_known(state, e)]
        if not new:
            return attrs.evolve(report, skipped=report.skipped + 1)
        try:
            journal.record(*new)
        except EventRejected as exc:
            return _failed(report, external_ref, str(exc))
        except ConcurrencyError:
            if attempt == _CONCURRENCY_ATTEMPTS:
                raise
            continue
        return attrs.evolve(
            report, imported=report.imported + 1, events_added=report.events_added + len(new)
        )
    raise AssertionError("unreachable")  # pragma: no cover
