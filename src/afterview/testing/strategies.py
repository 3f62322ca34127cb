"""Hypothesis strategies for afterview's events, for round-trip and property tests.

``events()`` draws any event; ``event_of(SomeEvent)`` draws one class. Field values are valid for
the event's own validators (timezone-aware datetimes with assorted UTC offsets, cadences within
:data:`~afterview.model.MAX_DAYS`, non-blank names, titles and contact details) but are *not*
consistent with any workspace: use them to test serialization, stores and redaction, not the
fold. Plugin authors testing a store can do::

    from hypothesis import given
    from afterview.testing.strategies import events

    @given(events())
    def test_store_keeps_every_event(event): ...

Strategies are derived from each event class's annotated fields, so a new event class is covered
as soon as its field types are; a field of a type no strategy knows raises ``LookupError``.
"""

from __future__ import annotations

import enum
import types
import typing
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from afterview.events import EVENT_TYPES, BaseEvent, Event
from afterview.model import MAX_DAYS, ContactPoint, ContactPointKind, DetailSource

__all__ = [
    "aware_datetimes",
    "contact_points",
    "event_of",
    "events",
    "identifiers",
    "texts",
]

_E = TypeVar("_E", bound=BaseEvent)

#: Offsets real people live in, plus odd ones: whole minutes from -12:00 to +14:00.
_offsets = st.one_of(
    st.just(UTC),
    st.sampled_from([timedelta(hours=h, minutes=m) for h, m in ((2, 0), (-5, 0), (5, 30))]).map(
        timezone
    ),
    st.integers(min_value=-12 * 60, max_value=14 * 60).map(
        lambda minutes: timezone(timedelta(minutes=minutes))
    ),
)


def aware_datetimes() -> st.SearchStrategy[datetime]:
    """Timezone-aware datetimes between 1990 and 2100, with assorted UTC offsets."""
    return st.datetimes(
        min_value=datetime(1990, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=_offsets,
    )


def texts(*, min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Unicode text that any UTF-8 store can hold (no lone surrogates)."""
    return st.text(st.characters(codec="utf-8"), min_size=min_size, max_size=max_size)


def identifiers() -> st.SearchStrategy[str]:
    """Ids in the shape :func:`afterview.new_id` makes, and a few stranger ones."""
    return st.one_of(
        st.from_regex(r"[a-z]{3}_[0-9a-f]{12}", fullmatch=True),
        texts(min_size=1, max_size=20),
    )


def contact_points() -> st.SearchStrategy[ContactPoint]:
    return st.builds(
        ContactPoint,
        kind=st.sampled_from(ContactPointKind),
        value=texts(min_size=1).filter(str.strip),
        direct=st.booleans(),
        source=st.sampled_from(DetailSource),
    )


#: Strategies for fields whose type alone does not say what is valid.
_FIELD_OVERRIDES: dict[str, st.SearchStrategy[Any]] = {
    "cadence_days": st.integers(min_value=1, max_value=MAX_DAYS),
    "revision": st.none() | st.integers(min_value=0, max_value=2**31),
    "timezone": st.none() | st.sampled_from(["UTC", "Europe/Paris", "America/New_York"]),
    "notify": st.lists(st.sampled_from(["console:", "apprise:json://localhost/x"]), max_size=2).map(
        tuple
    ),
    "thresholds": st.dictionaries(
        st.sampled_from(["thank_you_days", "research_lead_hours", "stay_in_touch_days"]),
        st.integers(min_value=1, max_value=365),
        max_size=3,
    ).map(lambda chosen: tuple(sorted(chosen.items()))),
}


#: Names and titles: text with something in it (an optional one may also be ``None``).
_NAMES = frozenset({"name", "title", "role_title"})


def _name_texts() -> st.SearchStrategy[str]:
    return texts(min_size=1).filter(str.strip)


def _for_type(tp: Any) -> st.SearchStrategy[Any]:
    if tp is str:
        return texts()
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(min_value=-(2**53), max_value=2**53)
    if tp is datetime:
        return aware_datetimes()
    if tp is ContactPoint:
        return contact_points()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return st.lists(_for_type(args[0]), max_size=4).map(tuple)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(_for_type(a) for a in args))
    if tp is type(None):
        return st.none()
    raise LookupError(f"no strategy for field type {tp!r}")


def _build(cls: type[_E]) -> st.SearchStrategy[_E]:
    hints = typing.get_type_hints(cls)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in attrs.fields(cls):
        if field.name in _FIELD_OVERRIDES:
            fields[field.name] = _FIELD_OVERRIDES[field.name]
        elif field.name in _NAMES:
            optional = type(None) in typing.get_args(hints[field.name])
            fields[field.name] = st.none() | _name_texts() if optional else _name_texts()
        elif field.name.endswith("_id") and hints[field.name] is str:
            fields[field.name] = identifiers()
        else:
            fields[field.name] = _for_type(hints[field.name])
    return st.builds(cls, **fields)


_cache: dict[type[BaseEvent], st.SearchStrategy[Any]] = {}


def event_of(cls: type[_E]) -> st.SearchStrategy[_E]:
    """Events of class ``cls`` with valid, arbitrary field values.

    :raises LookupError: a field of ``cls`` has a type no strategy covers.
    """
    if cls not in _cache:
        _cache[cls] = _build(cls)
    strategy: st.SearchStrategy[_E] = _cache[cls]
    return strategy


def events() -> st.SearchStrategy[Event]:
    """Any event of any type in :data:`afterview.events.EVENT_TYPES`."""
    return st.one_of(*(event_of(cls) for cls in EVENT_TYPES.values()))
