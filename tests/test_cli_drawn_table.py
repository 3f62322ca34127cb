"""Tables afterview lays out itself for a terminal: the same table rich would draw, in a
fraction of the time, every word kept, never wider than the terminal."""

from __future__ import annotations

import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from afterview.cli.drawn_table import DrawnTable, column_widths, wrap
from afterview.cli.render import Table, table, text

_STYLES = re.compile(r"\x1b\[[0-9;]*m")


def drawn(renderable: object, width: int, *, colour: bool = False, encoding: str = "utf-8") -> str:
    stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="replace")
    console = Console(
        file=stream,
        width=width,
        force_terminal=colour,
        color_system="truecolor" if colour else None,
        highlight=False,
    )
    console.print(renderable)
    stream.flush()
    stream.seek(0)
    return stream.read()


def lines_of(output: str) -> list[str]:
    return [line.rstrip() for line in _STYLES.sub("", output).splitlines()]


def rich_table(source: Table) -> RichTable:
    grid = RichTable(title=source.title, title_justify="left", expand=False)
    for column in source.columns:
        grid.add_column(column, overflow="fold")
    for row in source.rows:
        grid.add_row(*(Text(str(cell)) for cell in row))
    return grid


words = st.text(alphabet="abcdefghij", min_size=1, max_size=9)
short_cells = st.lists(words, min_size=1, max_size=2).map(" ".join)
long_cells = st.lists(words, min_size=1, max_size=25).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(st.tuples(short_cells, short_cells, long_cells), min_size=1, max_size=8),
    width=st.integers(min_value=50, max_value=140),
)
def test_an_agenda_shaped_table_is_drawn_as_rich_draws_it(
    rows: list[tuple[str, str, str]], width: int
) -> None:
    """Short columns and a long last one that wraps (an agenda, a list of people): line for
    line the text rich's own table shows."""
    source = table("Agenda", ("due", "rule", "what"), rows)
    assert lines_of(drawn(source.rich(), width)) == lines_of(drawn(rich_table(source), width))


cells = st.text(alphabet=st.sampled_from("ab c\u00e9\u4e2d\u00a0-"), min_size=0, max_size=40).map(
    lambda value: value.strip()
)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=6),
    width=st.integers(min_value=16, max_value=90),
)
def test_every_word_is_kept_and_no_line_is_wider_than_the_terminal(
    rows: list[list[str]], width: int
) -> None:
    output = lines_of(drawn(table(None, ("a", "b", "c"), rows).rich(), width))
    from rich.cells import cell_len

    assert all(cell_len(line) <= width for line in output)
    assert len({cell_len(line) for line in output}) == 1  # a rectangle
    body = output[3:-1]
    for column in range(3):
        shown = "".join(line.split("│")[column + 1] for line in body)
        assert "".join(shown.split()) == "".join("".join(row[column].split()) for row in rows)


def test_wrapping_keeps_whole_words_folds_long_ones_and_keeps_line_breaks() -> None:
    sample = "thank Dana Reyes\nfor the interview supercalifragilistic"
    assert [sample[a:b] for a, b in wrap(sample, 10)] == [
        "thank Dana",
        "Reyes",
        "for the",
        "interview",
        "supercalif",
        "ragilistic",
    ]
    assert wrap("", 5) == [(0, 0)]
    blank = "Call Dana\n\nthen Eli"
    assert [blank[a:b] for a, b in wrap(blank, 20)] == ["Call Dana", "", "then Eli"]
    assert [("  Indented Org"[a:b]) for a, b in wrap("  Indented Org", 20)] == ["  Indented Org"]
    assert wrap("abc", 0) == [(0, 0)]
    assert wrap("in 10\u00a0km", 6) == [(0, 2), (3, 8)]  # a no-break space holds
    assert [("中文中文中"[a:b]) for a, b in wrap("中文中文中", 4)] == ["中文", "中文", "中"]


def test_the_widest_columns_give_way_first() -> None:
    assert column_widths([10, 40, 30], 100) == [10, 40, 30]
    assert column_widths([10, 40, 30], 70) == [10, 30, 30]
    assert column_widths([10, 40, 30], 60) == [10, 25, 25]
    assert column_widths([10, 10], 4) == [2, 2]
    assert column_widths([3, 3], 0) == [0, 0]  # narrower than any column: nothing shown
    assert column_widths([1, 1, 1], 2) == [1, 1, 0]
    assert column_widths([5, 5], 4, floors=[2, 1]) == [2, 2]


def test_styles_reach_the_terminal_and_the_header_is_bold() -> None:
    output = drawn(table("T", ("who",), [[text("Dana", "bold")]]).rich(), 40, colour=True)
    assert "\x1b[1mDana\x1b[0m" in output
    assert "\x1b[1mwho\x1b[0m" in output
    assert "\x1b[3mT\x1b[0m" in output  # the title in the theme's italic


def test_a_terminal_without_line_drawing_gets_ascii() -> None:
    output = drawn(table(None, ("who",), [["Dana"]]).rich(), 40, encoding="ascii")
    assert lines_of(output) == ["+------+", "| who  |", "|------|", "| Dana |", "+------+"]


def test_a_table_holding_a_plugins_renderable_is_left_to_rich() -> None:
    assert isinstance(table(None, ("x",), [[Text("rich")]]).rich(), RichTable)
    assert isinstance(table(None, ("x", "y", "z"), [["plain", 3, None]]).rich(), DrawnTable)
