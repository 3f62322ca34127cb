"""Whether a text names a person: the rule ``forget`` and sealing share."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.naming import NameMatcher

PEOPLE = {
    "dana": "Dana Reyes",
    "sam": "Sam Okafor",
    "dan2": "Daniel Reyes-Ortiz",
    "will": "Will Park",
}


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Send Dana Reyes the article", ("dana",)),
        ("send dana  REYES the article", ("dana",)),  # case and spacing do not matter
        ("Dana's notes", ("dana",)),  # her first name is hers alone
        ("DANA said yes", ("dana",)),
        ("Ask Reyes about it", ()),  # "Reyes" is shared with Daniel Reyes-Ortiz
        ("Ask Ortiz about it", ("dan2",)),
        ("Sam and Dana Reyes", ("dana", "sam")),
        ("I will call back", ()),  # a name that is also a word matches only as written
        ("Will called back", ("will",)),
        ("Samuel called", ()),  # whole words only
        ("ann", ()),
        ("", ()),
    ],
)
def test_a_text_names_whom_the_rule_says(text: str, named: tuple[str, ...]) -> None:
    assert NameMatcher(PEOPLE).named_in(text) == named


def test_a_part_of_a_name_never_names_someone_else() -> None:
    matcher = NameMatcher({"jo": "Joanna Smith", "ann": "Ann"})
    assert matcher.named_in("Joanna Smith called") == ("jo",)
    assert matcher.named_in("Ann called") == ("ann",)


def test_accents_match_composed_or_decomposed() -> None:
    matcher = NameMatcher({"z": "Zoé Lefèvre"})
    assert matcher.named_in("Call Zoe\u0301 Lefe\u0300vre") == ("z",)


@given(st.text(min_size=1, max_size=40), st.text(max_size=40), st.text(max_size=40))
def test_a_full_name_is_always_found_inside_any_text(name: str, before: str, after: str) -> None:
    if not name.split():
        return
    matcher = NameMatcher({"p": name})
    assert matcher.named_in(f"{before} {name} {after}") == ("p",)


def test_the_matcher_never_shows_the_names() -> None:
    assert "Reyes" not in repr(NameMatcher(PEOPLE))
