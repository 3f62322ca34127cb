"""Which organization, application and person a message is about.

In order of trust:

1. the sender (or the ``Reply-To``, or the writer of a forwarded message) is a contact's email
   address: that person, and their organization;
2. the sender's domain is the organization's name (``northwind-traders.com`` for "Northwind
   Traders"), unless it is a mail provider's or an applicant tracking system's;
3. the organization's name is in the sender's display name ("Initech via Greenhouse"), the
   subject, or the text.

The application is then the organization's one whose role title the subject or the text names
(the longest such title), else the one more of whose title's words it names than any other's,
else the one the person interviewed the job seeker for, else the organization's only
application still open, else its only one; when none of those tells, the user says which. Names are
compared without case, accents or punctuation.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

import attrs

from afterview import Application, ContactPointKind, State
from afterview_mail.message import Mail

__all__ = ["Match", "match_mail"]

#: Domains many senders share: a message from one says nothing about its organization.
SHARED_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "proton.me",
        "protonmail.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "aol.com",
        "fastmail.com",
        "greenhouse.io",
        "greenhouse-mail.io",
        "lever.co",
        "myworkday.com",
        "workday.com",
        "smartrecruiters.com",
        "ashbyhq.com",
        "workable.com",
        "icims.com",
        "taleo.net",
        "jobvite.com",
        "bamboohr.com",
        "recruitee.com",
        "teamtailor.com",
        "personio.de",
        "linkedin.com",
        "indeed.com",
        "calendly.com",
    }
)
#: Words an organization's name often carries that its domain leaves out.
_LEGAL = re.compile(
    r"\b(inc|llc|ltd|limited|gmbh|ag|sa|sas|sarl|plc|corp|corporation|co|company|group)\b\.?"
)


@attrs.frozen
class Match:
    organization_id: str | None = None
    application_id: str | None = None
    person_id: str | None = None
    #: How the organization was found: "contact", "domain", "name", or "" (not found).
    by: str = ""


_ALNUM = re.compile(r"[a-z0-9]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@functools.cache
def _marks(astral: bool) -> re.Pattern[str]:
    """Every combining mark (``unicodedata.combining`` not 0: accents and the like) as one
    character class, so that taking them out is one substitution, not a test a character.
    They all lie in the first two planes, from U+0300 on; a class of the first plane's alone
    is a bitmap, much faster than one that also holds the second's (``astral``)."""
    ranges: list[list[int]] = []
    for i in range(0x300, 0x20000 if astral else 0x10000):
        if unicodedata.combining(chr(i)):
            if ranges and ranges[-1][1] == i - 1:
                ranges[-1][1] = i
            else:
                ranges.append([i, i])
    return re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]")


def _plain(text: str) -> str:
    """Lower case without accents (``é`` is ``e``)."""
    if text.isascii():  # most mail: nothing to take apart
        return text.lower()
    plain = unicodedata.normalize("NFKD", text)
    return _marks(_ASTRAL.search(plain) is not None).sub("", plain).lower()


def squash(text: str) -> str:
    """Lower case, no accents, letters and digits only."""
    return _NOT_ALNUM.sub("", _plain(text))


def _words(text: str) -> str:
    """The words of ``text``, lower case, without accents, one space around each."""
    return " " + " ".join(_ALNUM.findall(_plain(text))) + " "


def _shared(domain: str) -> bool:
    """Whether ``domain`` is one of :data:`SHARED_DOMAINS` or under one (``us.greenhouse.io``)."""
    labels = domain.split(".")
    return any(".".join(labels[i:]) in SHARED_DOMAINS for i in range(len(labels) - 1))


def _domain_label(domain: str) -> str:
    parts = domain.split(".")
    # The registered name: the label before the public suffix (co.uk and the like included).
    if len(parts) >= 3 and len(parts[-2]) <= 3 and len(parts[-1]) == 2:
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else parts[0]


@attrs.frozen
class _Index:
    """What matching looks up, computed once per state rather than once per message."""

    by_email: dict[str, str]
    #: (squashed name, organization id), for the domain.
    squashed: tuple[tuple[str, str], ...]
    #: (" name words ", organization id), longest name first, for the texts.
    named: tuple[tuple[str, str], ...]
    #: Per organization: (application, " title words ") pairs.
    applications: dict[str, tuple[tuple[Application, str], ...]]
    #: What each domain seen so far matched (the same few senders write most mail).
    domains: dict[str, str | None] = attrs.field(factory=dict)

    @classmethod
    def of(cls, state: State) -> _Index:
        by_email: dict[str, str] = {}
        for person in state.people.values():
            if person.forgotten:
                continue
            for point in person.contact_points:
                if point.kind is ContactPointKind.EMAIL:
                    by_email.setdefault(point.value.strip().lower(), person.id)
        squashed = []
        named = []
        for organization in state.organizations.values():
            name = squash(_LEGAL.sub("", organization.name.lower())) or squash(organization.name)
            squashed.append((name, organization.id))
            words = _words(organization.name)
            if len(words.strip()) >= 3:
                named.append((words, organization.id))
        named.sort(key=lambda pair: -len(pair[0]))
        applications: dict[str, list[tuple[Application, str]]] = {}
        for application in state.applications.values():
            applications.setdefault(application.organization_id, []).append(
                (application, _words(application.role_title))
            )
        return cls(
            by_email,
            tuple(squashed),
            tuple(named),
            {k: tuple(v) for k, v in applications.items()},
        )


