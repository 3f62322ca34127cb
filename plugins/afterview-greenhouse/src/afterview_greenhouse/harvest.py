"""A candidate's history from Greenhouse Harvest v3: ``greenhouse://CLIENT_ID:SECRET@BOARD?…``.

Harvest v1/v2 were retired in August 2026; v3 authenticates with OAuth2 client credentials
(``POST {auth}/token``, HTTP Basic with the client id and secret, then a bearer token, renewed
when it expires: :meth:`afterview.Http.use_client_credentials`) and pages
list endpoints with a cursor: each response's ``Link`` header carries the ``rel="next"`` URL.

URL parts:

* user and password — the Harvest v3 client id and client secret (percent-encode special
  characters); they are masked in :attr:`HarvestImporter.url` and never logged.
* host — the organization's job board token: the organization's ``board_url`` becomes
  ``greenhouse-board://BOARD`` so its openings can be watched.
* ``candidate`` (required) — the Greenhouse candidate id whose applications are imported.
* ``name`` — the organization's display name (defaults to the board token).
* ``user`` — a Greenhouse user id to act as (the token's ``sub``).
* ``reasons`` — a TOML or JSON file overriding the rejection reason table (see
  :class:`afterview.ReasonTable`).
* ``api`` / ``auth`` — base URLs, for a sandbox or a test server (defaults
  ``https://harvest.greenhouse.io`` and ``https://auth.greenhouse.io``).

Only Harvest v3 payloads are read; an application in the v1/v2 shape (``jobs``, ``applied_at``)
stops the import with an error saying so. Per page of applications, the importer reads their
interviews (``/v3/interviews``), the interviews' panels (``/v3/interviewers``), the panel's names
(``/v3/users``) and the rejected ones' ``/v3/rejection_details``, where v3 keeps the reason.

Ids are derived from Greenhouse's: ``gh-org-BOARD``, ``gh-app-ID``, ``gh-int-ID``, ``gh-per-ID``,
so importing again adds nothing. Each application is one record: its interviewers (not those who
declined), the application, its interviews (held when Greenhouse marks them complete or awaiting
feedback) and its decision. A part that cannot be read (an all-day interview, an interviewer with
no Greenhouse user, a reason Greenhouse did not list) is reported on its own and the rest of the
application is imported. A prospect (no job applied to) is reported, not imported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import attrs
import httpx

from afterview import (
    ClientCredentials,
    ContactPoint,
    ContactPointKind,
    DataError,
    DecisionKind,
    DetailSource,
    Http,
    ImportedRecord,
    ImportProblem,
    InterviewFormat,
    NotImported,
    PageTrail,
    PluginError,
    Read,
    ReasonTable,
    Role,
    Unreadable,
    each_record,
    mask_url,
    record_id,
)
from afterview import events as ev

__all__ = ["AUTH_API", "HARVEST_API", "HarvestImporter"]

log = logging.getLogger("afterview.greenhouse")

HARVEST_API = "https://harvest.greenhouse.io"
AUTH_API = "https://auth.greenhouse.io"
#: Interview statuses of a meeting with a time; the last two mean it took place.
MEETINGS = frozenset({"scheduled", "awaiting_feedback", "complete"})
HELD = frozenset({"complete", "awaiting_feedback"})
#: Statuses of no meeting: not yet on a calendar, skipped, or a take-home test.
NOT_MEETINGS = frozenset({"to_be_scheduled", "skipped", "to_be_sent", "sent", "received"})
#: Greenhouse accepts at most this many ids in one ``*_ids`` filter.
_IDS_PER_REQUEST = 50


class _Malformed(Unreadable):
    """A record missing a field afterview needs, or holding one it cannot read."""


class _Part(ValueError):
    """One part of an application (an interview, an interviewer, the decision) left out."""


def _when(record: Mapping[str, Any], field: str) -> datetime:
    value = record.get(field)
    if not isinstance(value, str):
        raise _Malformed(f"{field} is missing")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _Malformed(f"{field} is not an ISO 8601 time: {value!r}") from None
    if moment.tzinfo is None:
        raise _Malformed(f"{field} has no UTC offset: {value!r}")
    return moment


def _id(record: Mapping[str, Any], field: str) -> str:
    value = record.get(field)
    if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
        raise _Malformed(f"{field} is missing")
    return str(value)


#: ``record[field]`` as a lookup key, or None when the record or the id is unusable.
_key = record_id


@attrs.frozen
class _Found:
    """What one page of applications refers to, read in a few batched requests."""

    jobs: Mapping[str, str]
    reasons: Mapping[str, Mapping[str, Any]]
    interviews: Mapping[str, Sequence[Any]]  # by application id
    panels: Mapping[str, Sequence[Any]]  # interviewers, by interview id
    users: Mapping[str, Any]  # by user id
    details: Mapping[str, Sequence[Any]]  # rejection details, by application id


def _v1_shape(application: Mapping[str, Any]) -> str | None:
    """What gives away a Harvest v1/v2 application, or None for a v3 one."""
    if "job_id" in application:
        return None
    found = [f for f in ("jobs", "applied_at", "rejection_reason") if f in application]
    return ", ".join(f"`{f}`" for f in found) if found else None


class HarvestImporter:
    """Reads one candidate's applications, interviews and decisions from Harvest v3."""

    def __init__(
        self,
        url: str,
        *,
        http: Http | None = None,
        reasons: ReasonTable | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        page_size: int = 100,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme != "greenhouse" or not parts.hostname:
            raise DataError("not a Greenhouse Harvest URL (expected greenhouse://ID:SECRET@BOARD)")
        if parts.username is None or parts.password is None:
            raise DataError(
                "a Greenhouse Harvest URL needs the client id and secret: "
                "greenhouse://CLIENT_ID:CLIENT_SECRET@BOARD?candidate=ID"
            )
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if not query.get("candidate"):
            raise DataError("a Greenhouse Harvest URL needs ?candidate=CANDIDATE_ID")
        self.board = parts.hostname
        self.candidate = query["candidate"]
        self.name = query.get("name") or self.board
        self.user = query.get("user")
        self.api = query.get("api", HARVEST_API).rstrip("/")
        self.auth = query.get("auth", AUTH_API).rstrip("/")
        self.reasons = reasons or (
            ReasonTable.from_file(query["reasons"]) if "reasons" in query else ReasonTable()
        )
        self.http = http if http is not None else Http(logger="afterview.greenhouse")
        # authlib fetches the bearer token on the first request and a new one when it expires,
        # so an import longer than a token's life goes on.
        self.http.use_client_credentials(
            ClientCredentials(
                f"{self.auth}/token",
                unquote(parts.username),
                unquote(parts.password),
                form={"sub": self.user} if self.user else {},
            )
        )
        self.clock = clock
        self.page_size = page_size
        self._url = mask_url(url)

    def __repr__(self) -> str:
        return f"<HarvestImporter {self._url!r}>"

    def close(self) -> None:
        """Close the HTTP connections; afterview calls this when it is done with the adapter."""
        self.http.close()

    @property
    def url(self) -> str:
        return self._url

    # --- HTTP ----------------------------------------------------------------------------------

    def _pages(self, path: str, params: Mapping[str, str | int]) -> Iterator[list[Any]]:
        """Each page of a v3 list endpoint, following ``Link: <…>; rel="next"`` to the end."""
        url: str | None = f"{self.api}{path}"
        query: Mapping[str, str | int] | None = {**params, "per_page": self.page_size}
        trail = PageTrail(f"Greenhouse {path}")
        while url is not None:
            body, headers = self.http.get_json(url, params=query)
            if not isinstance(body, list):
                raise PluginError(f"Greenhouse {path}: expected a list of records")
            yield body
            # The cursor URL carries every filter: it must be requested exactly as given.
            url, query = _next_link(headers), None
            if url is not None:
                trail.follow(url)

    def _by(self, path: str, ids_filter: str, ids: Sequence[str], key: str) -> dict[str, list[Any]]:
        """Rows of ``path`` whose ``ids_filter`` is one of ``ids``, grouped by ``row[key]``."""
        grouped: dict[str, list[Any]] = {}
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), _IDS_PER_REQUEST):
            batch = ",".join(unique[start : start + _IDS_PER_REQUEST])
            for page in self._pages(path, {ids_filter: batch}):
                for row in page:
                    found = _key(row, key)
                    if found is not None:
                        grouped.setdefault(found, []).append(row)
        return grouped

    # --- records -------------------------------------------------------------------------------

    def records(self) -> Iterator[ImportedRecord | ImportProblem]:
        self.http.authorize()  # refused credentials stop the import before anything is yielded
        now = self.clock()
        org_id = f"gh-org-{self.board}"
        yield ImportedRecord(
            external_ref=f"organization:{self.board}",
            events=(
                ev.OrganizationAdded(
                    at=now,
                    organization_id=org_id,
                    name=self.name,
                    board_url=f"greenhouse-board://{self.board}",
                ),
            ),
        )
        jobs = {
            str(job["id"]): str(job["name"])
            for page in self._pages("/v3/jobs", {})
            for job in page
            if isinstance(job, dict) and job.get("id") is not None and job.get("name")
        }
        # The organization's own reasons and Greenhouse's built-in ones: a rejection may name
        # either.
        reasons = {
            str(r["id"]): r
            for page in self._pages("/v3/rejection_reasons", {"include_defaults": "true"})
            for r in page
            if isinstance(r, dict) and r.get("id") is not None
        }
        for page in self._pages("/v3/applications", {"candidate_ids": self.candidate}):
            yield from self._page_records(org_id, page, jobs, reasons)

    def _page_records(
        self,
        org_id: str,
        page: Sequence[Any],
        jobs: Mapping[str, str],
        reasons: Mapping[str, Mapping[str, Any]],
    ) -> Iterator[ImportedRecord | ImportProblem]:
        for application in page:
            shape = _v1_shape(application) if isinstance(application, dict) else None
            if shape is not None:
                raise PluginError(
                    f"Greenhouse answered with Harvest v1/v2 applications ({shape} instead of "
                    "`job_id` and `created_at`); afterview reads Harvest v3 only: check the "
                    "`api` address"
                )
        applications = [a for a in page if _key(a, "id") is not None and _key(a, "job_id")]
        app_ids = [str(a["id"]) for a in applications]
        interviews = self._by("/v3/interviews", "application_ids", app_ids, "application_id")
        interview_ids = [
            i for rows in interviews.values() for row in rows if (i := _key(row, "id")) is not None
        ]
        panels = self._by("/v3/interviewers", "interview_ids", interview_ids, "interview_id")
        user_ids = [
            u for rows in panels.values() for row in rows if (u := _key(row, "user_id")) is not None
        ]
        users = {
            user: rows[0] for user, rows in self._by("/v3/users", "ids", user_ids, "id").items()
        }
        rejected = [str(a["id"]) for a in applications if a.get("status") == "rejected"]
        found = _Found(
            jobs=jobs,
            reasons=reasons,
            interviews=interviews,
            panels=panels,
            users=users,
            details=self._by(
                "/v3/rejection_details", "application_ids", rejected, "application_id"
            ),
        )
        yield from each_record(
            page,
            noun="application",
            read=lambda application: self._application_events(org_id, application, found),
        )

    def _application_events(
        self,
        org_id: str,
        application: Mapping[str, Any],
        found: _Found,
    ) -> Read:
        """The application's events, and the parts of it left out (each saying why)."""
        if application.get("prospect") is True or application.get("job_id") is None:
            # A prospect is a candidate a recruiter keeps in view for a job that may come; the
            # candidate did not apply, so it is neither an application nor, through its job
            # post, an opening. A note, not a failed record.
            raise NotImported(
                "a prospect, not an application: Greenhouse keeps the candidate in view for no "
                "job applied to (`prospect` is true or `job_id` is null); nothing is imported "
                "until it becomes an application"
            )
        app_gh = _id(application, "id")
        app_id = f"gh-app-{app_gh}"
        job = _id(application, "job_id")
        if job not in found.jobs:
            raise _Malformed(f"job_id {job} is not a job Greenhouse listed")
        applied = ev.ApplicationSubmitted(
            # v3 has no ``applied_at``: an application is created when the candidate applies.
            at=_when(application, "created_at"),
            application_id=app_id,
            organization_id=org_id,
            role_title=found.jobs[job],
            external_ref=app_gh,
        )
        left_out: list[str] = []
        people: dict[str, ev.Event] = {}
        points: dict[str, ev.Event] = {}
        scheduled: list[ev.Event] = []
        held: list[ev.Event] = []
        for interview in sorted(
            (i for i in found.interviews.get(app_gh, []) if isinstance(i, dict)),
            key=lambda i: str(i.get("starts_at")),
        ):
            try:
                meeting = self._meeting(interview, app_id, org_id, found, left_out)
            except _Part as exc:
                left_out.append(str(exc))
                continue
            if meeting is None:
                continue
            interview_people, interview_points, scheduled_event, held_event = meeting
            for person in interview_people:
                people.setdefault(person.person_id, person)
            for point in interview_points:
                points.setdefault(point.person_id, point)
            scheduled.append(scheduled_event)
            if held_event is not None:
                held.append(held_event)
        result: list[ev.Event] = [*people.values(), *points.values(), applied, *scheduled, *held]
        try:
            decision = self._decision(application, app_id, app_gh, found)
        except (_Part, _Malformed) as exc:
            left_out.append(f"the decision: {exc}")
        else:
            if decision is not None:
                result.append(decision)
        return Read(tuple(result), tuple(left_out))

    def _meeting(
        self,
        interview: Mapping[str, Any],
        app_id: str,
        org_id: str,
        found: _Found,
        left_out: list[str],
    ) -> (
        tuple[
            list[ev.ContactAdded],
            list[ev.ContactDetailsAdded],
            ev.InterviewScheduled,
            ev.InterviewHeld | None,
        ]
        | None
    ):
        """The events of one interview, None when it is no meeting, or :class:`_Part`."""
        gh_id = _key(interview, "id")
        if gh_id is None:
            raise _Part("an interview without an id was left out")
        interview_id = f"gh-int-{gh_id}"
        status = interview.get("status")
        if status in NOT_MEETINGS:
            return None
        if status not in MEETINGS:
            raise _Part(f"interview {gh_id}: its status {status!r} is not one afterview knows")
        if interview.get("starts_at") is None and interview.get("all_day_start_on"):
            raise _Part(
                f"interview {gh_id} is an all-day event on {interview['all_day_start_on']} "
                "with no start time: add it by hand with its time"
            )
        try:
            starts = _when(interview, "starts_at")
            ends = _when(interview, "ends_at") if interview.get("ends_at") else starts
            created = _when(interview, "created_at") if interview.get("created_at") else starts
        except _Malformed as exc:
            raise _Part(f"interview {gh_id}: {exc}") from None
        people: list[ev.ContactAdded] = []
        points: list[ev.ContactDetailsAdded] = []
        interviewers: list[str] = []
        for row in found.panels.get(gh_id, []):
            if row.get("response_status") == "declined":
                continue  # declined the invitation: not someone the job seeker met
            user_id = _key(row, "user_id")
            if user_id is None:
                # An outside attendee has no Greenhouse user, hence no id to import them under.
                left_out.append(f"interview {gh_id}: an interviewer with no Greenhouse user")
                continue
            person_id = f"gh-per-{user_id}"
            if person_id in interviewers:
                continue
            interviewers.append(person_id)
            user = found.users.get(user_id)
            people.append(
                ev.ContactAdded(
                    at=starts,
                    person_id=person_id,
                    role=Role.INTERVIEWER,
                    organization_id=org_id,
                    name=_user_name(user),
                )
            )
            email = row.get("email") or (user.get("primary_email") if user else None)
            if isinstance(email, str) and email:
                points.append(
                    ev.ContactDetailsAdded(
                        at=starts,
                        person_id=person_id,
                        points=(
                            ContactPoint(ContactPointKind.EMAIL, email, True, DetailSource.ATS),
                        ),
                    )
                )
        scheduled = ev.InterviewScheduled(
            at=min(created, starts),
            interview_id=interview_id,
            application_id=app_id,
            scheduled_for=starts,
            format=InterviewFormat.VIDEO
            if interview.get("video_conferencing_url")
            else InterviewFormat.ON_SITE,
            interviewers=tuple(interviewers),
            external_ref=gh_id,
        )
        held = ev.InterviewHeld(at=ends, interview_id=interview_id) if status in HELD else None
        return people, points, scheduled, held

    def _decision(
        self,
        application: Mapping[str, Any],
        app_id: str,
        app_gh: str,
        found: _Found,
    ) -> ev.DecisionReceived | None:
        status = application.get("status")
        if status == "hired":
            field = "last_activity_at" if application.get("last_activity_at") else "updated_at"
            return ev.DecisionReceived(
                at=_when(application, field),
                application_id=app_id,
                kind=DecisionKind.OFFER,
                external_ref=app_gh,
            )
        if status != "rejected":
            return None
        # Harvest v3 keeps why an application was rejected in its own resource: without it, a
        # hiring freeze would read as a rejection of the candidate.
        detail = next((d for d in found.details.get(app_gh, []) if isinstance(d, dict)), None)
        if detail is None:
            raise _Part("Greenhouse has no rejection details for it, so its reason is unknown")
        reason_id = _key(detail, "rejection_reason_id")
        reason = found.reasons.get(reason_id) if reason_id is not None else None
        if reason_id is not None and reason is None:
            raise _Part(f"rejection reason {reason_id} is not one Greenhouse listed")
        name = str(reason.get("name") or "") if reason else None
        reason_type = reason.get("type") if reason else None
        type_name = _type_name(reason_type)
        at = detail.get("rejected_at") and _when(detail, "rejected_at")
        return ev.DecisionReceived(
            at=at or _when(application, "rejected_at"),
            application_id=app_id,
            kind=self.reasons.kind(name, type_name),
            reason=name or None,
            external_ref=app_gh,
        )


def _user_name(user: Any) -> str:
    if not isinstance(user, dict):
        return ""
    if user.get("name"):
        return str(user["name"])
    return " ".join(str(user[f]) for f in ("first_name", "last_name") if user.get(f))


def _type_name(reason_type: Any) -> str | None:
    """A reason type's name ("They rejected us"), else its key (``THEY_REJECTED_US``) as words."""
    if not isinstance(reason_type, dict):
        return None
    name = reason_type.get("name")
    if isinstance(name, str) and name:
        return name
    key = reason_type.get("key")
    return key.replace("_", " ").casefold() if isinstance(key, str) and key else None


def _next_link(headers: httpx.Headers) -> str | None:
    """The ``rel="next"`` URL of an RFC 8288 ``Link`` header, parsed by httpx."""
    link = httpx.Response(200, headers=headers).links.get("next")
    return link.get("url") if link else None
