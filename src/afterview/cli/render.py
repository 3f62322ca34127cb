"""Output: rich tables on a terminal, plain JSON with ``--json``.

User data (names, notes, messages) is wrapped in :class:`rich.text.Text` so that brackets in it are
printed as typed, never read as rich markup, and its control characters are shown escaped
(:func:`shown`): a name holding ``ESC[2J`` prints as ``\x1b[2J`` instead of clearing the screen.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, tzinfo
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from afterview.playbook.agenda import RuleFailure
from afterview.serialization import unstructure
from afterview.timezones import system_zone

__all__ = [
    "console",
    "echo_json",
    "json_option",
    "moment",
    "plain",
    "recorded",
    "relative",
    "shown",
    "table",
    "text",
    "warn_rule_failures",
]

#: What a terminal would act on rather than print: C0 and C1 controls (ESC, CR, BEL, DEL…), and
#: the Unicode format characters that reorder or hide text (bidirectional overrides and isolates,
#: zero-width characters, the byte order mark).
_CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
#: Kept as they are in multi-line output (drafts, notes).
_LAYOUT = frozenset("\n\t")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(value: object, *, multiline: bool = False) -> str:
    """``value`` as text safe to print on a terminal: every control or format character a
    terminal would act on is written as its escape (``\\x1b``, ``\\u202e``). With ``multiline``,
    line breaks and tabs are kept."""
    string = "" if value is None else str(value)

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return char if multiline and char in _LAYOUT else _escape(char)

    return _CONTROLS.sub(escape, string)


def plain(value: object) -> str:
    """Multi-line user text (a draft, a note) for ``click.echo``: :func:`shown`, keeping line
    breaks and tabs."""
    return shown(value, multiline=True)


_F = TypeVar("_F", bound=Callable[..., Any])


def console(*, stderr: bool = False) -> Console:
    """A console on the current stdout (or stderr); rich honours NO_COLOR and non-terminals."""
    return Console(stderr=stderr, highlight=False)


def json_option(function: _F) -> _F:
    """``--json``: print JSON only, on stdout."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON only.")(function)


def echo_json(value: Any) -> None:
    """Print any afterview value as JSON through the one converter."""
    click.echo(json.dumps(unstructure(value), indent=2, ensure_ascii=False, sort_keys=False))


def text(value: object, style: str = "") -> Text:
    """User data as rich text: printed as typed (no markup), control characters escaped."""
    return Text(plain(value), style=style)


def _cell(cell: object) -> Text:
    if not isinstance(cell, Text):
        return text(cell)
    if _CONTROLS.search(cell.plain) is None:
        return cell
    # Rebuilt rather than patched: escaping changes the length its style spans refer to.
    return text(cell.plain, style=str(cell.style))


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Table:
    grid = Table(title=title and shown(title), title_justify="left", expand=False)
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*(_cell(cell) for cell in row))
    return grid


def warn_rule_failures(failures: Iterable[RuleFailure]) -> None:
    """One warning line on stderr per rule that could not run; the rest of the agenda stands."""
    for failure in failures:
        click.echo(
            f"afterview: warning: {shown(failure)}; its advice is missing from the agenda",
            err=True,
        )


def moment(value: datetime, zone: tzinfo | None) -> str:
    """A date-time in the display zone (None: the system's): ``Tue 05 May 2026 23:59``."""
    shown = value.astimezone(system_zone() if zone is None else zone)
    return shown.strftime("%a %d %b %Y %H:%M")


def relative(due: datetime, now: datetime) -> str:
    """``overdue 2d``, ``in 3h``, ``in 5d``: how far a due time is from now."""
    seconds = (due - now).total_seconds()
    span = abs(seconds)
    if span < 3600:
        amount = f"{int(span // 60)}m"
    elif span < 86400:
        amount = f"{int(span // 3600)}h"
    else:
        amount = f"{int(span // 86400)}d"
    return f"overdue {amount}" if seconds < 0 else f"in {amount}"


def recorded(message: str, new_id: str | None = None) -> None:
    """Confirm a recording: the message on stderr, a new entity's id alone on stdout.

    So ``APP=$(afterview apply "Acme" "Analyst")`` captures the id and nothing else.
    """
    click.echo(message, err=True)
    if new_id is not None:
        click.echo(new_id)