#: The last index built, the state it was built for (held, so that its id is not reused by
#: another state), and how big that state was then (a state grows in place).
_LAST: list[tuple[State, tuple[int, int, int, int], _Index]] = []


def _index(state: State) -> _Index:
    size = (
        state.version,
        len(state.people),
        len(state.organizations),
        len(state.applications),
    )
    if not _LAST or _LAST[0][0] is not state or _LAST[0][1] != size:
        _LAST[:] = [(state, size, _Index.of(state))]
    return _LAST[0][2]


def _domain_organization(index: _Index, domain: str) -> str | None:
    if not domain or _shared(domain):
        return None
    label = squash(_domain_label(domain))
    if len(label) < 3:
        return None
    for name, organization_id in index.squashed:
        if name and (label == name or (len(name) >= 4 and label.startswith(name))):
            return organization_id
        if len(label) >= 5 and name.startswith(label):
            return organization_id
    return None


def _by_domain(index: _Index, addresses: Iterable[str]) -> str | None:
    for address in addresses:
        domain = address.rpartition("@")[2]
        if domain not in index.domains:
            index.domains[domain] = _domain_organization(index, domain)
        found = index.domains[domain]
        if found is not None:
            return found
    return None


def _by_name(index: _Index, texts: Iterable[str]) -> str | None:
    for words in texts:
        for name, organization_id in index.named:  # longest first
            if name in words:
                return organization_id
    return None


def _partly_named(
    applications: tuple[tuple[Application, str], ...], texts: str
) -> Application | None:
    """The one application more of whose title's words the text holds than any other's
    ("the Frontend role" for "Frontend Engineer")."""
    counts = [
        (sum(f" {w} " in texts for w in title.split() if len(w) >= 3), a)
        for a, title in applications
    ]
    best = max(count for count, _ in counts)
    winners = [a for count, a in counts if count == best]
    return winners[0] if best and len(winners) == 1 else None


def _application(
    state: State, index: _Index, organization_id: str, texts: str, person_id: str | None
) -> str | None:
    titled = index.applications.get(organization_id, ())
    if not titled:
        return None
    applications = [a for a, _ in titled]
    named = [a for a, title in titled if title.strip() and title in texts]
    if named:
        return max(named, key=lambda a: len(a.role_title)).id
    partly = _partly_named(titled, texts)
    if partly is not None:
        return partly.id
    if person_id is not None:
        # The person wrote about the application they interviewed the job seeker for.
        theirs = {
            i.application_id
            for a in applications
            for i in state.interviews_of(a.id)
            if person_id in (*i.interviewers, *i.people_met)
        }
        if len(theirs) == 1:
            return theirs.pop()
    open_ = [
        a
        for a in applications
        if a.id not in state.decisions or not state.decisions[a.id].kind.final
    ]
    if len(open_) == 1:
        return open_[0].id
    if len(applications) == 1:
        return applications[0].id
    return None


def match_mail(state: State, mail: Mail, *, own: Iterable[str] = ()) -> Match:
    """Find what ``mail`` is about in ``state``; ``own`` are the job seeker's addresses, whose
    own messages (a forward) are matched by what they forward."""
    index = _index(state)
    mine = {a.lower() for a in own}
    addresses = [a for a in (mail.sender, *mail.other_senders) if a and a not in mine]
    person_id = next((index.by_email[a] for a in addresses if a in index.by_email), None)
    organization_id: str | None = None
    by = ""
    if person_id is not None:
        organization_id = state.people[person_id].organization_id
        by = "contact"
    if organization_id is None:
        organization_id = _by_domain(index, addresses)
        by = "domain" if organization_id else by
    subject, text = _words(mail.subject), _words(mail.text)
    if organization_id is None:
        organization_id = _by_name(index, (_words(mail.sender_name), subject, text))
        by = "name" if organization_id else by
    if organization_id is None:
        return Match(person_id=person_id, by=by)
    return Match(
        organization_id=organization_id,
        application_id=_application(state, index, organization_id, subject + text, person_id),
        person_id=person_id,
        by=by,
    )
