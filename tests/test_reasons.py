"""An ATS's rejection reason decides what kind of decision is recorded, and so what to ask next."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview import DEFAULT_REASONS, DataError, DecisionKind, ReasonTable


def test_reason_text_maps_by_whole_name_then_by_contained_entry() -> None:
    table = ReasonTable()
    assert table.kind("Position Filled") is DecisionKind.ELIMINATED
    assert table.kind("Hiring freeze - Q3 budget") is DecisionKind.ON_HOLD
    assert table.kind(None, "They rejected us") is DecisionKind.WITHDRAWN
    assert table.kind("Offer declined by candidate") is DecisionKind.WITHDRAWN
    assert table.kind("Culture") is DecisionKind.REJECTED


def test_no_reason_at_all_is_a_rejection() -> None:
    assert ReasonTable().kind() is DecisionKind.REJECTED
    assert ReasonTable().kind(None, "", None) is DecisionKind.REJECTED


def test_an_ats_adds_its_own_entries_and_the_user_overrides_both() -> None:
    table = ReasonTable(
        {"Went Dark": "withdrawn", "timing": DecisionKind.REJECTED},
        defaults={"Requisition Cancelled": "eliminated", "went dark": "on_hold"},
    )

    assert table.kind("requisition cancelled (Q2)") is DecisionKind.ELIMINATED
    assert table.kind("went dark") is DecisionKind.WITHDRAWN
    assert table.kind("Timing") is DecisionKind.REJECTED
    assert table.kind("Hiring freeze") is DecisionKind.ON_HOLD
    assert ReasonTable().kind("Requisition cancelled") is DecisionKind.REJECTED


@pytest.mark.parametrize(
    ("overrides", "defaults", "message"),
    [
        ({"Hiring freeze": "paused"}, None, "rejection reason 'Hiring freeze' maps to 'paused'"),
        (None, {"Headcount": "later"}, "built-in reason 'Headcount' maps to 'later'"),
    ],
)
def test_an_unknown_decision_kind_is_refused_and_names_the_allowed_ones(
    overrides: dict[str, str] | None, defaults: dict[str, str] | None, message: str
) -> None:
    with pytest.raises(DataError, match=message) as raised:
        ReasonTable(overrides, defaults=defaults)
    assert "rejected" in str(raised.value)
    assert "on_hold" in str(raised.value)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("reasons.toml", '"Hiring freeze" = "eliminated"\n"Lacking skill" = "on_hold"\n'),
        ("reasons.json", '{"Hiring freeze": "eliminated", "Lacking skill": "on_hold"}'),
    ],
)
def test_overrides_are_read_from_a_toml_or_json_file(
    tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")

    table = ReasonTable.from_file(path, defaults={"went dark": "withdrawn"})

    assert table.kind("Hiring freeze") is DecisionKind.ELIMINATED
    assert table.kind("Lacking skill(s)") is DecisionKind.ON_HOLD
    assert table.kind("Went dark") is DecisionKind.WITHDRAWN


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("reasons.toml", '"Hiring freeze" = "paused"\n', "not one of"),
        ("reasons.toml", "not toml at all [", "cannot read"),
        ("reasons.json", "{not json", "cannot read"),
        ("reasons.toml", "reason = 3\n", "expected pairs"),
        ("reasons.json", '["hiring freeze", "on_hold"]', "expected pairs"),
    ],
)
def test_a_bad_reason_file_is_refused_with_a_data_error(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")

    with pytest.raises(DataError, match=message):
        ReasonTable.from_file(path)


def test_a_missing_reason_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read the rejection reason table"):
        ReasonTable.from_file(tmp_path / "nowhere.toml")


def test_every_built_in_entry_is_a_lower_case_key_that_maps_to_itself() -> None:
    table = ReasonTable()
    for entry, kind in DEFAULT_REASONS.items():
        assert entry == entry.strip().casefold()
        assert table.kind(entry.upper()) is kind


words = st.text(alphabet=string.ascii_letters + " -()", max_size=12)


@given(words, st.sampled_from(sorted(DEFAULT_REASONS)), words)
def test_letter_case_never_changes_the_decision(before: str, entry: str, after: str) -> None:
    table = ReasonTable()
    text = before + entry + after
    assert table.kind(text) is table.kind(text.swapcase())
    assert table.kind(text) is not DecisionKind.REJECTED
