"""The kept agenda and the drawn tables where a job seeker's setup is unusual: an ASCII or
closed or full stdout, an empty ``--format``, narrow terminals, wide characters, blank lines
and leading spaces in a cell, short rows. Each compares with what the command prints when it
works the agenda out, or with rich's own table."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

SCRIPT = str(Path(sys.executable).with_name("afterview"))
NOW = "2026-12-05T10:00Z"
#: The characters a table's lines end with when nothing is cut off.
RIGHT_EDGES = set("┓┃┩│┘")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AFTERVIEW_") and key not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")
    }
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        AFTERVIEW_STORE=f"sqlite:///{tmp_path / 'store.sqlite'}",
        AFTERVIEW_WORKSPACE="w",
        TZ="UTC",
        NO_COLOR="1",
    )
    env.update(extra)
    return env


def run(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, *args],
        env=_env(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _plan(tmp_path: Path, title: str, due: str = "2026-12-20") -> None:
    done = run(tmp_path, "--now", NOW, "action", "add", "other", title, "--due", due)
    assert done.returncode == 0, done.stderr


# --- the kept agenda ------------------------------------------------------------------------------


def test_kept_agenda_refuses_an_empty_format_like_the_cli(tmp_path: Path) -> None:
    """``--format=`` (or ``--format ''``) is a usage error, kept agenda or not."""
    _plan(tmp_path, "Call Dana")
    first = run(tmp_path, "--now", NOW, "agenda")  # works the agenda out and keeps it
    assert first.returncode == 0, first.stderr
    fresh = run(tmp_path, "--format=", "--now", NOW, "agenda", AFTERVIEW_KEEP_AGENDA="0")
    assert fresh.returncode == 2, fresh.stdout  # click: '' is not one of 'table', 'plain'
    kept = run(tmp_path, "--format=", "--now", NOW, "agenda")
    assert (kept.returncode, kept.stdout) == (fresh.returncode, fresh.stdout)


def test_kept_agenda_refuses_an_empty_format_even_with_the_variable_set(tmp_path: Path) -> None:
    """An explicit empty ``--format`` wins over AFTERVIEW_FORMAT in click, and is refused."""
    _plan(tmp_path, "Call Dana")
    assert run(tmp_path, "--now", NOW, "agenda", AFTERVIEW_FORMAT="plain").returncode == 0
    fresh = run(
        tmp_path, "--format", "", "--now", NOW, "agenda",
        AFTERVIEW_FORMAT="plain", AFTERVIEW_KEEP_AGENDA="0",
    )  # fmt: skip
    kept = run(tmp_path, "--format", "", "--now", NOW, "agenda", AFTERVIEW_FORMAT="plain")
    assert fresh.returncode == 2
    assert kept.returncode == fresh.returncode, kept.stdout


def test_kept_agenda_prints_names_on_an_ascii_stdout_like_the_cli(tmp_path: Path) -> None:
    """With an ASCII stdout (PYTHONIOENCODING=ascii) the CLI prints 'Café with Sørensen'
    (click writes UTF-8 to a stream it finds misconfigured); the kept agenda writes to
    sys.stdout itself and dies with a UnicodeEncodeError traceback, exit code 1."""
    _plan(tmp_path, "Café with Sørensen")
    assert run(tmp_path, "--now", NOW, "agenda").returncode == 0  # kept
    for extra in ((), ("--json",)):
        fresh = run(
            tmp_path, "--now", NOW, "agenda", *extra,
            PYTHONIOENCODING="ascii", AFTERVIEW_KEEP_AGENDA="0",
        )  # fmt: skip
        assert fresh.returncode == 0, fresh.stderr
        kept = run(tmp_path, "--now", NOW, "agenda", *extra, PYTHONIOENCODING="ascii")
        assert kept.returncode == fresh.returncode, kept.stderr
        assert kept.stdout == fresh.stdout


def _agenda_into(tmp_path: Path, redirect: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """``afterview --now NOW agenda`` with its stdout redirected by the shell (``>&-``,
    ``>/dev/full``)."""
    return subprocess.run(
        ["sh", "-c", f'"$0" --now {NOW} agenda {redirect}', SCRIPT],
        env=_env(tmp_path, **extra),
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )


def test_kept_agenda_with_stdout_closed_exits_like_the_cli(tmp_path: Path) -> None:
    """``afterview agenda >&-``: the CLI prints nothing and exits 0; the kept agenda dies with an
    AttributeError traceback (sys.stdout is None), exit code 1."""
    _plan(tmp_path, "Call Dana")
    assert run(tmp_path, "--now", NOW, "agenda").returncode == 0  # kept
    fresh = _agenda_into(tmp_path, ">&-", AFTERVIEW_KEEP_AGENDA="0")
    kept = _agenda_into(tmp_path, ">&-")
    assert "Traceback" not in kept.stderr, kept.stderr
    assert kept.returncode == fresh.returncode


def test_kept_agenda_on_a_full_disk_fails_like_the_cli(tmp_path: Path) -> None:
    """``afterview agenda > /dev/full``: the CLI says 'afterview: error: [Errno 28] No space
    left on device' and exits 6; the kept agenda prints an OSError traceback, exit code 1."""
    if not os.path.exists("/dev/full"):
        return
    _plan(tmp_path, "Call Dana")
    assert run(tmp_path, "--now", NOW, "agenda").returncode == 0  # kept
    fresh = _agenda_into(tmp_path, ">/dev/full", AFTERVIEW_KEEP_AGENDA="0")
    assert fresh.returncode == 6, fresh.stderr
    kept = _agenda_into(tmp_path, ">/dev/full")
    assert "Traceback" not in kept.stderr, kept.stderr
    assert (kept.returncode, kept.stderr) == (fresh.returncode, fresh.stderr)


