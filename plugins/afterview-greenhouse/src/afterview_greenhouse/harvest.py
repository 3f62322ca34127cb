"""A candidate's history from Greenhouse Harvest v3: ``greenhouse://CLIENT_ID:SECRET@BOARD?…``.

Harvest v1/v2 were retired in August 2026; v3 authenticates with OAuth2 client credentials
(``POST {auth}/token``, HTTP Basic with the client id and secret, then a bearer token) and pages
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

Ids are derived from Greenhouse's: ``gh-org-BOARD``, ``gh-app-ID``, ``gh-int-ID``, ``gh-per-ID``,
so importing again adds nothing. Each application is one record: its interviewers, the
application, its interviews (held when Greenhouse marks them complete or awaiting feedback;
cancelled ones are left out) and its decision.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import httpx

from afterview import (
    ContactPoint,
    ContactPointKind,
    DataError,
    DecisionKind,
    DetailSource,
    Http,
    ImportedRecord,
    ImportProblem,
    InterviewFormat,
    PluginError,
    ReasonTable,
    Role,
)
from afterview import events as ev

__all__ = ["AUTH_API", "HARVEST_API", "HarvestImporter"]

log = logging.getLogger("afterview.greenhouse")

HARVEST_API = "https://harvest.greenhouse.io"
AUTH_API = "https://auth.greenhouse.io"
#: Interview statuses that mean the meeting took place.
HELD = frozenset({"complete", "awaiting_feedback"})
#: Greenhouse accepts at most this many ids in one ``*_ids`` filter.
_IDS_PER_REQUEST = 50


class _Malformed(ValueError):
    """A record missing a field afterview needs, or holding one it cannot read."""


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
        self._client_id = unquote(parts.username)
        self._secret = unquote(parts.password)
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
        self.clock = clock
        self.page_size = page_size
        netloc = f"{self._client_id}:***@{parts.netloc.rpartition('@')[2]}"
        self._url = parts._replace(netloc=netloc).geturl()
        self._token: str | None = None

    def __repr__(self) -> str:
        return f"<HarvestImporter {self._url!r}>"

    def close(self) -> None:
        """Close the HTTP connections; afterview calls this when it is done with the adapter."""
        self.http.close()

    @property
    def url(self) -> str:
        return self._url

    # --- HTTP ----------------------------------------------------------------------------------

    def _bearer(self) -> dict[str, str]:
        if self._token is None:
            form = {"grant_type": "client_credentials"}
            if self.user:
                form["sub"] = self.user
            body, _ = self.http.request_json(
                "POST", f"{self.auth}/token", auth=(self._client_id, self._secret), data=form
            )
            token = body.get("access_token") if isinstance(body, dict) else None
            if not isinstance(token, str) or not token:
                raise PluginError("Greenhouse did not return an access token")
            self._token = token
        return {"Authorization": f"Bearer {self._token}"}

    def _pages(self, path: str, params: Mapping[str, str | int]) -> Iterator[list[Any]]:
        """Each page of a v3 list endpoint, following ``Link: <…>; rel="next"`` to the end."""
        url: str | None = f"{self.api}{path}"
        query: Mapping[str, str | int] | None = {**params, "per_page": self.page_size}
        followed: set[str] = set()
        while url is not None:
            body, headers = self.http.get_json(url, params=query, headers=self._bearer())
            if not isinstance(body, list):
                raise PluginError(f"Greenhouse {path}: expected a list of records")
            yield body
            # The cursor URL carries every filter: it must be requested exactly as given.
            url, query = _next_link(headers), None
            if url is not None:
                if url in followed:  # a cursor that leads back would page forever
                    raise PluginError(f"Greenhouse {path}: the next page is one already read")
                followed.add(url)

    # --- records -------------------------------------------------------------------------------

    def records(self) -> Iterator[ImportedRecord | ImportProblem]:
        self._bearer()  # refused credentials stop the import before anything is yielded
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
        reasons = {
            str(r["id"]): r
            for page in self._pages("/v3/rejection_reasons", {})
            for r in page
            if isinstance(r, dict) and r.get("id") is not None
        }
        for page in self._pages("/v3/applications", {"candidate_ids": self.candidate}):
            applications = [a for a in page if isinstance(a, dict)]
            interviews = self._interviews_of(applications)
            for index, application in enumerate(page):
                ref = (
                    str(application.get("id"))
                    if isinstance(application, dict) and application.get("id") is not None
                    else f"application #{index + 1} of a page"
                )
                try:
                    if not isinstance(application, dict):
                        raise _Malformed("not a JSON object")
                    events = self._application_events(
                        org_id, application, jobs, reasons, interviews.get(ref, [])
                    )
                # DataError: an event afterview refuses (a date out of its range, a blank name).
                except (_Malformed, DataError) as exc:
                    yield ImportProblem(external_ref=ref, reason=str(exc))
                    continue
                yield ImportedRecord(external_ref=ref, events=events)

    def _interviews_of(self, applications: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
        ids = [str(a["id"]) for a in applications if a.get("id") is not None]
        by_application: dict[str, list[Any]] = {}
        for start in range(0, len(ids), _IDS_PER_REQUEST):
            batch = ",".join(ids[start : start + _IDS_PER_REQUEST])
            for page in self._pages("/v3/interviews", {"application_ids": batch}):
                for interview in page:
                    if isinstance(interview, dict) and interview.get("application_id") is not None:
                        key = str(interview["application_id"])
                        by_application.setdefault(key, []).append(interview)
        return by_application

    def _application_events(
        self,
        org_id: str,
        application: Mapping[str, Any],
        jobs: Mapping[str, str],
        reasons: Mapping[str, Mapping[str, Any]],
        interviews: Sequence[Any],
    ) -> tuple[ev.Event, ...]:
        app_gh = _id(application, "id")
        app_id = f"gh-app-{app_gh}"
        job = _id(application, "job_id")
        if job not in jobs:
            raise _Malformed(f"job_id {job} is not a job Greenhouse listed")
        people: dict[str, ev.Event] = {}
        details: list[ev.Event] = []
        scheduled: list[ev.Event] = []
        held: list[ev.Event] = []
        for interview in sorted(
            (i for i in interviews if isinstance(i, dict)), key=lambda i: str(i.get("starts_at"))
        ):
            if interview.get("status") == "cancelled":
                continue
            starts = _when(interview, "starts_at")
            interview_id = f"gh-int-{_id(interview, 'id')}"
            interviewers: list[str] = []
            for person in interview.get("interviewers") or []:
                if not isinstance(person, dict):
                    raise _Malformed(f"interview {interview_id}: an interviewer is not an object")
                person_id = f"gh-per-{_id(person, 'user_id')}"
                interviewers.append(person_id)
                if person_id not in people:
                    people[person_id] = ev.ContactAdded(
                        at=starts,
                        person_id=person_id,
                        role=Role.INTERVIEWER,
                        organization_id=org_id,
                        name=str(person.get("name") or ""),
                    )
                    if person.get("email"):
                        details.append(
                            ev.ContactDetailsAdded(
                                at=starts,
                                person_id=person_id,
                                points=(
                                    ContactPoint(
                                        ContactPointKind.EMAIL,
                                        str(person["email"]),
                                        True,
                                        DetailSource.ATS,
                                    ),
                                ),
                            )
                        )
            scheduled.append(
                ev.InterviewScheduled(
                    at=_when(interview, "created_at") if interview.get("created_at") else starts,
                    interview_id=interview_id,
                    application_id=app_id,
                    scheduled_for=starts,
                    format=InterviewFormat.VIDEO
                    if interview.get("video_conferencing_url")
                    else InterviewFormat.ON_SITE,
                    interviewers=tuple(interviewers),
                    external_ref=_id(interview, "id"),
                )
            )
            if interview.get("status") in HELD:
                ended = _when(interview, "ends_at") if interview.get("ends_at") else starts
                held.append(ev.InterviewHeld(at=ended, interview_id=interview_id))
        result: list[ev.Event] = [
            *people.values(),
            *details,
            ev.ApplicationSubmitted(
                at=_when(application, "applied_at"),
                application_id=app_id,
                organization_id=org_id,
                role_title=jobs[job],
                external_ref=app_gh,
            ),
            *scheduled,
            *held,
        ]
        decision = self._decision(application, app_id, app_gh, reasons)
        if decision is not None:
            result.append(decision)
        return tuple(result)

    def _decision(
        self,
        application: Mapping[str, Any],
        app_id: str,
        app_gh: str,
        reasons: Mapping[str, Mapping[str, Any]],
    ) -> ev.DecisionReceived | None:
        status = application.get("status")
        if status == "hired":
            at = application.get("hired_at") and _when(application, "hired_at")
            return ev.DecisionReceived(
                at=at or _when(application, "last_activity_at"),
                application_id=app_id,
                kind=DecisionKind.OFFER,
                external_ref=app_gh,
            )
        if status != "rejected":
            return None
        reason_id = application.get("rejection_reason_id")
        reason = reasons.get(str(reason_id)) if reason_id is not None else None
        if reason_id is not None and reason is None:
            raise _Malformed(f"rejection_reason_id {reason_id} is not a reason Greenhouse listed")
        name = str(reason.get("name") or "") if reason else None
        reason_type = reason.get("type") if reason else None
        type_name = reason_type.get("name") if isinstance(reason_type, dict) else reason_type
        return ev.DecisionReceived(
            at=_when(application, "rejected_at"),
            application_id=app_id,
            kind=self.reasons.kind(name, type_name if isinstance(type_name, str) else None),
            reason=name or None,
            external_ref=app_gh,
        )


def _next_link(headers: httpx.Headers) -> str | None:
    """The ``rel="next"`` URL of an RFC 8288 ``Link`` header, parsed by httpx."""
    link = httpx.Response(200, headers=headers).links.get("next")
    return link.get("url") if link else None
