"""What the plugin host's wrapper costs a third-party store: the wrapper names the plugin in any
unexpected error of a store method, so every call to a plugin's store goes through it.

Run: ``.venv/bin/python benchmarks/bench_plugin_store.py [--pairs 9]``

Both sides use the same SQLite store class on files in a temporary directory; one is opened
bare, as afterview's own stores are, the other behind the wrapper, as any plugin's store is.
Each pair runs both sides one after the other, in alternating order (bare first on even pairs);
the figure is the median of the pairs' ratios, with the lowest and highest in brackets.

* one call: ``WorkspaceStore.version()`` on a memory store, 20,000 times;
* a person's evening: 200 events recorded one at a time through a ``Workspace`` (each record
  reads what is new, appends with its expected version, and tells the observers), then the
  agenda.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_core import generate

from afterview import PluginManager, Workspace
from afterview.plugin_manager import _PluginStore
from afterview.store import Store
from afterview.stores.memory import MemoryStore
from afterview.stores.sqlite import SQLiteStore


def paired(bare: Callable[[], float], wrapped: Callable[[], float], pairs: int) -> list[float]:
    ratios = []
    for n in range(pairs):
        if n % 2 == 0:
            b = bare()
            w = wrapped()
        else:
            w = wrapped()
            b = bare()
        ratios.append(w / b)
    return ratios


def one_call(wrap: bool) -> float:
    handle: object = MemoryStore("memory://").workspace("w")
    if wrap:
        handle = _PluginStore(handle, "bench", "afterview-bench")
    start = time.perf_counter()
    for _ in range(20_000):
        handle.version()  # type: ignore[attr-defined]
    return time.perf_counter() - start


def evening(directory: Path, wrap: bool, counter: list[int]) -> float:
    counter[0] += 1
    store: Store = SQLiteStore(f"sqlite:///{directory}/evening-{counter[0]}.sqlite")
    if wrap:
        store = _PluginStore(store, "bench", "afterview-bench")  # type: ignore[assignment]
    events = generate(200)
    pm = PluginManager(load_entry_points=False)
    start = time.perf_counter()
    ws = Workspace(store, "evening", plugin_manager=pm)
    for event in events:
        ws.record(event)
    ws.agenda(events[-1].at)
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed


def show(label: str, ratios: list[float]) -> None:
    print(
        f"{label}: {statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f}) "
        f"over {len(ratios)} pairs"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=9)
    args = parser.parse_args()
    calls = paired(lambda: one_call(False), lambda: one_call(True), args.pairs)
    bare_call = one_call(False) / 20_000 * 1e6
    wrapped_call = one_call(True) / 20_000 * 1e6
    print(f"one call: {bare_call:.2f} us bare, {wrapped_call:.2f} us wrapped")
    show("one call, wrapped / bare", calls)
    with tempfile.TemporaryDirectory() as tmp:
        counter = [0]
        directory = Path(tmp)
        ratios = paired(
            lambda: evening(directory, False, counter),
            lambda: evening(directory, True, counter),
            args.pairs,
        )
        show("200 events recorded one at a time and the agenda, wrapped / bare", ratios)


if __name__ == "__main__":
    main()
