"""Output: tables on a terminal, tab-separated rows in a pipe, JSON with ``--json``.

On a terminal a table is drawn with rich. When stdout is not a terminal (``afterview agenda |
cut -f4``, a file, a CI log) every table becomes one line per row, its cells separated by tabs and
never cut or wrapped, without a header, title or colour: the choice ``gh`` makes, so that ``sort``,
``cut``, ``grep`` and ``while read`` see one record a line and whole values (an outbox key that
``outbox --retry`` needs). ``--format table|plain`` (or ``AFTERVIEW_FORMAT``) overrides the guess.

User data (names, notes, messages) is never read as rich markup, so brackets in it are printed as
typed, and its control characters are shown escaped (:func:`shown`): a name holding ``ESC[2J``
prints as ``\x1b[2J`` instead of clearing the screen; in a tab-separated row a tab or a line
break inside a value is escaped too (``\x09``, ``\x0a``), so a row stays one line of its columns.

rich is imported only when something is drawn on a terminal: a command whose output goes to a
pipe never loads it.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TypeVar

import click

from afterview.cli.when import relative

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table as RichTable
    from rich.text import Text as RichText

    from afterview.cli.drawn_table import Cell, DrawnTable
    from afterview.playbook.agenda import RuleFailure

__all__ = [
    "FORMATS",
    "Bar",
    "Output",
    "Styled",
    "Table",
    "bar",
    "console",
    "echo_json",
    "is_plain",
    "json_option",
    "moment",
    "plain",
    "recorded",
    "relative",
    "rich_console",
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

#: ``--format``: ``table`` draws tables wherever stdout goes, ``plain`` prints tab-separated rows
#: even on a terminal. Without it, a terminal gets tables and anything else plain rows.
FORMATS: Final = ("table", "plain")
#: The environment variable ``--format`` reads.
FORMAT_VARIABLE: Final = "AFTERVIEW_FORMAT"


def _chosen_format() -> str | None:
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        chosen = ctx.find_root().params.get("output_format")
        if isinstance(chosen, str):
            return chosen
    # Outside the root command (a plugin's own script, a test): the variable alone.
    chosen = os.environ.get(FORMAT_VARIABLE, "").strip().lower()
    return chosen if chosen in FORMATS else None


def is_plain(*, stderr: bool = False) -> bool:
    """Whether tables go out as tab-separated rows: ``--format``, else whether the stream is not
    a terminal."""
    chosen = _chosen_format()
    if chosen is not None:
        return chosen == "plain"
    stream = sys.stderr if stderr else sys.stdout
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        return True


class Styled:
    """User text in styled pieces (``bold``, ``dim``): rich draws the styles on a terminal,
    anywhere else it is the text alone. Each piece is escaped like :func:`plain`."""

    __slots__ = ("pieces",)

    def __init__(self) -> None:
        self.pieces: list[tuple[str, str]] = []

    def append(self, value: object, style: str = "") -> Styled:
        self.pieces.append((plain(value), style))
        return self

    @property
    def plain(self) -> str:
        return "".join(piece for piece, _ in self.pieces)

    def rich(self) -> RichText:
        from rich.text import Text

        drawn = Text()
        for piece, style in self.pieces:
            drawn.append(piece, style=style)
        return drawn


class Bar(NamedTuple):
    """A count drawn as a bar scaled to ``largest`` on a terminal; the number alone in a row."""

    value: int
    largest: int
    width: int = 30

    def drawn(self) -> str:
        filled = round(self.width * self.value / self.largest) if self.largest else 0
        return ("█" * filled + " " if filled else "") + str(self.value)


class Table(NamedTuple):
    """Rows under named columns: a rich table on a terminal, tab-separated lines elsewhere."""

    title: str | None
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]

    def lines(self) -> Iterable[str]:
        """One line per row, cells whole and separated by tabs; no header (as ``gh`` does)."""
        for row in self.rows:
            yield "\t".join(_plain_cell(cell) for cell in row)

    def rich(self) -> RichTable | DrawnTable:
        """What a terminal shows: afterview lays out a table of text cells itself (rich's own
        layout costs about 0.4 ms a row); one holding a plugin's rich renderable is rich's."""
        rows: list[list[Cell]] = []
        for row in self.rows:
            cells = [_drawn_cell(cell) for cell in row]
            if any(cell is None for cell in cells) or len(cells) > len(self.columns):
                break
            rows.append([cell for cell in cells if cell is not None])
        else:
            from afterview.cli.drawn_table import DrawnTable

            return DrawnTable(self.title and shown(self.title), self.columns, rows)
        from rich.table import Table as RichTable

        grid = RichTable(title=self.title and shown(self.title), title_justify="left", expand=False)
        for column in self.columns:
            grid.add_column(column, overflow="fold")
        for row in self.rows:
            grid.add_row(*(_rich_cell(cell) for cell in row))
        return grid


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Table:
    return Table(title, tuple(columns), tuple(tuple(row) for row in rows))


def text(value: object, style: str = "") -> Styled:
    """User data as styled text: printed as typed (never markup), control characters escaped."""
    return Styled().append(value, style)


def bar(value: int, largest: int) -> Bar:
    return Bar(value, largest)


def _plain_cell(cell: object) -> str:
    if isinstance(cell, Bar):
        return str(cell.value)
    if isinstance(cell, Styled):
        return shown(cell.plain)
    rich_text = getattr(cell, "plain", None)  # a rich Text a plugin built
    return shown(rich_text if isinstance(rich_text, str) else cell)


def _drawn_cell(cell: object) -> Cell | None:
    """A cell as text pieces for :class:`DrawnTable`, or None for a rich renderable (a
    plugin's), which only rich can lay out. Tabs become spaces: a tab's width on a terminal
    depends on where it falls."""
    if isinstance(cell, Styled):
        return tuple((piece.replace("\t", " "), style) for piece, style in cell.pieces)
    if isinstance(cell, Bar):
        return ((cell.drawn(), ""),)
    if hasattr(cell, "__rich_console__") or hasattr(cell, "__rich__"):
        return None
    return ((plain(cell).replace("\t", " "), ""),)


def _rich_cell(cell: object) -> RenderableType:
    from rich.text import Text

    if isinstance(cell, Styled):
        return cell.rich()
    if isinstance(cell, Bar):
        return Text(cell.drawn())
    if not isinstance(cell, Text):
        return Text(plain(cell))
    if _CONTROLS.search(cell.plain) is None:
        return cell
    # Rebuilt rather than patched: escaping changes the length its style spans refer to.
    return Text(plain(cell.plain), style=cell.style)


def rich_console(*, stderr: bool = False) -> Console:
    """A rich console on the current stdout (or stderr), for progress and spinners; rich
    honours NO_COLOR and non-terminals."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


class Output:
    """Where a command prints: tables drawn on a terminal, plain lines elsewhere.

    ``print`` takes strings, :class:`Styled` text, :class:`Table` and — from plugins — rich
    renderables. Strings are printed as typed (never read as markup)."""

    def __init__(self, *, stderr: bool = False) -> None:
        self.stderr = stderr
        self.plain = is_plain(stderr=stderr)
        self._console: Console | None = None

    @property
    def rich(self) -> Console:
        """The rich console behind a terminal's output, made on first use."""
        if self._console is None:
            self._console = rich_console(stderr=self.stderr)
        return self._console

    def print(self, *items: object) -> None:
        for item in items:
            if self.plain:
                for line in self._lines(item):
                    click.echo(line, err=self.stderr)
            else:
                self.rich.print(self._renderable(item))

    def _lines(self, item: object) -> Iterable[str]:
        if isinstance(item, Table):
            return item.lines()
        if isinstance(item, str):
            return [plain(item)]
        if isinstance(item, Styled):
            return [item.plain]
        rich_text = getattr(item, "plain", None)
        if isinstance(rich_text, str):
            return [plain(rich_text)]
        # Any other rich renderable (from a plugin): rendered without colour or width limit.
        from rich.console import Console

        capture = Console(no_color=True, width=10_000, soft_wrap=True, highlight=False)
        with capture.capture() as captured:
            capture.print(item)
        return captured.get().splitlines()

    def _renderable(self, item: object) -> Any:
        if isinstance(item, Table | Styled):
            return item.rich()
        if isinstance(item, str):
            from rich.text import Text

            return Text(plain(item))
        return item


def console(*, stderr: bool = False) -> Output:
    """The output of the running command: stdout (or stderr)."""
    return Output(stderr=stderr)


def json_option(function: _F) -> _F:
    """``--json``: print JSON only, on stdout."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON only.")(function)


def echo_json(value: Any) -> None:
    """Print any afterview value as JSON through the one converter."""
    from afterview.serialization import unstructure

    click.echo(json.dumps(unstructure(value), indent=2, ensure_ascii=False, sort_keys=False))


def warn_rule_failures(failures: Iterable[RuleFailure]) -> None:
    """One warning line on stderr per rule that could not run; the rest of the agenda stands."""
    for failure in failures:
        click.echo(
            f"afterview: warning: {shown(failure)}; its advice is missing from the agenda",
            err=True,
        )


def moment(value: datetime, zone: tzinfo | None) -> str:
    """A date-time in the display zone (None: the system's): ``Tue 05 May 2026 23:59``."""
    from afterview.timezones import system_zone

    shown = value.astimezone(system_zone() if zone is None else zone)
    return shown.strftime("%a %d %b %Y %H:%M")


def recorded(message: str, new_id: str | None = None) -> None:
    """Confirm a recording: the message on stderr, a new entity's id alone on stdout.

    So ``APP=$(afterview apply "Acme" "Analyst")`` captures the id and nothing else.
    """
    click.echo(message, err=True)
    if new_id is not None:
        click.echo(new_id)
