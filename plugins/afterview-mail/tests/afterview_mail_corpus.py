"""The mail corpus (``corpus/corpus.txt``) as real messages, and the workspace they belong to.

Each entry becomes the bytes of an RFC 5322 message in the style the entry names: plain text,
HTML only, text and HTML, ISO-8859-1 or Windows-1252, with a calendar invitation, forwarded, or
with malformed MIME. The workspace holds the organizations, applications and contacts the
entries name, so that matching is measured too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path

import attrs

from afterview import ContactPoint, ContactPointKind, Settings, Workspace

CORPUS = Path(__file__).parent / "corpus" / "corpus.txt"
#: A second held-out set, written after the classifier and only ever measured on.
NEW = Path(__file__).parent / "corpus" / "heldout-new.txt"
#: A third, written after the phrases were reworked and measured once before any other change.
THIRD = Path(__file__).parent / "corpus" / "heldout-third.txt"
#: A fourth, written after the rework the third led to, and measured once before the next.
FOURTH = Path(__file__).parent / "corpus" / "heldout-fourth.txt"
#: A fifth, written after the rework the fourth led to, and measured once before the next.
FIFTH = Path(__file__).parent / "corpus" / "heldout-fifth.txt"
#: A sixth, written after the rework the fifth led to, and measured once before the next.
SIXTH = Path(__file__).parent / "corpus" / "heldout-sixth.txt"
#: A seventh, written after the rework the sixth led to, and measured once before the next.
SEVENTH = Path(__file__).parent / "corpus" / "heldout-seventh.txt"
#: An eighth, written after the rework the seventh led to, and measured once before the next.
EIGHTH = Path(__file__).parent / "corpus" / "heldout-eighth.txt"
#: A ninth, written after the rework the eighth led to, and measured once before the next.
NINTH = Path(__file__).parent / "corpus" / "heldout-ninth.txt"
#: A tenth, written after the rework the ninth led to, and measured once before the next.
TENTH = Path(__file__).parent / "corpus" / "heldout-tenth.txt"
#: An eleventh, written after the rework the tenth led to, and measured once before the next.
ELEVENTH = Path(__file__).parent / "corpus" / "heldout-eleventh.txt"
#: A twelfth, written after the rework the eleventh led to, and measured once before the next.
TWELFTH = Path(__file__).parent / "corpus" / "heldout-twelfth.txt"
#: A thirteenth, written after the rework the twelfth led to, apart from the phrases and without
#: reading them, and measured once before the next.
THIRTEENTH = Path(__file__).parent / "corpus" / "heldout-thirteenth.txt"
#: A fourteenth and a fifteenth, written after that rework and measured once before the next
#: (the second reading, :mod:`afterview_mail.cues`, was then shaped on their misses).
FOURTEENTH = Path(__file__).parent / "corpus" / "heldout-fourteenth.txt"
FIFTEENTH = Path(__file__).parent / "corpus" / "heldout-fifteenth.txt"
#: A sixteenth, written after that and measured once (the second reading was then widened on
#: its misses), and a seventeenth, written after the last change and measured once: nothing was
#: changed for it.
SIXTEENTH = Path(__file__).parent / "corpus" / "heldout-sixteenth.txt"
SEVENTEENTH = Path(__file__).parent / "corpus" / "heldout-seventeenth.txt"
#: Labelled single sentences (``sentences-*.txt``), written the same way: what one sentence says,
#: in many more turns of phrase and languages than whole messages can hold. The first four were
#: each measured once and then read for their misses; the fifth (:data:`LAST_SENTENCES`) was
#: written after the last change and only measured.
_SENTENCE_FILES = tuple(sorted((Path(__file__).parent / "corpus").glob("sentences-*.txt")))
LAST_SENTENCES = Path(__file__).parent / "corpus" / "sentences-fifth.txt"
SENTENCES = tuple(p for p in _SENTENCE_FILES if p != LAST_SENTENCES)
ME = "sam.morgan@example.net"
#: When the corpus's messages were sent, one hour apart.
START = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


@attrs.frozen
class Entry:
    id: str
    kind: str
    split: str
    style: str
    headers: dict[str, str]
    body: str

    @property
    def org(self) -> str | None:
        value = self.headers.get("Org", "-")
        return None if value == "-" else value

    @property
    def role(self) -> str | None:
        value = self.headers.get("Role", "-")
        return None if value == "-" else value

    @property
    def contact(self) -> bool:
        return self.headers.get("Contact") == "yes"


def load(path: Path = CORPUS) -> list[Entry]:
    entries: list[Entry] = []
    text = path.read_text(encoding="utf-8")
    for chunk in text.split("\n=== ")[1:]:
        head, _, rest = chunk.partition("\n")
        ident, kind, split, style = head.split()
        header_text, _, body = rest.partition("\n\n")
        headers = dict(line.split(": ", 1) for line in header_text.splitlines())
        entries.append(Entry(ident, kind, split, style, headers, body.strip() + "\n"))
    return entries


def sentences(path: Path) -> list[tuple[str, str]]:
    """The ``(kind, sentence)`` pairs of a sentence file: a pair a line, the two parted by a tab;
    ``#`` starts a comment line."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, sentence = line.split("\t", 1)
            pairs.append((kind, sentence))
    return pairs


