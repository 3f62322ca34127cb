"""Proposals, and where reading mail stopped: the plugin's own file, one per workspace.

A proposal is what one message says, matched to the workspace: its kind, the organization,
application and person it is about, whom it came from, and one short sentence of evidence.
Bodies are not kept; the calendar invitation of an interview proposal is kept only until the
proposal is accepted or dropped, because accepting imports it.

The file is ``<mail dir>/<store>/<workspace>.json``: the mail directory is ``AFTERVIEW_MAIL_DIR``,
else ``mail/`` in afterview's data directory; ``<store>`` is a digest of the store's (masked)
URL, so two stores with a workspace of the same name keep apart. Directories are the owner's
alone (0700), the file 0600, rewritten atomically under a lock.

It also remembers, per source, where reading stopped (the IMAP folder's ``UIDVALIDITY`` and the
last ``UID`` read) and the digests of the messages that made a proposal, so that reading the
same mail again proposes nothing new. Messages that said nothing leave no trace.
"""

from __future__ import annotations

import contextlib
import enum
import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs

from afterview import DataError, NotFoundError, make_private_dirs
from afterview_mail.classifier import MailKind

__all__ = [
    "Cursor",
    "Proposal",
    "ProposalBook",
    "ProposalStatus",
    "book_path",
    "forget_person",
    "mail_dir",
]

FORMAT = 1
#: The books this process has open (a lock is per process: a second one would deadlock).
_HELD: set[Path] = set()


class ProposalStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@attrs.frozen(kw_only=True)
class Proposal:
    number: int
    #: The message's digest (see :attr:`afterview_mail.message.Mail.key`).
    message: str
    kind: MailKind
    confidence: float
    status: ProposalStatus = ProposalStatus.PENDING
    received_at: datetime | None = None
    organization_id: str | None = None
    application_id: str | None = None
    person_id: str | None = None
    #: Whom it came from, as the message names them.
    sender: str = attrs.field(default="", repr=False)
    evidence: str = attrs.field(default="", repr=False)
    #: The invitation (``.ics``) to import on accepting; dropped once decided.
    calendar: str | None = attrs.field(default=None, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "message": self.message,
            "kind": self.kind.value,
            "confidence": self.confidence,
            "status": self.status.value,
            "received_at": None if self.received_at is None else self.received_at.isoformat(),
            "organization_id": self.organization_id,
            "application_id": self.application_id,
            "person_id": self.person_id,
            "sender": self.sender,
            "evidence": self.evidence,
            "calendar": self.calendar,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Proposal:
        received = data.get("received_at")
        return cls(
            number=int(data["number"]),
            message=str(data["message"]),
            kind=MailKind(data["kind"]),
            confidence=float(data["confidence"]),
            status=ProposalStatus(data.get("status", "pending")),
            received_at=None if received is None else datetime.fromisoformat(received),
            organization_id=data.get("organization_id"),
            application_id=data.get("application_id"),
            person_id=data.get("person_id"),
            sender=str(data.get("sender", "")),
            evidence=str(data.get("evidence", "")),
            calendar=data.get("calendar"),
        )


@attrs.frozen
class Cursor:
    """Where reading an IMAP folder stopped: a UID is meaningful only with its UIDVALIDITY."""

    uidvalidity: int
    uid: int


def mail_dir(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    explicit = env.get("AFTERVIEW_MAIL_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_data_dir("afterview")) / "mail"


def book_path(store_url: str, workspace: str, directory: Path | None = None) -> Path:
    digest = hashlib.sha256(store_url.encode()).hexdigest()[:16]
    return (directory or mail_dir()) / digest / f"{workspace}.json"


@attrs.define
class ProposalBook:
    """The proposals and cursors of one workspace; use :meth:`open` to read and write them."""

    path: Path
    proposals: list[Proposal] = attrs.Factory(list)
    cursors: dict[str, Cursor] = attrs.Factory(dict)
    seen: set[str] = attrs.Factory(set)
    next_number: int = 1

    @classmethod
    @contextlib.contextmanager
    def open(cls, path: Path) -> Iterator[ProposalBook]:
        """Read the book under a lock, and write it back when the block ends."""
        make_private_dirs(path.parent)
        held = path.resolve()
        if held in _HELD:
            # A second lock on the same file in this process would wait for itself forever.
            raise DataError(f"{path} is already open in this process; close it first")
        lock_path = path.with_name(path.name + ".lock")
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        _HELD.add(held)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            book = cls._read(path)
            try:
                yield book
            finally:
                # Each change leaves the book whole: what was read before an error is kept.
                book._write()
        finally:
            _HELD.discard(held)
            os.close(descriptor)

    @classmethod
    def _read(cls, path: Path) -> ProposalBook:
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise DataError(f"{path}: not a proposals file this version reads")
            return cls(
                path,
                proposals=[Proposal.from_json(p) for p in data["proposals"]],
                cursors={k: Cursor(int(v[0]), int(v[1])) for k, v in data["cursors"].items()},
                seen=set(data["seen"]),
                next_number=int(data["next"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            if isinstance(exc, DataError):
                raise
            raise DataError(
                f"{path}: the proposals file is damaged ({type(exc).__name__})"
            ) from None

    def _write(self) -> None:
        data = {
            "format": FORMAT,
            "next": self.next_number,
            "proposals": [p.to_json() for p in self.proposals],
            "cursors": {k: [c.uidvalidity, c.uid] for k, c in sorted(self.cursors.items())},
            "seen": sorted(self.seen),
        }
        descriptor, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".proposals-")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                # dumps, not dump: only a whole document in one line is encoded in C (dump goes
                # through the Python encoder piece by piece), and a long book is written often.
                file.write(json.dumps(data, separators=(",", ":")))
            os.chmod(temporary, 0o600)
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    # --- proposals ------------------------------------------------------------------------

    def add(self, proposal: Proposal) -> Proposal:
        numbered = attrs.evolve(proposal, number=self.next_number)
        self.next_number += 1
        self.proposals.append(numbered)
        self.seen.add(proposal.message)
        return numbered

    def pending(self) -> list[Proposal]:
        return [p for p in self.proposals if p.status is ProposalStatus.PENDING]

    def get(self, number: int) -> Proposal:
        for proposal in self.proposals:
            if proposal.number == number:
                return proposal
        raise NotFoundError(f"no proposal {number}; afterview inbox lists them")

    def decide(self, number: int, status: ProposalStatus) -> Proposal:
        proposal = self.get(number)
        decided = attrs.evolve(proposal, status=status, calendar=None)
        self.proposals[self.proposals.index(proposal)] = decided
        return decided

    def drop_if(self, test: Callable[[Proposal], bool]) -> int:
        before = len(self.proposals)
        self.proposals = [p for p in self.proposals if not test(p)]
        return before - len(self.proposals)


def forget_person(
    workspace: str,
    person_id: str,
    names_them: Callable[[str], bool],
    directory: Path | None = None,
) -> int:
    """Remove every proposal about the person, or naming them, from each book of ``workspace``
    (in every store: the hook that calls this is told the workspace's name only)."""
    root = directory or mail_dir()
    if not root.is_dir():
        return 0
    removed = 0
    for path in sorted(root.glob(f"*/{workspace}.json")):

        def about_them(proposal: Proposal) -> bool:
            texts = (proposal.sender, proposal.evidence, proposal.calendar or "")
            return proposal.person_id == person_id or any(t and names_them(t) for t in texts)

        with ProposalBook.open(path) as book:
            removed += book.drop_if(about_them)
    return removed
