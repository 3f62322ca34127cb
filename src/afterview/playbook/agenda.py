"""The agenda: all advice of the selected rules, ordered by due time, then priority."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from afterview.errors import AfterviewError, PluginError
from afterview.fold import State
from afterview.playbook.rule import Advice, Rule
from afterview.settings import Settings

__all__ = ["build_agenda", "check_rule_codes"]


def check_rule_codes(rules: Iterable[Rule]) -> list[Rule]:
    """The rules sorted by code; two rules with one code are an error naming both."""
    seen: dict[str, Rule] = {}
    for r in rules:
        if r.code in seen:
            raise PluginError(f"two rules use code {r.code}: {seen[r.code].name!r} and {r.name!r}")
        seen[r.code] = r
    return [seen[code] for code in sorted(seen)]


def build_agenda(
    state: State, now: datetime, settings: Settings, rules: Iterable[Rule]
) -> list[Advice]:
    """Run every selected rule and order the advice: same inputs, same agenda, byte for byte."""
    advice: list[Advice] = []
    for r in rules:
        if not settings.selects(r.code):
            continue
        try:
            advice.extend(r.check(state, now, settings))
        except AfterviewError:
            raise
        except Exception as exc:
            raise PluginError(
                f"rule {r.code} ({r.name}) failed: {type(exc).__name__}: {exc}"
            ) from exc
    advice.sort(key=Advice.sort_key)
    return advice
