"""The agenda: all advice of the selected rules, ordered by due time, then priority.

A rule that fails on the data it is given is reported in :attr:`Agenda.failures` and the other
rules' advice is still returned: one odd record must not silence every reminder.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

import attrs

from afterview.errors import PluginError
from afterview.fold import State
from afterview.playbook.rule import Advice, Rule
from afterview.settings import Settings

__all__ = ["Agenda", "RuleFailure", "build_agenda", "check_rule_codes", "next_wake"]

log = logging.getLogger("afterview.playbook")


@attrs.frozen
class RuleFailure:
    """A rule that raised instead of giving advice; the agenda holds the other rules' advice.

    :ivar code: the rule's code, e.g. ``AV603``.
    :ivar name: the rule's short name.
    :ivar error: the exception's type and message.
    :ivar plugin: the plugin that added the rule, when the plugin host collected it.
    :ivar package: the package that installed that plugin.
    """

    code: str
    name: str
    # Kept out of repr: a plugin's rule may have put anything in its message.
    error: str = attrs.field(repr=False)
    plugin: str | None = None
    package: str | None = None

    def __str__(self) -> str:
        origin = ""
        if self.plugin is not None:
            origin = f" from plugin {self.plugin!r}"
            origin += f" ({self.package})" if self.package else ""
        return f"rule {self.code} ({self.name}){origin} failed: {self.error}"

    def as_error(self) -> PluginError:
        """The failure as the error a caller that wants all or nothing can raise."""
        return PluginError(str(self))


class Agenda(list[Advice]):
    """Advice in order (a list), and :attr:`failures`: the rules that could not run."""

    failures: tuple[RuleFailure, ...]

    def __init__(self, advice: Iterable[Advice] = (), failures: Iterable[RuleFailure] = ()) -> None:
        super().__init__(advice)
        self.failures = tuple(failures)


def check_rule_codes(rules: Iterable[Rule]) -> list[Rule]:
    """The rules sorted by code; two rules with one code are an error naming both."""
    seen: dict[str, Rule] = {}
    for r in rules:
        if r.code in seen:
            raise PluginError(f"two rules use code {r.code}: {seen[r.code].name!r} and {r.name!r}")
        seen[r.code] = r
    return [seen[code] for code in sorted(seen)]


def build_agenda(state: State, now: datetime, settings: Settings, rules: Iterable[Rule]) -> Agenda:
    """Run every selected rule and order the advice: same inputs, same agenda, byte for byte.

    A rule that raises (anything, an :class:`~afterview.errors.AfterviewError` included) adds
    nothing and is listed in :attr:`Agenda.failures`; the other rules still run.
    """
    advice: list[Advice] = []
    failures: list[RuleFailure] = []
    for r in rules:
        if not settings.selects(r.code):
            continue
        try:
            # Whole or nothing per rule: advice yielded before the failure is dropped too.
            advice.extend(list(r.check(state, now, settings)))
        except Exception as exc:
            failure = RuleFailure(
                r.code, r.name, f"{type(exc).__name__}: {exc}", r.plugin, r.package
            )
            log.warning(
                "rule %s (%s) of plugin %r failed: %s",
                r.code,
                r.name,
                r.plugin,
                type(exc).__name__,
            )
            failures.append(failure)
    advice.sort(key=Advice.sort_key)
    return Agenda(advice, failures)


def next_wake(
    state: State, now: datetime, settings: Settings, rules: Iterable[Rule]
) -> datetime | None:
    """When the agenda of the selected rules may next change with no new event: the earliest
    of the rules' wakes (see :data:`~afterview.playbook.rule.Wake`), ``None`` when none ever
    wakes.

    A rule that does not say when it wakes, or whose wake fails, may change at any moment: the
    answer is then ``now`` itself, which asks to be looked at again each time.
    """
    found: datetime | None = None
    for r in rules:
        if not settings.selects(r.code):
            continue
        if r.wakes is None:
            return now
        try:
            moment = r.wakes(state, now, settings)
        except Exception as exc:
            log.warning("rule %s (%s) wake failed: %s", r.code, r.name, type(exc).__name__)
            return now
        if moment is not None and (found is None or moment < found):
            # A wake at or before ``now`` is a rule's mistake: take it as "look again soon".
            found = max(moment, now)
    return found
