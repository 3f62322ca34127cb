"""The draft linter: catches what makes a feedback request or call script backfire.

Three kinds of finding, each with a stable code:

``AV451`` other-candidate
    The text mentions, or compares you with, the person who got the job. Interviewers will not
    discuss another candidate, and a request built around one is usually ignored.
``AV452`` reasons-in-writing
    The text asks for the reasons behind the decision, or for an answer in writing. Employers
    rarely put reasons in writing; a written message may ask for a call, never for reasons.
``AV453`` blame
    The text blames the employer or its process. Whoever reads it stops wanting to help.

:func:`lint` returns findings with character offsets, sorted by where they start.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

__all__ = ["LINTER_CODES", "Finding", "lint"]


@attrs.frozen
class Finding:
    """One problem in a draft: its code, what to do instead, and where it is.

    ``start`` and ``end`` are character offsets into the linted text; ``excerpt`` is
    ``text[start:end]``.
    """

    code: str
    message: str
    start: int
    end: int
    excerpt: str


#: Each linter code with its short name.
LINTER_CODES: Final[dict[str, str]] = {
    "AV451": "other-candidate",
    "AV452": "reasons-in-writing",
    "AV453": "blame",
}

_MESSAGES: Final[dict[str, str]] = {
    "AV451": "Leave the other candidate out: ask only what you can do better.",
    "AV452": "Do not ask for reasons or a written answer: ask for a short call instead.",
    "AV453": "Drop the blame: a humble request is the one that gets an answer.",
}

# Apostrophes may be typed straight or curly.
_NT = r"(?:n['’]t|\s+not)"

_PATTERNS: Final[dict[str, tuple[str, ...]]] = {
    "AV451": (
        r"\bthe\s+other\s+(?:candidate|applicant|person|interviewee|finalist)s?\b",
        r"\bother\s+(?:candidates|applicants|finalists)\b",
        r"\bthe\s+(?:successful|chosen|selected|winning|hired|preferred)\s+"
        r"(?:candidate|applicant|person|one)\b",
        r"\bthe\s+(?:person|candidate|applicant|one|individual)\s+(?:that\s+|who\s+|whom\s+)?"
        r"(?:you|they)\s+(?:hired|chose|selected|picked|offered|went\s+with)\b",
        r"\bwhy\s+did\s+(?:they|he|she)\b",
        r"\bwhy\s+did\s+you\s+(?:choose|pick|hire|select|prefer|go\s+with)\b",
        r"\bwhat\s+did\s+(?:they|he|she)\s+have\s+that\s+I\s+(?:did" + _NT + r"|lacked)\b",
        r"\b(?:better|more\s+qualified|stronger|more\s+experienced)\s+than\s+(?:me|I)\b",
        r"\bsomeone\s+else\b",
        r"\bcompar(?:e|ed|ing)\s+(?:me\s+)?(?:to|with)\s+(?:the\s+)?(?:other|them|him|her)\b",
    ),
    "AV452": (
        r"\b(?:could|can|would|will)\s+you\s+(?:please\s+)?(?:tell\s+me|explain|let\s+me\s+know)"
        r"\s+why\b",
        r"\bplease\s+(?:explain|tell\s+me|let\s+me\s+know|share)\s+why\b",
        r"\bexplain\s+why\b",
        r"\b(?:the\s+)?reasons?\s+(?:for|behind)\s+(?:your|the|this)\s+"
        r"(?:decision|choice|rejection|outcome)\b",
        r"\bwhy\s+(?:I\s+was" + _NT + r"|I\s+wasn['’]t|was" + _NT + r"\s+I|I\s+was\s+"
        r"(?:rejected|turned\s+down|passed\s+over|not\s+selected)|not\s+me)\b",
        r"\bin\s+writing\b",
        r"\b(?:reply|respond|write\s+back)\s+(?:with|by\s+(?:e-?mail|letter)|in\s+an?\s+e-?mail)\b",
        r"\bput\s+(?:it|that|this|them)\s+in\s+an?\s+e-?mail\b",
    ),
    "AV453": (
        r"\bunfair(?:ly|ness)?\b",
        r"\b(?:you|they)\s+(?:did" + _NT + r"|never)\s+(?:give|gave)\s+me\s+a\s+"
        r"(?:fair\s+|real\s+)?chance\b",
        r"\byour\s+(?:hiring\s+|interview\s+|interviewing\s+|selection\s+|recruiting\s+|"
        r"recruitment\s+)?process\b",
        r"\bwaste[ds]?\s+(?:of\s+)?my\s+time\b",
        r"\bdiscriminat\w*",
        r"\bbias(?:ed)?\b",
        r"\b(?:rigged|ridiculous|insulting|outrageous)\b",
    ),
}

_COMPILED: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (code, re.compile(pattern, re.IGNORECASE))
    for code, patterns in _PATTERNS.items()
    for pattern in patterns
)


def lint(text: str) -> list[Finding]:
    """Every finding in ``text``, sorted by start (then end, then code); never raises.

    Matches of one code that overlap are merged into one finding spanning them all, so a
    phrase two patterns catch ("the other candidates", "other candidates") is reported once.
    """
    matches: dict[str, list[tuple[int, int]]] = {}
    for code, pattern in _COMPILED:
        for match in pattern.finditer(text):
            matches.setdefault(code, []).append(match.span())
    spans: list[tuple[int, int, str]] = []
    for code, found in matches.items():
        merged: list[list[int]] = []
        for start, end in sorted(found):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        spans.extend((start, end, code) for start, end in merged)
    return [
        Finding(code, _MESSAGES[code], start, end, text[start:end])
        for start, end, code in sorted(spans)
    ]
