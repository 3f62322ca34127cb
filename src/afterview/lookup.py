"""Finding what a user names: a person, an organization or an application by id or by name, and
a choice (a role, a channel…) by its value.

Pure functions of the folded state, so the command line, the facade and plugins resolve names
the same way; an unknown or ambiguous name is a :class:`~afterview.errors.NotFoundError`, an
unknown choice a :class:`~afterview.errors.DataError` that lists the known ones.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from afterview.errors import DataError, NotFoundError
from afterview.fold import State
from afterview.model import Person

__all__ = ["choose", "find_application", "find_organization", "find_person"]

_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)


def choose(kind: type[_E], value: _E | str, field: str) -> _E:
    """``value`` as a member of ``kind``; a value it does not know is a :class:`DataError`
    listing the known ones (not the bare ``ValueError`` the enum raises)."""
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(str(member.value) for member in kind)
        raise DataError(f"unknown {field} {value!r}; known: {known}", path=f"$.{field}") from None


def find_person(state: State, ref: str) -> Person:
    """A person by id, or by a name that matches exactly one person (case-insensitive)."""
    people = state.people
    if ref in people:
        return people[ref]
    return _one(_by_name(people.values(), lambda p: p.name, ref), "person", ref)


def find_organization(state: State, ref: str) -> str:
    """An organization's id, by id or by a name (or part of one) that matches exactly one."""
    orgs = state.organizations
    if ref in orgs:
        return ref
    return _one(_by_name(orgs.values(), lambda o: o.name, ref), "organization", ref).id


def find_application(state: State, ref: str) -> str:
    """An application's id, by id, organization name, or ``Organization/Role title``; a unique
    part of either name is enough."""
    if ref in state.applications:
        return ref
    org_part, _, role_part = ref.partition("/")
    candidates = _by_name(
        state.applications.values(),
        lambda a: state.organizations[a.organization_id].name,
        org_part,
    )
    if role_part:
        candidates = _by_name(candidates, lambda a: a.role_title, role_part)
    return _one(candidates, "application", ref).id


def _by_name(items: Iterable[_T], name_of: Callable[[_T], str], ref: str) -> list[_T]:
    """Items whose name equals ``ref`` (ignoring case); failing that, those containing it."""
    wanted = ref.strip().casefold()
    named = [(item, name_of(item).casefold()) for item in items if name_of(item)]
    exact = [item for item, name in named if name == wanted]
    return exact or [item for item, name in named if wanted and wanted in name]


def _one(matches: Sequence[_T], what: str, ref: str) -> _T:
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"no {what} matches {ref!r}")
    raise NotFoundError(f"{len(matches)} {what}s match {ref!r}; use the id instead")
