"""A candidate's history from Lever's Data API: ``lever://API_KEY@SITE?contact=ID``.

The API key is sent as the HTTP Basic user name with an empty password. List endpoints answer
``{"data": [...], "hasNext": true, "next": "OFFSET"}``; the opaque ``next`` value is passed back as
``offset`` until ``hasNext`` is false. Times are epoch milliseconds.

URL parts:

* user — the API key (masked in :attr:`LeverImporter.url`, never logged).
* host — the organization's Lever site name: the organization's ``board_url`` becomes
  ``lever-postings://SITE`` so its openings can be watched.
* ``contact`` (required) — the Lever contact id of the candidate; each of their opportunities is
  one application.
* ``name`` — the organization's display name (defaults to the site name).
* ``region=eu`` — the EU host ``api.eu.lever.co``; ``api`` — any other base URL.
* ``reasons`` — a TOML or JSON file overriding the archive reason table.

Ids are derived from Lever's: ``lv-org-SITE``, ``lv-app-OPPORTUNITY``, ``lv-int-ID``,
``lv-per-USER``, so importing again adds nothing. An interview that was not cancelled and whose
end has passed on the workspace's clock is recorded as held.

What each field becomes (the plugin's README lists them with the documents they were checked
against):

* The role is the title of the posting the opportunity's application names. Opportunities are
  listed with ``expand=applications``; one whose ``applications`` are still ids is read again on
  its own (``GET /opportunities/ID?expand=applications``). With no application posting (a sourced
  opportunity), the posting an interview was booked for is used; with none at all, the role is
  left blank and the rest is imported.
* An archived opportunity's decision comes from ``archived: {reason, archivedAt}`` or from the
  flat ``archiveReason`` / ``archivedAt`` pair of the documented example. A reason whose ``type``
  is ``hired`` is an offer; any other is looked up by its text in the reason table.
* An interview's ``location`` says its format: a URL or a video service is a video call; a phone
  number, "call" or "phone" is a phone interview; anything else (a room, an office) is on site.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

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
    PageTrail,
    PluginError,
    ReasonTable,
    Role,
    Unreadable,
    each_record,
    mask_url,
)
from afterview import events as ev
from afterview_lever.board import api_for

__all__ = ["LeverImporter"]


class _Malformed(Unreadable):
    """A record missing a field afterview needs, or holding one it cannot read."""


def _millis(record: Mapping[str, Any], field: str) -> datetime:
    value = record.get(field)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Malformed(f"{field} is missing or not epoch milliseconds")
    try:
        return datetime.fromtimestamp(value / 1000, UTC)
    except (OverflowError, OSError, ValueError):
        raise _Malformed(f"{field} is out of range: {value!r}") from None


def _text(record: Mapping[str, Any], field: str) -> str:
    value = record.get(field)
    if not isinstance(value, str) or not value:
        raise _Malformed(f"{field} is missing")
    return value


class LeverImporter:
    """Reads one contact's opportunities, interviews and archive decisions from Lever."""

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
        if parts.scheme != "lever" or not parts.hostname:
            raise DataError("not a Lever Data API URL (expected lever://API_KEY@SITE?contact=ID)")
        if not parts.username:
            raise DataError(
                "a Lever Data API URL needs the API key as its user: lever://API_KEY@SITE"
            )
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if not query.get("contact"):
            raise DataError("a Lever Data API URL needs ?contact=CONTACT_ID")
        self._key = unquote(parts.username)
        self.site = parts.hostname
        self.contact = query["contact"]
        self.name = query.get("name") or self.site
        self.region = query.get("region")
        self.api = api_for(query)
        self.reasons = reasons or (
            ReasonTable.from_file(query["reasons"]) if "reasons" in query else ReasonTable()
        )
        self.http = http if http is not None else Http(logger="afterview.lever")
        self.clock = clock
        self.page_size = page_size
        self._url = mask_url(url)

    def __repr__(self) -> str:
        return f"<LeverImporter {self._url!r}>"

    def close(self) -> None:
        """Close the HTTP connections; afterview calls this when it is done with the adapter."""
        self.http.close()

    @property
    def url(self) -> str:
        return self._url

    def _pages(self, path: str, params: Mapping[str, str | int]) -> Iterator[list[Any]]:
        """Each page's ``data``, passing ``next`` back as ``offset`` while ``hasNext``."""
        offset: str | None = None
        trail = PageTrail(f"Lever {path}")
        while True:
            query: dict[str, str | int] = {**params, "limit": self.page_size}
            if offset is not None:
                query["offset"] = offset
            body, _ = self.http.get_json(f"{self.api}/v1{path}", params=query, auth=(self._key, ""))
            data = body.get("data") if isinstance(body, dict) else None
            if not isinstance(data, list):
                raise PluginError(f"Lever {path}: the response has no data list")
            yield data
            nxt = body.get("next")
            if not body.get("hasNext") or not isinstance(nxt, str) or not nxt:
                return
            trail.follow(nxt)  # an offset that leads back would page forever
            offset = nxt

    def records(self) -> Iterator[ImportedRecord | ImportProblem]:
        postings = {
            str(p["id"]): str(p["text"])
            for page in self._pages("/postings", {})
            for p in page
            if isinstance(p, dict) and p.get("id") and p.get("text")
        }
        reasons = {
            str(r["id"]): r
            for page in self._pages("/archive_reasons", {})
            for r in page
            if isinstance(r, dict) and r.get("id")
        }
        now = self.clock()
        org_id = f"lv-org-{self.site}"
        board = f"lever-postings://{self.site}" + (f"?region={self.region}" if self.region else "")
        yield ImportedRecord(
            external_ref=f"organization:{self.site}",
            events=(
                ev.OrganizationAdded(
                    at=now, organization_id=org_id, name=self.name, board_url=board
                ),
            ),
        )
        params = {"contact_id": self.contact, "expand": "applications"}
        for page in self._pages("/opportunities", params):
            yield from each_record(
                page,
                noun="opportunity",
                read=lambda opportunity: self._opportunity_events(
                    org_id, opportunity, postings, reasons, now
                ),
            )

    def _opportunity_events(
        self,
        org_id: str,
        opportunity: Mapping[str, Any],
        postings: Mapping[str, str],
        reasons: Mapping[str, Mapping[str, Any]],
        now: datetime,
    ) -> tuple[ev.Event, ...]:
        lever_id = _text(opportunity, "id")
        app_id = f"lv-app-{lever_id}"
        people: dict[str, ev.Event] = {}
        details: list[ev.Event] = []
        scheduled: list[ev.Event] = []
        held: list[ev.Event] = []
        cancelled: list[ev.Event] = []
        path = f"/opportunities/{quote(lever_id, safe='')}/interviews"
        interviews = [i for page in self._pages(path, {}) for i in page if isinstance(i, dict)]
        role_title = self._role_title(opportunity, interviews, postings)
        for interview in sorted(interviews, key=lambda i: str(i.get("date"))):
            if interview.get("canceledAt"):
                # Cancels the interview if an earlier import recorded it; the import adds
                # nothing for one it never saw scheduled.
                cancelled.append(
                    ev.InterviewCancelled(
                        at=_millis(interview, "canceledAt"),
                        interview_id=f"lv-int-{_text(interview, 'id')}",
                    )
                )
                continue
            starts = _millis(interview, "date")
            interview_id = f"lv-int-{_text(interview, 'id')}"
            interviewers: list[str] = []
            for person in interview.get("interviewers") or []:
                if not isinstance(person, dict):
                    raise _Malformed(f"interview {interview_id}: an interviewer is not an object")
                person_id = f"lv-per-{_text(person, 'id')}"
                interviewers.append(person_id)
                if person_id in people:
                    continue
                people[person_id] = ev.ContactAdded(
                    at=starts,
                    person_id=person_id,
                    role=Role.INTERVIEWER,
                    organization_id=org_id,
                    name=str(person.get("name") or ""),
                )
                if person.get("email"):
                    point = ContactPoint(
                        ContactPointKind.EMAIL, str(person["email"]), True, DetailSource.ATS
                    )
                    details.append(
                        ev.ContactDetailsAdded(at=starts, person_id=person_id, points=(point,))
                    )
            scheduled.append(
                ev.InterviewScheduled(
                    at=_millis(interview, "createdAt") if interview.get("createdAt") else starts,
                    interview_id=interview_id,
                    application_id=app_id,
                    scheduled_for=starts,
                    format=_format(interview.get("location")),
                    interviewers=tuple(interviewers),
                    external_ref=_text(interview, "id"),
                )
            )
            duration = interview.get("duration")
            minutes = duration if isinstance(duration, int) and duration > 0 else 0
            ends = starts + timedelta(minutes=minutes)
            if ends <= now:
                held.append(ev.InterviewHeld(at=ends, interview_id=interview_id))
        result: list[ev.Event] = [
            *people.values(),
            *details,
            ev.ApplicationSubmitted(
                at=_millis(opportunity, "createdAt"),
                application_id=app_id,
                organization_id=org_id,
                role_title=role_title,
                external_ref=lever_id,
            ),
            *scheduled,
            *held,
            *cancelled,
        ]
        decision = self._decision(opportunity, app_id, lever_id, reasons)
        if decision is not None:
            result.append(decision)
        return tuple(result)

    def _role_title(
        self,
        opportunity: Mapping[str, Any],
        interviews: list[dict[str, Any]],
        postings: Mapping[str, str],
    ) -> str:
        """The title of the posting the opportunity is for, or ``""`` when none is known."""
        applications = opportunity.get("applications") or []
        if not isinstance(applications, list):
            raise _Malformed("applications is not a list")
        if any(isinstance(a, str) for a in applications):
            # Ids only: the list ignored the expansion. Lever's own advice for one opportunity's
            # applications is to read it with the same expansion.
            path = f"/opportunities/{quote(str(opportunity['id']), safe='')}"
            body, _ = self.http.get_json(
                f"{self.api}/v1{path}", params={"expand": "applications"}, auth=(self._key, "")
            )
            data = body.get("data") if isinstance(body, dict) else None
            again = data.get("applications") if isinstance(data, dict) else None
            applications = again if isinstance(again, list) else []
        named = [a.get("posting") for a in applications if isinstance(a, dict)]
        # A sourced opportunity may have no application; its interviews still name the posting
        # they were booked for.
        for interview in interviews:
            booked_for = interview.get("postings")
            named += booked_for if isinstance(booked_for, list) else []
        for posting in named:
            if isinstance(posting, dict):  # expanded: the posting object itself
                title = posting.get("text")
                if isinstance(title, str) and title:
                    return title
            posting_id = posting.get("id") if isinstance(posting, dict) else posting
            if posting_id is not None and str(posting_id) in postings:
                return postings[str(posting_id)]
        return ""

    def _decision(
        self,
        opportunity: Mapping[str, Any],
        app_id: str,
        lever_id: str,
        reasons: Mapping[str, Mapping[str, Any]],
    ) -> ev.DecisionReceived | None:
        archived = opportunity.get("archived")
        if isinstance(archived, dict) and archived.get("reason"):
            reason_id, at = archived["reason"], _millis(archived, "archivedAt")
        elif opportunity.get("archiveReason"):
            # The flat pair of the documented opportunity example; both null while active.
            reason_id, at = opportunity["archiveReason"], _millis(opportunity, "archivedAt")
        else:
            return None
        reason = reasons.get(str(reason_id))
        # An unknown id is kept as text: some accounts send the reason's wording itself.
        text = str(reason.get("text") or "") if reason else str(reason_id)
        # ``type`` says hired or non-hired; ``status`` only says whether the reason is still
        # offered (active / inactive). Every account has a hired reason, whatever its wording.
        if reason and reason.get("type") == "hired":
            kind = DecisionKind.OFFER
        else:
            kind = self.reasons.kind(text)
        return ev.DecisionReceived(
            at=at, application_id=app_id, kind=kind, reason=text or None, external_ref=lever_id
        )


