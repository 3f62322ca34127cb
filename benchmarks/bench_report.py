"""``afterview report`` against ``afterview insights --json`` on the same 10,000-event SQLite
workspace, as whole processes, and the size of the page written.

Run: ``.venv/bin/python benchmarks/bench_report.py [--pairs 9]``

Both commands read and fold the whole log; the report also runs the agenda, draws seven charts
and lays out every application's timeline. The figure is the median of per-pair ratios (the two
commands run one after the other, in alternating order), as in ``bench_cli.py``. Target ≤ 3×;
the file under 5 MB.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_cli import NOW_10K, SCRIPT, make_workspace, paired


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=9)
    args = parser.parse_args()
    env = {**os.environ, "TZ": "UTC"}
    for name in ("AFTERVIEW_STORE", "AFTERVIEW_WORKSPACE", "AFTERVIEW_FORMAT"):
        env.pop(name, None)
    with tempfile.TemporaryDirectory() as workdir:
        url = make_workspace(Path(workdir) / "10k.sqlite", 10_000, one_at_a_time=False)
        page = Path(workdir) / "report.html"
        base = [SCRIPT, "--store", url, "--now", NOW_10K]
        report = [*base, "report", "-o", str(page)]
        insights = [*base, "insights", "--json"]
        mine, theirs, ratio = paired(report, insights, max(args.pairs, 3), env)
        size = page.stat().st_size
    print(f"report, 10k events:          {mine * 1000:7.0f} ms (median)")
    print(f"insights --json, same store: {theirs * 1000:7.0f} ms (median)")
    print(f"ratio (median of pairs):     {ratio:7.2f}x   target <= 3x")
    print(f"page size:                   {size / 1024:7.0f} KiB  target < 5 MB")


if __name__ == "__main__":
    main()
