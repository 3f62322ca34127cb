"""docs/api.md covers what plugin authors touch: the personal-data table is the one ``forget``
uses, and every entity and enum of the state, and every hook, has its entry."""

from __future__ import annotations

import enum
import inspect
import re
from pathlib import Path

import attrs

from afterview import hookspecs, model
from afterview.fold import State
from afterview.redaction import PERSONAL_FIELDS

API = (Path(__file__).parent.parent / "docs" / "api.md").read_text(encoding="utf-8")


def test_the_personal_data_table_is_the_one_forget_uses() -> None:
    rows = dict(re.findall(r"^\| `(\w+)` \| ((?:`\w+`(?:, )?)+) \|$", API, re.MULTILINE))
    documented = {event: set(re.findall(r"`(\w+)`", fields)) for event, fields in rows.items()}
    assert documented == {cls.__name__: set(fields) for cls, fields in PERSONAL_FIELDS.items()}


def _members(block_of: str) -> set[str]:
    found: set[str] = set()
    for match in re.finditer(rf"^::: {re.escape(block_of)}\n(?:    .*\n)*", API, re.MULTILINE):
        for members in re.findall(r"members: \[(.*)\]", match.group(0)):
            found |= {m.strip() for m in members.split(",")}
    return found


def test_every_entity_and_enum_of_the_state_is_documented() -> None:
    documented = _members("afterview.model")
    hints = {a.name: a.type for a in attrs.fields(State)}
    entities = {
        cls.__name__
        for cls in vars(model).values()
        if inspect.isclass(cls)
        and cls.__module__ == "afterview.model"
        and attrs.has(cls)
        and any(cls.__name__ in str(hint) for hint in hints.values())
    }
    enums = {
        cls.__name__
        for cls in vars(model).values()
        if inspect.isclass(cls)
        and issubclass(cls, enum.Enum)
        and cls.__module__ == "afterview.model"
        and cls.__name__ != "RecordKind"  # the command line's, not the state's
    }
    assert entities
    assert entities | enums <= documented


def test_every_hook_is_in_the_reference() -> None:
    hooks = {n for n in vars(hookspecs) if n.startswith("afterview_")}
    assert hooks == _members("afterview.hookspecs")
