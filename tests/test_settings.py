"""Settings: sensible defaults, strict reading, and rule selection like a linter's."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.errors import SettingsError
from afterview.settings import Settings


def test_defaults_follow_the_playbook() -> None:
    settings = Settings()
    assert settings.thank_you_days == 1
    assert settings.feedback_request_days == 3
    assert settings.stay_in_touch_days == 42
    assert settings.select == ()  # every rule, plugins' included
    assert settings.ignore == ()


def test_from_mapping_reads_a_settings_table() -> None:
    settings = Settings.from_mapping({"thank_you_days": 2, "ignore": ["av7"]})
    assert settings.thank_you_days == 2
    assert settings.ignore == ("AV7",)


def test_codes_may_be_given_as_one_comma_separated_string() -> None:
    assert Settings(select="AV3, AV401 AV5").select == ("AV3", "AV401", "AV5")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"thank_you_dayz": 2}, "unknown setting(s) thank_you_dayz"),
        ({"thank_you_days": 0}, "thank_you_days must be a positive whole number"),
        ({"thank_you_days": -3}, "positive whole number"),
        ({"thank_you_days": "2"}, "positive whole number"),
        ({"thank_you_days": True}, "positive whole number"),
        ({"thank_you_days": 1.5}, "positive whole number"),
        ({"select": ["AV3", "thanks!"]}, "'THANKS!' is not a rule code"),
        ({"ignore": 7}, "expected a list of rule codes"),
        ([("thank_you_days", 2)], "expected a table"),
    ],
    ids=[
        "unknown-key",
        "zero",
        "negative",
        "text",
        "boolean",
        "fraction",
        "not-a-code",
        "not-a-list",
        "not-a-table",
    ],
)
def test_a_bad_setting_is_a_settings_error_naming_the_source(data: Any, words: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_mapping(data, source="settings.toml [playbook]")
    assert words in str(caught.value)
    assert str(caught.value).startswith("settings.toml [playbook]: ")


@pytest.mark.parametrize(
    ("select", "ignore", "code", "runs"),
    [
        ((), (), "AV301", True),
        ((), (), "XY101", True),
        ((), ("AV3",), "AV301", False),
        (("AV",), (), "AV301", True),
        (("AV",), ("AV3",), "AV301", False),
        (("AV",), ("AV3",), "AV302", False),
        (("AV",), ("AV3",), "AV401", True),
        (("AV",), ("AV301",), "AV302", True),
        (("AV301",), ("AV3",), "AV301", True),
        (("AV301",), ("AV3",), "AV302", False),
        (("AV3",), ("AV",), "AV301", True),
        (("AV4",), (), "AV301", False),
        (("AV",), ("AV",), "AV301", False),
        (("XY",), (), "XY101", True),
    ],
    ids=[
        "all-by-default",
        "plugin-rules-by-default",
        "ignore-with-default-select",
        "select-all-of-ours",
        "ignore-an-area",
        "ignore-an-area-2",
        "other-areas-still-run",
        "ignore-one-code",
        "a-longer-select-wins",
        "the-rest-of-the-area-stays-ignored",
        "select-an-area-inside-an-ignored-prefix",
        "not-selected",
        "equal-length-ignore-wins",
        "plugin-prefix",
    ],
)
def test_select_and_ignore_longest_prefix_wins(
    select: tuple[str, ...], ignore: tuple[str, ...], code: str, runs: bool
) -> None:
    assert Settings(select=select, ignore=ignore).selects(code) is runs


@given(st.from_regex(r"AV[1-7][0-9]{2}", fullmatch=True))
def test_ignoring_the_thank_you_area_ignores_exactly_the_av3_rules(code: str) -> None:
    assert Settings(ignore=("AV3",)).selects(code) is (not code.startswith("AV3"))


def test_settings_are_frozen() -> None:
    settings = Settings()
    with pytest.raises(AttributeError):
        settings.thank_you_days = 5  # type: ignore[misc]


def test_own_emails_are_read_in_any_case_and_checked() -> None:
    settings = Settings.from_mapping({"own_emails": ["Jo.Candidate@Example.org", "mailto:jo@x.io"]})
    assert settings.own_emails == ("jo.candidate@example.org", "jo@x.io")
    assert Settings().own_emails == ()
    with pytest.raises(SettingsError, match=r"own_emails: 'jo at example\.org' is not an email"):
        Settings.from_mapping({"own_emails": ["jo at example.org"]})
