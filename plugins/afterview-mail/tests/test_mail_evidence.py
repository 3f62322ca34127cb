"""The evidence a proposal shows is what the message says, not how it opens: a reply from a
contact is shown by its first sentence after the greeting."""

from __future__ import annotations

import pytest
from afterview_mail import MailKind, classify
from afterview_mail.message import Mail


def reply(text: str) -> Mail:
    return Mail(
        key="k",
        sender="dana.reyes@acme-analytics.com",
        sender_name="Dana Reyes",
        subject="Re: Thank you for today",
        text=text,
        is_reply=True,
    )


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Hi Sam,\n\nThanks so much for the note.", "Thanks so much for the note."),
        ("Dear Ms. Morgan,\nGreat talking yesterday. Stay in touch.", "Great talking yesterday."),
        (
            "Hallo Herr Morgan,\n\nvielen Dank für Ihre Nachricht.",
            "vielen Dank für Ihre Nachricht.",
        ),
        ("Bonjour Sam,\nMerci pour votre message.", "Merci pour votre message."),
        ("Hola Sam:\nGracias por tu mensaje.", "Gracias por tu mensaje."),
        ("Hey!\nLovely to hear from you.", "Lovely to hear from you."),
        # A greeting that goes on is what it says.
        ("Hi Sam, thanks for the note!", "Hi Sam, thanks for the note!"),
        # Nothing but a greeting: the subject.
        ("Hi Sam,", "Re: Thank you for today"),
    ],
)
def test_a_reply_is_shown_by_what_it_says_after_the_greeting(text: str, evidence: str) -> None:
    said = classify(reply(text), from_contact=True)

    assert said.kind is MailKind.REPLY
    assert said.evidence == evidence
