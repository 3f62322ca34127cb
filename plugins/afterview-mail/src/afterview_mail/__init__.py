"""afterview reads your job-search mail: rejections, positions on hold or eliminated, interview
invitations, offers and replies from contacts become proposals you accept or drop.

Importing this package is cheap: the modules behind its names load on first use (PEP 562), and
imap-tools only when an IMAP folder is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from afterview import lazy_exports

if TYPE_CHECKING:
    from afterview_mail.classifier import Classification, MailKind, classify
    from afterview_mail.errors import MailError, MailLoginError
    from afterview_mail.imap import ImapSource
    from afterview_mail.inbox import (
        Accepted,
        ReadReport,
        accept,
        auto_accept,
        propose,
        read_inbox,
        reject,
    )
    from afterview_mail.matching import Match, match_mail
    from afterview_mail.message import Mail, parse_mail, read_mail
    from afterview_mail.proposals import (
        Cursor,
        Proposal,
        ProposalBook,
        ProposalStatus,
        book_path,
        forget_person,
        mail_dir,
    )
    from afterview_mail.settings import MailSettings, load_mail_settings
    from afterview_mail.source import FileSource, Source, open_source

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "Classification": "afterview_mail.classifier",
        "MailKind": "afterview_mail.classifier",
        "classify": "afterview_mail.classifier",
        "MailError": "afterview_mail.errors",
        "MailLoginError": "afterview_mail.errors",
        "ImapSource": "afterview_mail.imap",
        "Accepted": "afterview_mail.inbox",
        "ReadReport": "afterview_mail.inbox",
        "accept": "afterview_mail.inbox",
        "auto_accept": "afterview_mail.inbox",
        "propose": "afterview_mail.inbox",
        "read_inbox": "afterview_mail.inbox",
        "reject": "afterview_mail.inbox",
        "Match": "afterview_mail.matching",
        "match_mail": "afterview_mail.matching",
        "Mail": "afterview_mail.message",
        "parse_mail": "afterview_mail.message",
        "read_mail": "afterview_mail.message",
        "Cursor": "afterview_mail.proposals",
        "Proposal": "afterview_mail.proposals",
        "ProposalBook": "afterview_mail.proposals",
        "ProposalStatus": "afterview_mail.proposals",
        "book_path": "afterview_mail.proposals",
        "forget_person": "afterview_mail.proposals",
        "mail_dir": "afterview_mail.proposals",
        "MailSettings": "afterview_mail.settings",
        "load_mail_settings": "afterview_mail.settings",
        "FileSource": "afterview_mail.source",
        "Source": "afterview_mail.source",
        "open_source": "afterview_mail.source",
    },
)


__all__ = [
    "Accepted",
    "Classification",
    "Cursor",
    "FileSource",
    "ImapSource",
    "Mail",
    "MailError",
    "MailKind",
    "MailLoginError",
    "MailSettings",
    "Match",
    "Proposal",
    "ProposalBook",
    "ProposalStatus",
    "ReadReport",
    "Source",
    "accept",
    "auto_accept",
    "book_path",
    "classify",
    "forget_person",
    "load_mail_settings",
    "mail_dir",
    "match_mail",
    "open_source",
    "parse_mail",
    "propose",
    "read_inbox",
    "read_mail",
    "reject",
]
