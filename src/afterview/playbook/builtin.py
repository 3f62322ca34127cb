"""Registers the built-in rules through the same hook plugins use."""

from __future__ import annotations

from collections.abc import Sequence

from afterview.hookspecs import hookimpl
from afterview.playbook import (
    conversation,
    feedback_request,
    interview_day,
    patterns,
    preparation,
    relationship,
    thanks,
)
from afterview.playbook.rule import Rule

__all__ = ["BUILTIN_RULES"]

#: Every built-in rule, by area module, in code order.
BUILTIN_RULES: tuple[Rule, ...] = (
    *preparation.RULES,
    *interview_day.RULES,
    *thanks.RULES,
    *feedback_request.RULES,
    *conversation.RULES,
    *relationship.RULES,
    *patterns.RULES,
)


@hookimpl
def afterview_rules() -> Sequence[Rule]:
    return BUILTIN_RULES
