"""Helpers a plugin author would otherwise copy: outbox items to and from JSON, and workspace
names as file names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview import (
    DataError,
    OutboxItem,
    OutboxStatus,
    dumps_outbox_item,
    loads_outbox_item,
    safe_file_name,
)
from afterview.testing.strategies import aware_datetimes, texts

names = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@"),
    min_size=1,
    max_size=200,
)
tricky = st.sampled_from(
    [
        ".",
        "..",
        "...",
        ".hidden",
        "CON",
        "con",
        "Con.txt",
        "nul",
        "COM1",
        "lpt9.log",
        "aux.",
        "Alex",
        "alex",
        "ALEX",
        "a@b.c",
        "@",
        "_",
        "-",
        "x.",
    ]
)
outbox_items = st.builds(
    OutboxItem,
    key=texts(min_size=1),
    workspace=names,
    channel=texts(),
    payload=texts(),
    due=aware_datetimes(),
    status=st.sampled_from(OutboxStatus),
    attempts=st.integers(0, 100),
    next_attempt_at=st.none() | aware_datetimes(),
    lease_until=st.none() | aware_datetimes(),
    last_error=st.none() | texts(),
    delivered_at=st.none() | aware_datetimes(),
)


@given(outbox_items)
def test_an_outbox_item_comes_back_from_its_json(item: OutboxItem) -> None:
    assert loads_outbox_item(dumps_outbox_item(item)) == item


def test_a_bad_outbox_item_is_a_data_error_naming_the_field() -> None:
    good = dumps_outbox_item(
        OutboxItem(
            key="k",
            workspace="w",
            channel="console:",
            payload="{}",
            due=datetime(2026, 5, 4, tzinfo=UTC),
        )
    )
    with pytest.raises(DataError, match="outbox item"):
        loads_outbox_item(good.replace('"attempts": 0', '"attempts": "zero"'))
    with pytest.raises(DataError, match="not valid JSON"):
        loads_outbox_item("{")


def _safe(file_name: str) -> None:
    assert file_name not in {".", ".."}
    assert not file_name.startswith(".")
    assert "/" not in file_name
    assert "\\" not in file_name
    stem = file_name.split(".", maxsplit=1)[0].lower()
    assert stem not in {"con", "prn", "aux", "nul"}
    assert not any(stem == f"{d}{n}" for d in ("com", "lpt") for n in range(10))
    assert not file_name.endswith(".")
    assert len(file_name) <= 200


@given(st.one_of(names, tricky))
def test_every_workspace_name_gets_a_safe_stable_file_name(name: str) -> None:
    _safe(safe_file_name(name))
    assert safe_file_name(name) == safe_file_name(name)


@given(st.one_of(names, tricky), st.one_of(names, tricky))
def test_two_workspaces_never_share_a_file_even_without_case(one: str, other: str) -> None:
    if one != other:
        assert safe_file_name(one).lower() != safe_file_name(other).lower()


def test_plain_names_stay_readable() -> None:
    assert [safe_file_name(n) for n in ("alex", "coach-2026", "team_a.archive")] == [
        "alex",
        "coach-2026",
        "team_a.archive",
    ]
    assert safe_file_name("Alex").startswith("alex-")
    assert safe_file_name("..").startswith("workspace-")
    assert safe_file_name("CON").startswith("con-")
    looks_hashed = safe_file_name("Alex")
    assert safe_file_name(looks_hashed) != looks_hashed


def test_an_invalid_workspace_name_is_refused() -> None:
    with pytest.raises(DataError, match="invalid workspace name"):
        safe_file_name("../etc")