def _html(body: str) -> str:
    paragraphs = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in body.split("\n\n"))
    return (
        "<html><head><style>p{font-family:Arial}</style></head><body>"
        f"<table><tr><td>{paragraphs}</td></tr></table></body></html>"
    )


def invitation(entry: Entry, start: datetime, *, sequence: int = 0) -> bytes:
    _, organizer = parseaddr(entry.headers["From"])
    stamp = f"{start:%Y%m%dT%H%M%SZ}"
    end = f"{start + timedelta(hours=1):%Y%m%dT%H%M%SZ}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//afterview tests//mail corpus//EN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:{entry.id}@corpus.test",
        f"SEQUENCE:{sequence}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{stamp}",
        f"DTEND:{end}",
        f"SUMMARY:Interview: {entry.role}",
        "LOCATION:https://meet.example.com/abc",
        f"ORGANIZER;CN=Recruiter:mailto:{organizer}",
        f"ATTENDEE;CN=Sam Morgan;PARTSTAT=NEEDS-ACTION:mailto:{ME}",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines).encode()


def _broken(entry: Entry, headers: dict[str, str]) -> bytes:
    """A multipart message whose boundary never closes and whose text part names a charset no
    one knows, with a stray 8-bit byte: what a badly written mailer sends."""
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    body = entry.body.replace("\n", "\r\n").encode("utf-8")
    return (
        head.encode()
        + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="XYZ"\r\n\r\n'
        + b"--XYZ\r\nContent-Type: text/plain; charset=x-unknown-8\r\n\r\n"
        + body
        + b"\r\n\xff\r\n--XYZ\r\nContent-Type: application/octet-stream\r\n"
        + b"Content-Transfer-Encoding: base64\r\n\r\nnot=base64!!"
    )


def build(entry: Entry, index: int, *, sent: datetime | None = None) -> bytes:
    """The bytes of ``entry`` as it would arrive."""
    sent = sent or START + timedelta(hours=index)
    headers = {
        "From": entry.headers["From"],
        "To": f"Sam Morgan <{ME}>",
        "Subject": entry.headers["Subject"],
        "Date": format_datetime(sent),
        "Message-ID": f"<{entry.id}.{index}@corpus.test>",
    }
    for name in ("Reply-To", "In-Reply-To"):
        if name in entry.headers:
            headers[name] = entry.headers[name]
    if entry.style == "broken":
        return _broken(entry, headers)
    message = EmailMessage()
    for name, value in headers.items():
        message[name] = value
    if entry.style in ("plain", "fwd"):
        message.set_content(entry.body)
    elif entry.style == "html":
        message.set_content(_html(entry.body), subtype="html")
    elif entry.style == "alt":
        message.set_content(entry.body)
        message.add_alternative(_html(entry.body), subtype="html")
    elif entry.style in ("latin1", "cp1252"):
        charset = "iso-8859-1" if entry.style == "latin1" else "windows-1252"
        message.set_content(entry.body.encode(charset), maintype="text", subtype="plain")
        del message["Content-Type"]
        message["Content-Type"] = f"text/plain; charset={charset}"
    elif entry.style == "ics":
        message.set_content(entry.body)
        start = datetime(2026, 6, 1, 9, tzinfo=UTC) + timedelta(days=index % 20)
        message.add_attachment(
            invitation(entry, start),
            maintype="text",
            subtype="calendar",
            filename="invite.ics",
            params={"method": "REQUEST"},
        )
    else:  # pragma: no cover - a typo in the corpus
        raise ValueError(f"{entry.id}: unknown style {entry.style}")
    return bytes(message)


def messages(entries: list[Entry] | None = None) -> Iterator[tuple[Entry, bytes]]:
    for index, entry in enumerate(entries if entries is not None else load()):
        yield entry, build(entry, index)


def populate(workspace: Workspace, entries: list[Entry] | None = None) -> None:
    """Add the organizations, applications and contacts the corpus names."""
    entries = entries if entries is not None else load()
    at = START - timedelta(days=60)
    orgs: dict[str, str] = {}
    apps: set[tuple[str, str]] = set()
    people: set[str] = set()
    for entry in entries:
        if entry.org is None:
            continue
        if entry.org not in orgs:
            orgs[entry.org] = workspace.add_organization(entry.org, at=at)
        if entry.role and (entry.org, entry.role) not in apps:
            apps.add((entry.org, entry.role))
            workspace.submit_application(orgs[entry.org], entry.role, at=at)
        name, address = parseaddr(entry.headers["From"])
        if entry.contact and address not in people:
            people.add(address)
            person = workspace.add_contact(name, "interviewer", organization=orgs[entry.org], at=at)
            point = ContactPoint(ContactPointKind.EMAIL, address, True)
            workspace.add_contact_details(person, [point], at=at)


def open_workspace(folder: Path, entries: list[Entry] | None = None, *, now: datetime) -> Workspace:
    """A SQLite workspace in ``folder`` holding what ``entries`` name (:func:`populate`), the
    job seeker's address its own, its clock at ``now``."""
    workspace = Workspace.open(
        f"sqlite:///{folder / 'afterview.sqlite'}",
        clock=lambda: now,
        settings=Settings(own_emails=(ME,)),
    )
    populate(workspace, entries)
    return workspace
