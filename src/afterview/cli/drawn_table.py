"""A table of afterview's own cells laid out for a terminal, handed to rich as finished lines.

rich's ``Table`` lays out any renderable: it measures every cell, renders each through its
general wrapping machinery and joins the pieces, about 0.4 ms a row — 300 ms for an agenda of
some 750 rows, longer than computing the agenda. afterview's tables hold only text (plain or in
styled pieces), so they are laid out here in one pass: column widths from the widest line and
the longest word of each column, the widest columns narrowed first when the table does not fit
(as rich does), words wrapped and folded when longer than their column. The look is rich's
default (a heavy header, light body, the title in the theme's ``table.title`` style) and rich
still writes the lines, so colours, ``NO_COLOR`` and narrow or ASCII-only terminals behave as
everywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions
    from rich.style import Style

__all__ = ["Cell", "DrawnTable", "column_widths", "wrap"]

#: A cell: its text in pieces, each with a rich style name or definition ("" for none).
Cell = tuple[tuple[str, str], ...]

#: A word runs to the next space, tab or line break: a no-break space does not end it.
_WORD = re.compile(r"[^ \t\n\r\f\v]+")
_StyleOf = Callable[[str], "Style | None"]
#: Padding on each side of a cell, as rich's default.
_PAD = 1


class _Box(NamedTuple):
    """The characters of one table style: top, header row, header rule, body row, bottom."""

    top: tuple[str, str, str, str]  # left, line, between columns, right
    head: tuple[str, str, str]  # left, between, right
    rule: tuple[str, str, str, str]
    body: tuple[str, str, str]
    bottom: tuple[str, str, str, str]


#: rich's default, ``box.HEAVY_HEAD``.
_HEAVY_HEAD = _Box(
    top=("┏", "━", "┳", "┓"),
    head=("┃", "┃", "┃"),
    rule=("┡", "━", "╇", "┩"),
    body=("│", "│", "│"),
    bottom=("└", "─", "┴", "┘"),
)
#: For a terminal that cannot show line-drawing characters.
_ASCII = _Box(
    top=("+", "-", "+", "+"),
    head=("|", "|", "|"),
    rule=("+", "=", "+", "+"),
    body=("|", "|", "|"),
    bottom=("+", "-", "+", "+"),
)


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Where each line of ``text`` wrapped to ``width`` cells starts and ends (indexes into
    ``text``): words kept whole where they fit, spaces between them kept, a word wider than the
    column folded, a line break kept. At least one line, empty for empty text."""
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    start = end = -1
    used = 0
    for found in _WORD.finditer(text):
        word_start, word_end = found.span()
        size = _width(found.group())
        if start >= 0 and "\n" in text[end:word_start]:
            lines.append((start, end))
            start = -1
        if start >= 0 and used + (word_start - end) + size <= width:
            used += (word_start - end) + size
            end = word_end
            continue
        if start >= 0:
            lines.append((start, end))
        if size <= width:
            start, end, used = word_start, word_end, size
            continue
        # A word longer than the column: fold it, the last piece starting a line of its own.
        start, used = word_start, 0
        for index in range(word_start, word_end):
            char = get_character_cell_size(text[index]) if not text[index].isascii() else 1
            if used + char > width and used:
                lines.append((start, index))
                start, used = index, 0
            used += char
        end = word_end
    if start >= 0:
        lines.append((start, end))
    return lines or [(0, 0)]


def column_widths(natural: Sequence[int], room: int) -> list[int]:
    """Widths for columns whose widest lines are ``natural`` in ``room`` cells: unchanged when
    they fit; otherwise the widest columns are narrowed first, toward the next widest, then
    all together, none below one cell. The cells taken are shared out column by column, each
    its rounded share of what is left (rounding half to even), so that a table comes out as
    wide, column for column, as rich lays out the same table."""
    widths = [max(width, 1) for width in natural]
    excess = sum(widths) - room
    while excess > 0:
        widest = max(widths)
        if widest <= 1:
            break
        below = max((width for width in widths if width < widest), default=0)
        limit = widest - max(below, 1)
        tied = [index for index, width in enumerate(widths) if width == widest]
        left, taken = len(tied), 0
        for index in tied:
            take = min(limit, round((excess - taken) / left))
            widths[index] -= take
            taken += take
            left -= 1
        if not taken:
            break
        excess -= taken
    return widths


def _pieces(cell: Cell, start: int, end: int) -> Iterator[tuple[str, str]]:
    """The pieces of ``cell`` between two indexes of its whole text."""
    offset = 0
    for text, style in cell:
        piece_end = offset + len(text)
        if piece_end > start and offset < end:
            yield text[max(start - offset, 0) : min(end, piece_end) - offset], style
        offset = piece_end
        if offset >= end:
            return


class DrawnTable:
    """Rows of text cells under a header, drawn the way rich draws its default table."""

    def __init__(
        self, title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Cell]]
    ) -> None:
        self.title = title
        self.header: tuple[Cell, ...] = tuple(((column, ""),) for column in columns)
        self.rows = [tuple(row) for row in rows]

    def _natural(self) -> list[int]:
        """Each column's widest line."""
        widths = [_width(text) for ((text, _),) in self.header]
        for row in self.rows:
            for index, cell in enumerate(row):
                whole = cell[0][0] if len(cell) == 1 else "".join(text for text, _ in cell)
                size = max(map(_width, whole.split("\n"))) if "\n" in whole else _width(whole)
                widths[index] = max(widths[index], size)
        return widths

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        box = _ASCII if options.ascii_only else _HEAVY_HEAD
        count = len(self.header)
        room = options.max_width - count * 2 * _PAD - (count + 1)
        widths = column_widths(self._natural(), room)
        styles: dict[str, Style | None] = {"": None}

        def style_of(name: str) -> Style | None:
            if name not in styles:
                styles[name] = console.get_style(name, default="")
            return styles[name]

        newline = Segment.line()
        if self.title:
            yield Segment(self.title, console.get_style("table.title", default=""))
            yield newline
        yield Segment(_edge(box.top, widths))
        yield newline
        yield from self._row(self.header, widths, box.head, style_of, "table.header")
        yield Segment(_edge(box.rule, widths))
        yield newline
        for row in self.rows:
            yield from self._row(row, widths, box.body, style_of, "")
        yield Segment(_edge(box.bottom, widths))
        yield newline

    def _row(
        self,
        row: Sequence[Cell],
        widths: Sequence[int],
        walls: tuple[str, str, str],
        style_of: _StyleOf,
        row_style: str,
    ) -> Iterator[Segment]:
        texts = ["".join(text for text, _ in cell) for cell in row]
        lines = [wrap(text, width) for text, width in zip(texts, widths, strict=True)]
        left, between, right = walls
        for number in range(max(len(cell_lines) for cell_lines in lines)):
            pending = left  # unstyled text gathered into one segment
            for column, (cell, cell_lines) in enumerate(zip(row, lines, strict=True)):
                pending += " "
                used = 0
                if number < len(cell_lines):
                    start, end = cell_lines[number]
                    for text, style in _pieces(cell, start, end):
                        used += _width(text)
                        name = style or row_style
                        if name:
                            yield Segment(pending)
                            yield Segment(text, style_of(name))
                            pending = ""
                        else:
                            pending += text
                pending += " " * (widths[column] - used) + " "
                pending += between if column < len(row) - 1 else right
            yield Segment(pending)
            yield Segment.line()


def _edge(chars: tuple[str, str, str, str], widths: Sequence[int]) -> str:
    left, line, between, right = chars
    return left + between.join(line * (width + 2 * _PAD) for width in widths) + right
