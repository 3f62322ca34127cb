"""The opening watch: new postings at organizations where a contact left the door open.

An organization is watched when, after a feedback conversation, one of its people answered

* *yes* to "would you consider me for a similar role?" — postings whose title (or department)
  shares a significant word with the role discussed are reported; or
* *yes* or *maybe* to "are there other roles I would fit?" — every posting is reported.

Its public job board (:attr:`~afterview.model.Organization.board_url`) is opened through the
plugin manager and each matching posting not yet known becomes a
:class:`~afterview.events.PostingSeen`; a known open posting that left the board becomes a
:class:`~afterview.events.PostingClosed`. A posting that comes back after closing is reported as
new again, under a new id. The playbook turns a new posting into "reach your contact now".

Matching is deliberately plain and deterministic: titles are lower-cased and split into words
(letters and digits); stop words and seniority words ("senior", "lead", "ii"…) are dropped; a
posting matches when one remaining word of the role's title appears in the posting's title or
department.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from afterview import events as ev
from afterview.ats.protocols import BoardPosting, JobBoard, close_quietly
from afterview.errors import AfterviewError
from afterview.fold import State
from afterview.model import Answer, FollowUpQuestion

if TYPE_CHECKING:
    from afterview.journal import Journal

__all__ = [
    "BoardFailure",
    "JobBoardOpener",
    "WatchReport",
    "WatchTarget",
    "posting_matches",
    "significant_words",
    "watch",
    "watch_targets",
]

log = logging.getLogger("afterview.ats.watch")

#: Words that say nothing about what a role is.
STOP_WORDS = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "a an and at for in of on or the to with "
        "senior sr junior jr lead principal staff head chief associate assistant intern trainee "
        "i ii iii iv v remote hybrid onsite full part time contract temporary m f d w x"
    ).split()
)
_WORD = re.compile(r"[^\W_]+")


def significant_words(text: str | None) -> frozenset[str]:
    """The words of ``text`` that say what a role is: lower-cased, stop words removed."""
    if not text:
        return frozenset()
    return frozenset(w for w in _WORD.findall(text.casefold()) if w not in STOP_WORDS)


@attrs.frozen(kw_only=True)
class WatchTarget:
    """One watched organization and what to look for on its board.

    ``role_words`` empty with ``any_role`` false never happens: an organization is only
    watched when something can match.
    """

    organization_id: str
    board_url: str | None
    any_role: bool
    role_words: frozenset[str]


def posting_matches(target: WatchTarget, posting: BoardPosting) -> bool:
    if target.any_role:
        return True
    words = significant_words(posting.title) | significant_words(posting.department)
    return not target.role_words.isdisjoint(words)


def watch_targets(state: State) -> list[WatchTarget]:
    """Every organization to watch, from the follow-up answers, sorted by id."""
    any_role: dict[str, bool] = {}
    words: dict[str, frozenset[str]] = {}
    for answer in state.follow_ups.values():
        person = state.people.get(answer.person_id)
        if person is None or person.forgotten:
            continue
        application = state.applications[answer.application_id]
        org = application.organization_id
        if answer.question is FollowUpQuestion.OTHER_ROLES and answer.answer in (
            Answer.YES,
            Answer.MAYBE,
        ):
            any_role[org] = True
        elif answer.question is FollowUpQuestion.SIMILAR_ROLE and answer.answer is Answer.YES:
            any_role.setdefault(org, False)
            words[org] = words.get(org, frozenset()) | significant_words(application.role_title)
    return [
        WatchTarget(
            organization_id=org,
            board_url=state.organizations[org].board_url,
            any_role=any_role[org],
            role_words=words.get(org, frozenset()),
        )
        for org in sorted(any_role)
        if any_role[org] or words.get(org)
    ]


@attrs.frozen(kw_only=True)
class BoardFailure:
    """A board that could not be read; the others were still checked."""

    organization_id: str
    board_url: str
    error: str


@attrs.frozen(kw_only=True)
class WatchReport:
    """What one pass over the watched boards found (and recorded)."""

    checked: tuple[str, ...] = ()
    new: tuple[ev.PostingSeen, ...] = ()
    closed: tuple[ev.PostingClosed, ...] = ()
    failures: tuple[BoardFailure, ...] = ()
    #: Watched organizations with no board URL: add one to have them checked.
    without_board: tuple[str, ...] = ()


def _base_posting_id(board_url: str, external_ref: str) -> str:
    digest = hashlib.sha256(f"{board_url}\n{external_ref}".encode()).hexdigest()[:12]
    return f"pst_{digest}"


def _latest_id(state: State, base: str) -> tuple[str | None, int]:
    """The newest posting id recorded for ``base`` (base, base-2, base-3…) and its number."""
    latest: str | None = None
    number = 0
    candidate = base
    while candidate in state.postings:
        latest = candidate
        number += 1
        candidate = f"{base}-{number + 1}"
    return latest, number


def board_events(
    state: State, target: WatchTarget, postings: Sequence[BoardPosting], now: datetime
) -> list[ev.PostingSeen | ev.PostingClosed]:
    """The events one reading of a board adds: new matching postings, vanished ones closed."""
    assert target.board_url is not None
    result: list[ev.PostingSeen | ev.PostingClosed] = []
    on_board = {p.external_ref for p in postings}
    # Boards sometimes list one posting twice (under two departments, say); the first counts,
    # since a second PostingSeen of the same posting would be refused and fail the whole board.
    first_of_each = {p.external_ref: p for p in reversed(postings)}
    for posting in postings:
        if first_of_each[posting.external_ref] is not posting:
            continue
        if not posting_matches(target, posting):
            continue
        base = _base_posting_id(target.board_url, posting.external_ref)
        latest, number = _latest_id(state, base)
        if latest is not None and state.postings[latest].closed_at is None:
            continue
        posting_id = base if latest is None else f"{base}-{number + 1}"
        result.append(
            ev.PostingSeen(
                at=now,
                posting_id=posting_id,
                organization_id=target.organization_id,
                title=posting.title,
                url=posting.url,
                location=posting.location,
                department=posting.department,
                external_ref=posting.external_ref,
            )
        )
    for known in sorted(state.postings.values(), key=lambda p: p.id):
        if (
            known.organization_id == target.organization_id
            and known.closed_at is None
            and known.external_ref is not None
            and known.external_ref not in on_board
        ):
            result.append(ev.PostingClosed(at=now, posting_id=known.id))
    return result


#: Opens a job board for a URL: :meth:`afterview.PluginManager.open_job_board`, usually.
JobBoardOpener = Callable[[str], JobBoard]


def _read_board(open_job_board: JobBoardOpener, url: str) -> Sequence[BoardPosting]:
    board = open_job_board(url)
    try:
        return board.postings()
    finally:
        close_quietly(board)


def watch(journal: Journal, open_job_board: JobBoardOpener, now: datetime) -> WatchReport:
    """Check every watched board once and record what changed, board by board.

    Each board's events are appended atomically; a board that fails (cannot be opened or read,
    or its events do not fit) is reported in :attr:`WatchReport.failures` and the rest go on.
    """
    checked: list[str] = []
    new: list[ev.PostingSeen] = []
    closed: list[ev.PostingClosed] = []
    failures: list[BoardFailure] = []
    without_board: list[str] = []
    for target in watch_targets(journal.state):
        if target.board_url is None:
            without_board.append(target.organization_id)
            continue
        try:
            postings = _read_board(open_job_board, target.board_url)
            events = board_events(journal.state, target, postings, now)
            if events:
                journal.record(*events)
        except Exception as exc:  # one broken board must not hide the others
            error = str(exc) if isinstance(exc, AfterviewError) else f"{type(exc).__name__}: {exc}"
            log.warning("job board of organization %r failed: %s", target.organization_id, error)
            failures.append(
                BoardFailure(
                    organization_id=target.organization_id,
                    board_url=target.board_url,
                    error=error,
                )
            )
            continue
        checked.append(target.organization_id)
        new.extend(e for e in events if isinstance(e, ev.PostingSeen))
        closed.extend(e for e in events if isinstance(e, ev.PostingClosed))
    return WatchReport(
        checked=tuple(checked),
        new=tuple(new),
        closed=tuple(closed),
        failures=tuple(failures),
        without_board=tuple(without_board),
    )
