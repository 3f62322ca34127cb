"""What a playbook rule is, and the advice it gives.

A rule is a pure function of ``(state, now, settings)`` that yields :class:`Advice`. It carries a
stable code (``AV301``), a short name, the rationale a coach would give, the settings it reads,
the events that resolve its advice, and when it next *wakes*: the earliest moment its advice may
change with no new event (see :data:`Wake`). Plugins add rules through the ``afterview_rules``
hook.

Write one with the :func:`rule` decorator; the function's docstring is the rationale::

    @rule("AV301", "thank-everyone-met", settings=("thank_you_days",), resolved_by=(ThankYouSent,))
    def thank_everyone_met(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
        \"\"\"Why a coach says so, in a paragraph.\"\"\"
        ...

A rule whose advice depends on ``now`` says so with ``wakes=``; a rule that only reads the state
passes ``wakes=never``. A rule that says nothing is assumed to change at any moment, so a
platform's reminder round visits its workspaces every time (correct, only slower).
"""

from __future__ import annotations

import enum
import inspect
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from afterview.errors import PluginError
from afterview.model import aware

if TYPE_CHECKING:
    from afterview.events import BaseEvent
    from afterview.fold import State
    from afterview.settings import Settings

__all__ = ["Advice", "Check", "Priority", "Rule", "Subject", "Wake", "never", "rule"]

_CODE = re.compile(r"[A-Z]{2,}[0-9]{3}")


class Priority(enum.IntEnum):
    """Lower sorts first among advice due at the same time."""

    HIGH = 1
    NORMAL = 2
    LOW = 3


@attrs.frozen(order=True)
class Subject:
    """An entity advice is about: ``Subject("person", "per_1a2b")``."""

    kind: str
    id: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


@attrs.frozen(kw_only=True)
class Advice:
    """One thing to do, from one rule, about some entities, by a due time.

    ``message`` may name the job seeker's contacts, so it is kept out of ``repr``.
    """

    code: str
    name: str
    message: str = attrs.field(repr=False)
    due: datetime = attrs.field(validator=aware)
    priority: Priority = Priority.NORMAL
    subjects: tuple[Subject, ...] = ()
    resolved_by: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Stable identity of this advice: rule code and subjects (not the due time)."""
        return f"{self.code}:" + ",".join(str(s) for s in self.subjects)

    def sort_key(self) -> tuple[datetime, int, str, tuple[Subject, ...]]:
        return (self.due, int(self.priority), self.code, self.subjects)


Check = Callable[["State", datetime, "Settings"], Iterable[Advice]]

#: When a rule next wakes: given ``(state, now, settings)``, the earliest moment strictly after
#: ``now`` at which the rule, with the same state and settings, may give other advice than at
#: ``now`` (advice that appears, goes, or changes); ``None`` when that never happens. Returning
#: an earlier moment than needed is always safe; a later one would make a reminder late.
Wake = Callable[["State", datetime, "Settings"], datetime | None]


def never(state: State, now: datetime, settings: Settings) -> datetime | None:
    """The :data:`Wake` of a rule whose advice depends only on the state, never on ``now``."""
    return None


@attrs.frozen(kw_only=True)
class Rule:
    """A playbook rule: metadata plus the check that yields advice."""

    code: str
    name: str
    rationale: str = attrs.field(repr=False)
    settings: tuple[str, ...] = ()
    resolved_by: tuple[str, ...] = ()
    check: Check = attrs.field(repr=False, eq=False)
    #: When the rule's advice may next change by itself; ``None``: unknown, so at any moment.
    wakes: Wake | None = attrs.field(default=None, repr=False, eq=False)
    #: The plugin that added the rule and the package that installed it, filled in by the plugin
    #: host (``None`` for a rule not collected through it).
    plugin: str | None = attrs.field(default=None, eq=False)
    package: str | None = attrs.field(default=None, eq=False)

    @property
    def area(self) -> str:
        """The code's hundreds group, e.g. ``AV3`` for thank-you notes."""
        return self.code[:3]

    def advise(
        self,
        *,
        message: str,
        due: datetime,
        subjects: Iterable[Subject] = (),
        priority: Priority = Priority.NORMAL,
    ) -> Advice:
        """Make advice from this rule, with its code, name and resolving events filled in."""
        return Advice(
            code=self.code,
            name=self.name,
            message=message,
            due=due,
            priority=priority,
            subjects=tuple(subjects),
            resolved_by=self.resolved_by,
        )


def rule(
    code: str,
    name: str,
    *,
    settings: Iterable[str] = (),
    resolved_by: Iterable[type[BaseEvent]] = (),
    wakes: Wake | None = None,
) -> Callable[[Check], Rule]:
    """Turn a check function into a :class:`Rule`; its docstring becomes the rationale.

    :param wakes: when the rule's advice next changes with no new event (:data:`Wake`);
        :func:`never` for a rule that does not read ``now``.
    """
    if not _CODE.fullmatch(code):
        raise PluginError(f"rule code {code!r} must be letters then three digits, like AV301")

    def decorate(check: Check) -> Rule:
        rationale = inspect.cleandoc(check.__doc__ or "")
        if not rationale:
            raise PluginError(f"rule {code} needs a docstring: its rationale")
        return Rule(
            code=code,
            name=name,
            rationale=rationale,
            settings=tuple(settings),
            resolved_by=tuple(cls.__name__ for cls in resolved_by),
            check=check,
            wakes=wakes,
        )

    return decorate
