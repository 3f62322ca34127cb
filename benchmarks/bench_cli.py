"""How long the ``afterview`` command takes, as whole processes, against what click and rich
alone cost to start.

Run: ``.venv/bin/python benchmarks/bench_cli.py [--pairs 9] [--dir DIR]``

Every figure is a median over paired runs: the command and its baseline run one after the other,
in alternating order (baseline first on even pairs), so that both see the same load on a shared
machine; the ratio of each pair is taken, then the median of those ratios.

* ``afterview --version`` and ``afterview --help`` against ``python -c "import click"``
  (target ≤ 2×);
* ``afterview agenda`` on a 500-event SQLite workspace, printed to a pipe, against
  ``python -c "import click, rich"`` (target ≤ 2.5×); the workspace is made one event at a time,
  as a person recording as they go would. Twice: warm, the agenda kept by the run before
  (:mod:`afterview.cli.kept_agenda`), as every run is until something changes; and cold, the
  first run after a change (the settings file is rewritten, untimed, before each such run), which
  works the agenda out and keeps it;
* ``afterview agenda`` on a 10,000-event SQLite workspace: the table on a terminal (a
  pseudo-terminal, 120 columns) and the tab-separated rows in a pipe, each against its own
  ``--json`` (target: the table under 2×), every side worked out (``AFTERVIEW_KEEP_AGENDA=0``):
  what is compared is drawing the table, not keeping.
"""

from __future__ import annotations

import argparse
import os
import platform
import pty
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

# The same realistic stories as the core benchmark.
from bench_core import generate

from afterview import PluginManager, Workspace

SCRIPT = str(Path(sys.executable).with_name("afterview"))
#: The agenda is read the day after the last of 500 events (about 31 applications) …
NOW_500 = "2024-01-09T09:00+00:00"
#: … and of 10,000 (610 applications): several hundred pieces of advice.
NOW_10K = "2024-06-01T09:00+00:00"


def run_piped(argv: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def run_on_terminal(argv: Sequence[str], env: dict[str, str]) -> float:
    """Run with stdout on a pseudo-terminal, draining it as a terminal would."""
    controller, terminal = pty.openpty()

    def drain() -> None:
        while True:
            try:
                if not os.read(controller, 1 << 16):
                    return
            except OSError:
                return

    reader = threading.Thread(target=drain)
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=terminal, stderr=subprocess.DEVNULL, env=env)
    os.close(terminal)
    reader.start()
    code = process.wait()
    elapsed = time.perf_counter() - start
    reader.join()
    os.close(controller)
    if code != 0:
        raise SystemExit(f"{argv} exited with {code}")
    return elapsed


def paired(
    ours: Sequence[str],
    baseline: Sequence[str],
    pairs: int,
    env: dict[str, str],
    *,
    terminal: bool = False,
    prepare: Callable[[], None] = lambda: None,
) -> tuple[float, float, float]:
    """Median time of ours, of the baseline, and median of the per-pair ratios; ``prepare``
    runs, untimed, before each of ours."""
    mine: list[float] = []
    theirs: list[float] = []
    on_terminal = run_on_terminal if terminal else run_piped

    def ours_run(argv: Sequence[str], env: dict[str, str]) -> float:
        prepare()
        return on_terminal(argv, env)

    ours_run(ours, env)  # warm the page cache, afterview's help cache and its kept agenda
    run_piped(baseline, env)
    for n in range(pairs):
        if n % 2:
            mine.append(ours_run(ours, env))
            theirs.append(run_piped(baseline, env))
        else:
            theirs.append(run_piped(baseline, env))
            mine.append(ours_run(ours, env))
    ratios = [a / b for a, b in zip(mine, theirs, strict=True)]
    return statistics.median(mine), statistics.median(theirs), statistics.median(ratios)


