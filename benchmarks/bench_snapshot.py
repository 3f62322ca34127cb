"""A cold agenda read from a snapshot and a short tail, against reading and parsing the log.

Run: ``.venv/bin/python benchmarks/bench_snapshot.py [--sizes 10000 100000] [--pairs 9]``

For each size, a SQLite workspace is written one event at a time (each append its own
transaction, each row its own ``recorded_at``), sealed as a workspace writes it, from the
realistic stories of ``bench_core.py``. A snapshot is then written 100 events before the end.

* ours: open the store, make a new ``Workspace`` (default snapshot policy), ``agenda(now)``:
  read and open the snapshot, decode it, read, open, decode and fold the 100-event tail, run
  the 32 rules;
* baseline: open a plain ``sqlite3`` connection, ``SELECT`` every row of the workspace's log,
  ``json.loads`` each.

Each pair times each side three times, alternating run by run, and keeps each side's best;
the figure is the median of the pairs' ratios (and their range). Also timed alone, for the
record: the same agenda folding the whole log with snapshots off (the cost before snapshots).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_core import HOUR, T0, generate

from afterview import PluginManager, SnapshotPolicy, Workspace
from afterview.fold import State
from afterview.redaction import name_matcher
from afterview.sealing import KeyCache
from afterview.stores.sqlite import SQLiteStore

TAIL = 100


def build(path: Path, count: int) -> tuple[str, datetime]:
    """The workspace's file, written one event at a time; returns its URL and ``now``."""
    events = generate(count)
    url = f"sqlite:///{path}?synchronous=OFF"
    pm = PluginManager(load_entry_points=False)
    with Workspace.open(url, name="bench", plugin_manager=pm, clock=lambda: T0) as ws:
        # Sealed as a workspace seals them, against the final state (one name matcher for all,
        # so that building stays linear; the records are the same).
        final = State()
        final.apply_all(events)
        log = ws._log
        keys, matcher = KeyCache(log.keyring), name_matcher(final)
        records = [log.seal_event(e, final, matcher, keys) for e in events]
        raw = ws.store.workspace("bench")
        head = count - TAIL
        for n, record in enumerate(records[:head]):
            raw.append([record], expected_version=n, recorded_at=T0 + n * timedelta(seconds=1))
    # A reader with a snapshot due at once writes it at the current end of the log.
    with Workspace.open(
        url, name="bench", plugin_manager=pm, snapshots=SnapshotPolicy(min_tail=1)
    ) as reader:
        assert reader.state.version == head
    store = SQLiteStore(url)
    raw = store.workspace("bench")
    for n, record in enumerate(records[head:], head):
        raw.append([record], expected_version=n, recorded_at=T0 + n * timedelta(seconds=1))
    snapshot = raw.snapshot_get()
    assert snapshot is not None
    assert snapshot.position == head
    store.close()
    return f"sqlite:///{path}", events[-1].at + 24 * HOUR


def paired(
    ours: Callable[[], object], baseline: Callable[[], object], pairs: int, runs: int = 3
) -> tuple[list[float], tuple[float, float]]:
    """One ratio per pair: each side's best of ``runs``, the sides alternating run by run (which
    goes first alternates from pair to pair), so that both see the same load; and the median
    over the pairs of each side's best, in milliseconds (baseline, ours)."""
    ratios, bests = [], []
    for n in range(pairs):
        sides = [(0, baseline), (1, ours)] if n % 2 == 0 else [(1, ours), (0, baseline)]
        took = [float("inf"), float("inf")]
        for _ in range(runs):
            for index, run in sides:
                start = time.perf_counter()
                run()
                took[index] = min(took[index], time.perf_counter() - start)
        ratios.append(took[1] / took[0])
        bests.append(took)
    medians = (
        1000 * statistics.median(t[0] for t in bests),
        1000 * statistics.median(t[1] for t in bests),
    )
    return ratios, medians


def bench(count: int, pairs: int, workdir: Path) -> None:
    path = workdir / f"log-{count}.sqlite"
    started = time.perf_counter()
    url, now = build(path, count)
    print(f"{count:,} events written one at a time in {time.perf_counter() - started:.1f} s")
    pm = PluginManager()

    def raw() -> None:
        conn = sqlite3.connect(path)
        rows = conn.execute(
            "SELECT data FROM events WHERE workspace = ? ORDER BY position", ("bench",)
        ).fetchall()
        for (data,) in rows:
            json.loads(data)
        conn.close()

    def cold(policy: SnapshotPolicy | None = None) -> Callable[[], object]:
        def run() -> None:
            store = SQLiteStore(url)
            ws = Workspace(store, "bench", plugin_manager=pm, clock=lambda: now, snapshots=policy)
            ws.agenda(now)
            assert ws.state.version == count
            store.close()

        return run

    ours, whole = cold(), cold(SnapshotPolicy(enabled=False))
    ours()  # warm the rule list, msgspec's decoder and cryptography once, as a process would
    whole()
    ratios, ms = paired(ours, raw, pairs)
    before, _ = paired(whole, raw, 3)
    print(
        f"cold agenda, {count:,} events, snapshot + {TAIL}-event tail ÷ raw read + json.loads: "
        f"{statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f}, "
        f"{len(ratios)} pairs); median of the pairs' best times: ours {ms[1]:.1f} ms, raw "
        f"{ms[0]:.1f} ms; the whole log without a snapshot: {statistics.median(before):.2f}×"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--pairs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        for count in args.sizes:
            bench(count, args.pairs, Path(workdir))


if __name__ == "__main__":
    main()
