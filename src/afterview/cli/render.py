"""Output: rich tables on a terminal, plain JSON with ``--json``.

User data (names, notes, messages) is wrapped in :class:`rich.text.Text` so that brackets in it are
printed as typed, never read as rich markup.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, tzinfo
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from afterview.serialization import unstructure
from afterview.timezones import system_zone

__all__ = [
    "console",
    "echo_json",
    "json_option",
    "moment",
    "recorded",
    "relative",
    "table",
    "text",
]

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


def text(value: object) -> Text:
    return Text("" if value is None else str(value))


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Table:
    grid = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*(cell if isinstance(cell, Text) else text(cell) for cell in row))
    return grid


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
