"""Registers the built-in rules through the same hook plugins use."""

from __future__ import annotations

from collections.abc import Sequence

from afterview.hookspecs import hookimpl
from afterview.playbook import thanks
from afterview.playbook.rule import Rule

__all__ = ["BUILTIN_RULES"]

#: Every built-in rule, by area module.
BUILTIN_RULES: tuple[Rule, ...] = (*thanks.RULES,)


@hookimpl
def afterview_rules() -> Sequence[Rule]:
    return BUILTIN_RULES
