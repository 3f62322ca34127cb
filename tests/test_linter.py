"""The draft linter flags what makes a feedback request backfire, and nothing else."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview import Workspace
from afterview.linter import LINTER_CODES, Finding, lint


@pytest.mark.parametrize(
    "phrase",
    [
        "the person you hired",
        "The other candidate",
        "the successful applicant",
        "Why did they",
        "what did they have that I didn't",
        "What did she have that I did not",
        "the one you chose",
        "more qualified than me",
        "who you went with",
        "compared with the other",
    ],
)
def test_mentions_of_the_other_candidate_are_flagged(phrase: str) -> None:
    assert "AV451" in {f.code for f in lint(f"Thanks. {phrase}?")}


@pytest.mark.parametrize(
    "phrase",
    [
        "Could you tell me why",
        "could you please explain why",
        "Please explain why I wasn't chosen",
        "the reason for your decision",
        "the reasons behind the decision",
        "in writing",
        "Reply with a few lines",
        "respond by email",
        "why I was not selected",
        "Why wasn’t I picked",
    ],
)
def test_asking_for_reasons_in_writing_is_flagged(phrase: str) -> None:
    assert "AV452" in {f.code for f in lint(f"Hello. {phrase}.")}


@pytest.mark.parametrize(
    "phrase",
    [
        "This was unfair",
        "you didn't give me a chance",
        "You did not give me a fair chance",
        "your process was a shambles",
        "your hiring process was badly run",
        "you wasted my time",
        "a waste of my time",
    ],
)
def test_blame_is_flagged(phrase: str) -> None:
    assert "AV453" in {f.code for f in lint(f"{phrase}.")}


@pytest.mark.parametrize(
    "phrase",
    [
        "it felt discriminatory",
        "Discrimination",
        "a biased panel",
        "Was it because of my age",
        "Did my accent count against me",
    ],
)
def test_suggesting_the_decision_was_about_who_you_are_is_an_accusation(phrase: str) -> None:
    assert {f.code for f in lint(f"{phrase}?")} == {"AV454"}


@pytest.mark.parametrize(
    "text",
    [
        "I understand you went with someone else, and I'd love to learn how I can improve.",
        "Please pass on my congratulations to the successful candidate.",
        "I enjoyed hearing about your process for onboarding new engineers.",
        "I'll follow up in writing with the portfolio link you mentioned.",
        "It's been an age since I enjoyed an interview so much.",
    ],
)
def test_kind_or_innocent_mentions_are_not_flagged(text: str) -> None:
    assert lint(text) == []


def test_curly_apostrophes_match_and_offsets_stay_those_of_the_original_text() -> None:
    text = "Hi \u2014 why didn\u2019t I get the job?"
    [finding] = lint(text)
    assert finding.excerpt == "why didn\u2019t I"
    assert text[finding.start : finding.end] == finding.excerpt


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for meeting me. Would you have 15 minutes for a short call?",
        "It was a reasonable question and a fair point.",
        "I am writing to thank you; the otherwise excellent candidate pool aside.",
        "Our processes at my last job were written down.",
        "I would like to know how I could improve my interviewing.",
        "",
    ],
)
def test_a_humble_request_has_no_findings(text: str) -> None:
    assert lint(text) == []


def test_findings_carry_code_message_offsets_and_excerpt() -> None:
    text = "Unfair, really: why did they pick the other candidate?"
    findings = lint(text)
    assert [f.code for f in findings] == ["AV453", "AV451", "AV451"]
    first = findings[0]
    assert first == Finding(
        code="AV453",
        message=first.message,
        start=0,
        end=len("Unfair"),
        excerpt="Unfair",
    )
    assert first.message
    assert [f.excerpt for f in findings] == [
        "Unfair",
        "why did they",
        "the other candidate",
    ]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Were the other candidates stronger?", "the other candidates"),
        ("Could you tell me why I was not selected?", "Could you tell me why I was not selected"),
    ],
)
def test_a_phrase_caught_by_two_patterns_is_one_finding(text: str, excerpt: str) -> None:
    findings = lint(text)
    assert len(findings) == 1
    assert findings[0].excerpt == excerpt


def test_every_code_has_a_name_and_is_an_av45x_code() -> None:
    assert sorted(LINTER_CODES) == ["AV451", "AV452", "AV453", "AV454"]
    assert all(LINTER_CODES.values())


@given(st.text(max_size=300))
def test_findings_are_sorted_and_point_at_their_excerpt(text: str) -> None:
    findings = lint(text)
    assert findings == sorted(findings, key=lambda f: (f.start, f.end, f.code))
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.excerpt
        assert finding.code in LINTER_CODES
    for code in LINTER_CODES:
        spans = [(f.start, f.end) for f in findings if f.code == code]
        # One phrase, one finding: the spans of one code never overlap.
        assert all(end <= start for (_, end), (start, _) in pairwise(spans))


@given(
    st.lists(
        st.sampled_from(["the other candidate", "in writing", "unfair", "Thanks!", " ", "\n"]),
        max_size=8,
    )
)
def test_each_flagged_phrase_is_found_wherever_it_sits(parts: list[str]) -> None:
    text = " ".join(parts)
    expected = sum(p in ("the other candidate", "in writing", "unfair") for p in parts)
    assert len(lint(text)) == expected


def test_the_workspace_lints_with_the_same_linter(ws: Workspace) -> None:
    assert ws.lint("Could you tell me why?") == lint("Could you tell me why?")
