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
_BLANKS = " \t\r\f\v"
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
#: For a terminal that cannot show line-drawing characters: rich's ``box.ASCII``.
_ASCII = _Box(
    top=("+", "-", "-", "+"),
    head=("|", "|", "|"),
    rule=("|", "-", "+", "|"),
    body=("|", "|", "|"),
    bottom=("+", "-", "-", "+"),
)


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Where each line of ``text`` wrapped to ``width`` cells starts and ends (indexes into
    ``text``): words kept whole where they fit, spaces between them kept (and those a paragraph
    starts with), a word wider than the column folded, every line break kept, an empty
    paragraph an empty line. At least one line; none has text in a column of no width."""
    if width <= 0:
        return [(0, 0)]
    if "\n" not in text and _width(text) <= width:  # most cells: one line, as it is
        return [(0, len(text.rstrip(_BLANKS)))]
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        _wrap_paragraph(text, offset, offset + len(paragraph), width, lines)
        offset += len(paragraph) + 1
    return lines


def _wrap_paragraph(
    text: str, begin: int, stop: int, width: int, lines: list[tuple[int, int]]
) -> None:
    start = end = -1
    used = 0
    first = True
    for found in _WORD.finditer(text, begin, stop):
        word_start, word_end = found.span()
        size = _width(found.group())
        if first:
            first = False
            lead = word_start - begin  # spaces the paragraph starts with stay, where they fit
            if lead and lead + size <= width:
                start, end, used = begin, word_end, lead + size
                continue
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
    lines.append((start, end) if start >= 0 else (begin, begin))


def column_widths(
    natural: Sequence[int], room: int, floors: Sequence[int] | None = None
) -> list[int]:
    """Widths for columns whose widest lines are ``natural`` in ``room`` cells: unchanged when
    they fit; otherwise the widest columns are narrowed first, toward the next widest, then
    all together, none below its floor (one cell, or two for a column holding a character two
    cells wide). The cells taken are shared out column by column, each its rounded share of
    what is left (rounding half to even), as rich shares them. Only a terminal narrower than
    every floor takes columns below them, the last ones first, down to nothing."""
    floors = list(floors) if floors is not None else [1] * len(natural)
    widths = [max(width, floor) for width, floor in zip(natural, floors, strict=True)]
    excess = sum(widths) - room
    while excess > 0:
        movable = [index for index, width in enumerate(widths) if width > floors[index]]
        if not movable:
            break
        widest = max(widths[index] for index in movable)
        below = max((widths[index] for index in movable if widths[index] < widest), default=0)
        tied = [index for index in movable if widths[index] == widest]
        left, taken = len(tied), 0
        for index in tied:
            limit = widest - max(below, floors[index])
            take = min(limit, round((excess - taken) / left))
            widths[index] -= take
            taken += take
            left -= 1
        if not taken:
            break
        excess -= taken
    for index in reversed(range(len(widths))):
        if excess <= 0:
            break
        take = min(widths[index], excess)
        widths[index] -= take
        excess -= take
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
        # A row shorter than the header gets empty cells, as in rich's tables.
        empty: tuple[Cell, ...] = ((("", ""),),) * len(self.header)
        self.rows = [(*row, *empty[len(row) :]) for row in rows]

    def _measure(self) -> tuple[list[int], list[int]]:
        """Each column's widest line, and the widest character it holds (its narrowest)."""
        widths = [_width(text) for ((text, _),) in self.header]
        floors = [1] * len(widths)
        for row in self.rows:
            for index, cell in enumerate(row):
                whole = cell[0][0] if len(cell) == 1 else "".join(text for text, _ in cell)
                if whole.isascii():
                    size = max(map(len, whole.split("\n"))) if "\n" in whole else len(whole)
                else:
                    size = max(map(cell_len, whole.split("\n")))
                    floors[index] = max(floors[index], *map(get_character_cell_size, whole))
                widths[index] = max(widths[index], size)
        return widths, floors

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        box = _ASCII if options.ascii_only else _HEAVY_HEAD
        count = len(self.header)
        room = options.max_width - count * 2 * _PAD - (count + 1)
        natural, floors = self._measure()
        widths = column_widths(natural, room, floors)
        styles: dict[str, Style | None] = {"": None}

        def style_of(name: str) -> Style | None:
            if name not in styles:
                styles[name] = console.get_style(name, default="")
            return styles[name]

        newline = Segment.line()
        if self.title:
            # Wrapped to the table's width, as rich wraps a table's title.
            whole = sum(widths) + count * 2 * _PAD + count + 1
            title_style = console.get_style("table.title", default="")
            for start, end in wrap(self.title, min(whole, options.max_width)):
                yield Segment(self.title[start:end], title_style)
                yield newline
        yield Segment(_edge(box.top, widths))
        yield newline
        yield from self._row(self.header, widths, box.head, style_of, "table.header", bottom=True)
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
        *,
        bottom: bool = False,
    ) -> Iterator[Segment]:
        texts = ["".join(text for text, _ in cell) for cell in row]
        lines = [wrap(text, width) for text, width in zip(texts, widths, strict=True)]
        height = max(len(cell_lines) for cell_lines in lines)
        left, between, right = walls
        for number in range(height):
            pending = left  # unstyled text gathered into one segment
            for column, (cell, cell_lines) in enumerate(zip(row, lines, strict=True)):
                pending += " "
                used = 0
                # A header's shorter cells sit at the bottom of its row, as in rich's tables.
                line = number - (height - len(cell_lines) if bottom else 0)
                if 0 <= line < len(cell_lines):
                    start, end = cell_lines[line]
                    if len(cell) == 1 and not (cell[0][1] or row_style):  # plain text
                        piece = cell[0][0][start:end]
                        used = _width(piece)
                        if used > widths[column]:  # see below
                            piece = "…" if widths[column] else ""
                            used = len(piece)
                        pending += piece + " " * (widths[column] - used) + " "
                        pending += between if column < len(row) - 1 else right
                        continue
                    pieces = list(_pieces(cell, start, end))
                    if sum(_width(text) for text, _ in pieces) > widths[column]:
                        # A character two cells wide in a column of one: shown as a mark.
                        pieces = [("…", "")] if widths[column] else []
                    for text, style in pieces:
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