# --- the drawn tables -----------------------------------------------------------------------------


def test_table_title_wider_than_the_terminal_is_not_cut_off(tmp_path: Path) -> None:
    """rich wraps a table's title; the drawn table's is cropped at the terminal's edge."""
    name = "job-search-autumn-2026"
    shown = run(tmp_path, "--workspace", name, "--format", "table", "profile", COLUMNS="40")
    assert shown.returncode == 0, shown.stderr
    head = shown.stdout.split("┏")[0]
    assert name in " ".join(head.split()).replace("- ", "-"), shown.stdout


def test_table_keeps_a_blank_line_inside_a_cell(tmp_path: Path) -> None:
    """A paragraph break in a cell is shown as an empty line, as rich's Table shows it."""
    _plan(tmp_path, "Call Dana\n\nthen Eli")
    shown = run(
        tmp_path, "--now", NOW, "--format", "table", "agenda",
        COLUMNS="120", AFTERVIEW_KEEP_AGENDA="0",
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    body = [line for line in shown.stdout.splitlines() if line.startswith("│")]
    cells = [line.rstrip("│ ").rsplit("│", 1)[-1].strip() for line in body]
    assert cells == ["Planned: Call Dana", "", "then Eli"], shown.stdout


def test_table_fits_a_terminal_of_20_columns(tmp_path: Path) -> None:
    """At COLUMNS=20 the agenda's lines are wider than the terminal and rich crops them: the
    right border and the end of the last column are lost (rich's own table fits)."""
    _plan(tmp_path, "Call Dana")
    shown = run(
        tmp_path, "--now", NOW, "--format", "table", "agenda",
        COLUMNS="20", AFTERVIEW_KEEP_AGENDA="0",
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()[1:]  # below the title
    assert lines
    assert all(line.rstrip()[-1:] in RIGHT_EDGES for line in lines), shown.stdout


def test_table_wide_character_in_a_narrow_column_keeps_borders_aligned(tmp_path: Path) -> None:
    """A two-cell character folded into a one-cell column makes its row one cell wider than
    the others: the column borders no longer line up."""
    _plan(tmp_path, "日本語の練習")
    shown = run(
        tmp_path, "--now", NOW, "--format", "table", "agenda",
        COLUMNS="21", AFTERVIEW_KEEP_AGENDA="0",
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    lines = [line.rstrip() for line in shown.stdout.splitlines()[1:]]
    widths = {_width(line) for line in lines}
    assert len(widths) == 1, shown.stdout


def test_table_header_cells_sit_at_the_bottom_as_in_rich(tmp_path: Path) -> None:
    """rich aligns a wrapped header's shorter cells to the bottom of the header row; the drawn
    table puts them at the top."""
    _plan(tmp_path, "Call Dana")
    shown = run(
        tmp_path, "--now", NOW, "--format", "table", "agenda",
        COLUMNS="40", AFTERVIEW_KEEP_AGENDA="0",
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    header = [line for line in shown.stdout.splitlines() if line.startswith("┃")]
    assert len(header) == 2, shown.stdout  # "priority" wraps in two
    assert "due" in header[-1], shown.stdout
    assert "due" not in header[0]


def test_table_keeps_a_cells_leading_spaces(tmp_path: Path) -> None:
    """rich keeps the spaces a cell starts with; the drawn table drops them."""
    _plan(tmp_path, "x")
    done = run(tmp_path, "--now", NOW, "org", "add", "  Indented Org")
    assert done.returncode == 0, done.stderr
    plain = run(tmp_path, "--format", "plain", "org", "list")
    assert "\t  Indented Org\t" in plain.stdout  # the name is kept as typed
    drawn = run(tmp_path, "--format", "table", "org", "list", COLUMNS="120")
    assert drawn.returncode == 0, drawn.stderr
    assert "│   Indented Org" in drawn.stdout, drawn.stdout


def test_table_on_an_ascii_terminal_is_drawn_with_richs_ascii_box(tmp_path: Path) -> None:
    """On a terminal that cannot show line-drawing characters rich draws its ASCII box (a
    plain top edge, ``|---+---|`` under the header); the drawn table uses ``+===+`` instead."""
    _plan(tmp_path, "Call Dana")
    shown = run(
        tmp_path, "--now", NOW, "--format", "table", "agenda",
        COLUMNS="120", PYTHONIOENCODING="ascii", AFTERVIEW_KEEP_AGENDA="0",
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[3].startswith("|-"), shown.stdout
    assert "=" not in lines[3]


def test_table_with_a_short_row_is_drawn_like_rich(tmp_path: Path) -> None:
    """rich's Table fills a row with fewer cells than columns with empty ones; Table.rich()
    now hands it to the drawn table, which fails with ValueError (zip strict)."""
    program = (
        "import io\n"
        "from rich.console import Console\n"
        "from afterview.cli.render import table\n"
        "console = Console(file=io.StringIO(), width=40, no_color=True)\n"
        "console.print(table('T', ('a', 'b'), [('x',)]).rich())\n"
        "print(console.file.getvalue())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "│ x │   │" in done.stdout, done.stdout