#: A link or a video service by name, as a whole word ("Meeting room 4" is a room).
_VIDEO = re.compile(
    r"https?://|\b(zoom|google meet|meet\.google|teams|webex|whereby|hangouts?|bluejeans|video)\b",
    re.IGNORECASE,
)
#: Lever's documented phone location is "Call - (123) 456-7891".
_PHONE_WORDS = re.compile(r"\b(call|phone|tel)\b", re.IGNORECASE)
#: A run of digits and the separators phone numbers are written with.
_DIGITS = re.compile(r"\+?[\d()][\d\s().-]*\d")


def _is_phone_number(text: str) -> bool:
    # Ten digits at least (or eight after a "+"): a postcode or a street number has fewer.
    for run in _DIGITS.findall(text):
        digits = sum(c.isdigit() for c in run)
        if digits >= 10 or (run.startswith("+") and digits >= 8):
            return True
    return False


def _format(location: Any) -> InterviewFormat:
    """The interview's format from its ``location``: a room, a link or a number to call."""
    text = location if isinstance(location, str) else ""
    if _VIDEO.search(text):
        return InterviewFormat.VIDEO
    if _PHONE_WORDS.search(text) or _is_phone_number(text):
        return InterviewFormat.PHONE
    return InterviewFormat.ON_SITE