def make_workspace(path: Path, events: int, *, one_at_a_time: bool) -> str:
    url = f"sqlite:///{path}"
    with Workspace.open(
        url, name="default", plugin_manager=PluginManager(load_entry_points=False)
    ) as ws:
        story = generate(events)
        if one_at_a_time:
            for event in story:
                ws.record(event)
        else:
            ws.record(*story)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=9, help="paired runs per figure (≥ 9)")
    parser.add_argument("--dir", type=Path, help="where the SQLite files go (default: a temp dir)")
    parser.add_argument(
        "--script", default=SCRIPT, help="the afterview script to time (another checkout's)"
    )
    args = parser.parse_args()
    script = args.script
    pairs = max(args.pairs, 9)
    env = {**os.environ, "COLUMNS": "120", "TZ": "UTC"}
    for name in (
        "AFTERVIEW_STORE",
        "AFTERVIEW_WORKSPACE",
        "AFTERVIEW_FORMAT",
        "AFTERVIEW_DEBUG",
        "AFTERVIEW_KEEP_AGENDA",
    ):
        env.pop(name, None)
    # An installed wheel comes with its bytecode; an editable checkout gets it on the warm-up
    # runs, unless this variable (set on some CI machines) forbids writing it: every run would
    # then compile afterview's sources again, which is not what a user's start-up costs.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    python = str(Path(script).with_name("python"))  # the baselines run where the script runs
    click_only = [python, "-c", "import click"]
    click_rich = [python, "-c", "import click, rich"]

    load = f"{os.getloadavg()[0]:.1f}"
    with tempfile.TemporaryDirectory(dir=args.dir) as workdir:
        # A settings file of its own, empty (every threshold at its default): the user's own
        # must not change the figures, and a named file must exist.
        settings = Path(workdir) / "settings.toml"
        settings.write_text("", encoding="utf-8")
        env["AFTERVIEW_CONFIG"] = str(settings)
        small = make_workspace(Path(workdir) / "500.sqlite", 500, one_at_a_time=True)
        large = make_workspace(Path(workdir) / "10k.sqlite", 10_000, one_at_a_time=False)
        agenda_500 = [script, "--store", small, "--now", NOW_500, "agenda"]
        agenda_10k = [script, "--store", large, "--now", NOW_10K, "agenda"]
        runs = iter(range(10**9))

        def change() -> None:
            # Equivalent settings, other bytes: the kept agenda no longer holds.
            settings.write_text(f"# run {next(runs)}\n", encoding="utf-8")

        worked_out = {**env, "AFTERVIEW_KEEP_AGENDA": "0"}
        rows = [
            ("`afterview --version`", "`import click`", 2.0,
             paired([script, "--version"], click_only, pairs, env)),
            ("`afterview --help`", "`import click`", 2.0,
             paired([script, "--help"], click_only, pairs, env)),
            ("`agenda`, 500 events, piped, kept (warm)", "`import click, rich`", 2.5,
             paired(agenda_500, click_rich, pairs, env)),
            ("`agenda`, 500 events, piped, after a change (cold)", "`import click, rich`", None,
             paired(agenda_500, click_rich, pairs, env, prepare=change)),
            ("`agenda`, 500 events, piped, nothing kept (`AFTERVIEW_KEEP_AGENDA=0`)",
             "`import click, rich`", None, paired(agenda_500, click_rich, pairs, worked_out)),
            ("`agenda`, 500 events, on a terminal, kept (warm)", "`import click, rich`", None,
             paired(agenda_500, click_rich, pairs, env, terminal=True)),
            ("`agenda`, 500 events, on a terminal, after a change (cold)", "`import click, rich`",
             None, paired(agenda_500, click_rich, pairs, env, terminal=True, prepare=change)),
            ("`agenda`, 10k events, table on a terminal", "the same `--json`", 2.0,
             paired(agenda_10k, [*agenda_10k, "--json"], pairs, worked_out, terminal=True)),
            ("`agenda`, 10k events, table on a terminal, kept (warm)", "the same `--json`, kept",
             2.0, paired(agenda_10k, [*agenda_10k, "--json"], pairs, env, terminal=True)),
            ("`agenda`, 10k events, rows in a pipe", "the same `--json`", None,
             paired(agenda_10k, [*agenda_10k, "--json"], pairs, worked_out)),
        ]  # fmt: skip
        settings.write_text("", encoding="utf-8")
    print(
        f"{platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"load average {load} before and {os.getloadavg()[0]:.1f} after; median of {pairs} "
        "pairs\n"
    )
    print("| command | baseline | command | baseline | ratio | target |")
    print("|---|---|---:|---:|---:|---:|")
    for what, baseline, target, (ours, theirs, ratio) in rows:
        goal = "—" if target is None else f"≤ {target}×"
        print(
            f"| {what} | {baseline} | {ours * 1000:.0f} ms | {theirs * 1000:.0f} ms | "
            f"{ratio:.2f}× | {goal} |"
        )


if __name__ == "__main__":
    main()
