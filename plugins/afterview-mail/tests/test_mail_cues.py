"""The second reading: a sentence no phrase knows is read by the company its words keep, and
trusted less; what only supposes, asks, speaks in general or of an event says nothing."""

from __future__ import annotations

import pytest
from afterview_mail import MailKind, classify
from afterview_mail.cues import CONFIDENCE, cued
from afterview_mail.message import Mail


def mail(text: str, subject: str = "Your application") -> Mail:
    return Mail(
        key="k", sender="talent@acme.example", sender_name="Acme", subject=subject, text=text
    )


@pytest.mark.parametrize(
    ("kind", "line"),
    [
        ("rejection", "after the debrief we will not be progressing your candidacy for this post."),
        ("rejection", "the panel went with the other shortlisted applicant in the end."),
        ("rejection", "the vacancy has now been filled."),
        ("rejection", "we've made our hire for this one, thanks again."),
        ("rejection", "leider können wir ihre bewerbung nicht weiter berücksichtigen."),
        ("rejection", "nous avons choisi un autre profil pour ce poste."),
        ("rejection", "je sollicitatie is afgewezen."),
        ("on_hold", "the hiring process for this role is paused until the new year."),
        ("on_hold", "il processo di selezione è sospeso fino a nuovo avviso."),
        ("eliminated", "the position will not exist after the merger."),
        ("eliminated", "la vacante ya no existe."),
        ("offer", "we'd love you to join as our new office manager."),
        ("offer", "gerne möchten wir sie als teamleiterin einstellen."),
        ("invitation", "would thursday at 3pm work for a call with our cto?"),
        ("invitation", "graag nodigen we je uit voor een gesprek op kantoor."),
    ],
)
def test_a_sentence_says_its_kind_by_its_words(kind: str, line: str) -> None:
    assert cued(kind, line)


@pytest.mark.parametrize(
    ("kind", "line"),
    [
        # Of applicants in general, not to the reader.
        ("rejection", "applications that arrive after the closing date will not be considered."),
        ("rejection", "we do not consider applications sent by post."),
        # Advice, not a decision.
        ("rejection", "don't miss your next step: finish the assessment today."),
        # "thank you" is no reader.
        ("rejection", "thank you, we cannot move the deadline further."),
        # A choice about something other than a person.
        ("rejection", "we went with another supplier for the catering."),
        # An event put off is no search put off, nor called off.
        ("on_hold", "the recruitment fair has been postponed to next month."),
        ("eliminated", "our careers event is cancelled this year."),
        # Someone else's offer refused.
        ("offer", "we are not able to offer you the role."),
        # An interview mentioned, none proposed.
        ("invitation", "please remember to bring photo id to any interview you attend."),
        ("invitation", "read how to get more interview invitations."),
    ],
)
def test_words_near_each_other_by_chance_say_nothing(kind: str, line: str) -> None:
    assert not cued(kind, line)


def test_the_second_reading_is_trusted_less_and_shows_its_sentence() -> None:
    said = classify(mail("Hi Sam,\n\nIt was close, but the panel picked the other finalist."))

    assert said.kind is MailKind.REJECTION
    assert said.confidence == CONFIDENCE["rejection"] < 0.95  # never recorded by --auto's default
    assert said.evidence == "It was close, but the panel picked the other finalist."


def test_what_only_supposes_or_asks_is_not_read_a_second_time() -> None:
    supposed = mail("If we decide to go with another candidate, we will let you know by email.")
    asked = mail("Has the team gone with the other finalist?")

    assert classify(supposed).kind is MailKind.UNRELATED
    assert classify(asked).kind is MailKind.UNRELATED


def _needed() -> list[tuple[str, str]]:
    from afterview_mail import cues

    return [
        (kind, alternative)
        for kind, names in cues._NEEDS.items()
        for name in names
        for alternative in cues._ALTERNATIVES[cues._PATTERNS[name].pattern]
    ]


@pytest.mark.parametrize(("kind", "alternative"), _needed())
def test_a_line_without_the_words_a_kind_needs_is_rightly_skipped(
    kind: str, alternative: str
) -> None:
    """Only the lines holding a beginning of the words a kind's readings need are read for
    it: every match of those words must hold one, or a sentence would be skipped unread."""
    import re

    from afterview_mail import cues
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    stems = cues._STEMS[kind]

    @settings(
        max_examples=50,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.from_regex(re.compile(alternative), fullmatch=True))
    def holds(text: str) -> None:
        assert any(stem in text for stem in stems), text

    holds()
