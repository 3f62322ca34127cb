"""Dates typed on the command line: ISO 8601, naive values placed in a known time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.cli.context import parse_moment, parse_now
from afterview.errors import DataError

zones = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
naive = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1))


@given(moment=naive, zone=zones, other=zones)
def test_a_date_time_with_an_offset_is_taken_as_typed(
    moment: datetime, zone: timezone, other: timezone
) -> None:
    aware = moment.replace(tzinfo=zone)
    parsed = parse_moment(aware.isoformat(), other)
    assert parsed == aware
    assert parsed.utcoffset() == zone.utcoffset(None)


@given(moment=naive, zone=zones)
def test_a_naive_date_time_is_read_in_the_given_zone(moment: datetime, zone: timezone) -> None:
    assert parse_moment(moment.isoformat(), zone) == moment.replace(tzinfo=zone)


#: Dates in the last year Python can hold are refused (placing them in a zone could overflow).
days = st.dates(min_value=date(1970, 1, 2), max_value=date(9998, 12, 31))


@given(day=days, zone=zones)
def test_a_bare_date_is_noon_that_day_in_the_given_zone(day: date, zone: timezone) -> None:
    parsed = parse_moment(day.isoformat(), zone)
    assert parsed == datetime(day.year, day.month, day.day, 12, tzinfo=zone)


@given(day=days, zone=zones)
def test_a_bare_due_date_is_the_last_second_of_that_day_in_the_given_zone(
    day: date, zone: timezone
) -> None:
    parsed = parse_moment(day.isoformat(), zone, bare_date_at=time(23, 59, 59))
    assert parsed == datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=zone)


def test_without_a_zone_a_naive_value_is_local_time() -> None:
    parsed = parse_moment("2026-05-04T10:30", None)
    assert parsed.tzinfo is not None
    assert parsed.replace(tzinfo=None) == datetime(2026, 5, 4, 10, 30)


@pytest.mark.parametrize("text", ["", "tomorrow", "2026-13-01", "04/05/2026", "2026-05-04 25:00"])
def test_anything_else_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(DataError, match="ISO 8601"):
        parse_moment(text, None)


def test_now_must_carry_its_offset() -> None:
    assert parse_now("2026-05-04T07:00Z") == datetime(2026, 5, 4, 7, tzinfo=UTC)
    with pytest.raises(DataError, match="no UTC offset"):
        parse_now("2026-05-04T07:00")
    with pytest.raises(DataError, match="ISO 8601"):
        parse_now("now")
