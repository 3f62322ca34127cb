"""``afterview mcp``: what an assistant waits for, against ``afterview agenda --json`` run as a
process on the same SQLite workspace (what an assistant without the server would run).

Run: ``.venv/bin/python benchmarks/bench_mcp.py [--pairs 9]``

Two figures per workspace size (500 and 10,000 events), each the median of per-pair ratios, the
two sides run one after the other in alternating order, as in ``bench_cli.py``:

* **start**: spawning ``afterview mcp`` and getting its tool list over stdio, against one
  ``agenda --json`` process. No target: it is paid once per assistant session, and most of it
  is importing the MCP SDK (about 0.6 s here, its pydantic models of the protocol).
* **agenda call**: one ``agenda`` tool call to a running server, against one ``agenda --json``
  process. The server has folded the log already and reads only what is new, so this is where
  it pays off; target ≤ 0.5×.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import anyio
from mcp import Client, StdioServerParameters

sys.path.insert(0, str(Path(__file__).parent))

from bench_cli import NOW_10K, NOW_500, SCRIPT, make_workspace


def run_cli(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


async def timed(call: Callable[[], Awaitable[object]]) -> float:
    start = time.perf_counter()
    await call()
    return time.perf_counter() - start


def parameters(url: str, now: str, env: dict[str, str]) -> StdioServerParameters:
    return StdioServerParameters(
        command=SCRIPT, args=["--store", url, "--now", now, "mcp"], env=env
    )


async def start_once(url: str, now: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    async with Client(parameters(url, now, env)) as client:
        await client.list_tools()
        return time.perf_counter() - start


async def measure(url: str, now: str, pairs: int, env: dict[str, str]) -> dict[str, float]:
    cli = [SCRIPT, "--store", url, "--now", now, "agenda", "--json"]
    run_cli(cli, env)  # warm the page cache and the plugin caches
    await start_once(url, now, env)
    start_ratios: list[float] = []
    starts: list[float] = []
    clis: list[float] = []
    for i in range(pairs):
        if i % 2:
            baseline = run_cli(cli, env)
            ours = await start_once(url, now, env)
        else:
            ours = await start_once(url, now, env)
            baseline = run_cli(cli, env)
        starts.append(ours)
        clis.append(baseline)
        start_ratios.append(ours / baseline)
    call_ratios: list[float] = []
    calls: list[float] = []
    async with Client(parameters(url, now, env)) as client:
        await client.call_tool("agenda", {})  # the first call folds the log

        async def agenda() -> object:
            result = await client.call_tool("agenda", {})
            assert not result.is_error
            return result

        for i in range(pairs):
            if i % 2:
                baseline = run_cli(cli, env)
                ours = await timed(agenda)
            else:
                ours = await timed(agenda)
                baseline = run_cli(cli, env)
            calls.append(ours)
            call_ratios.append(ours / baseline)
    return {
        "cli": statistics.median(clis),
        "start": statistics.median(starts),
        "start ratio": statistics.median(start_ratios),
        "call": statistics.median(calls),
        "call ratio": statistics.median(call_ratios),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=9)
    args = parser.parse_args()
    pairs = max(args.pairs, 3)
    env = {**os.environ, "TZ": "UTC"}
    for name in ("AFTERVIEW_STORE", "AFTERVIEW_WORKSPACE", "AFTERVIEW_FORMAT", "AFTERVIEW_DEBUG"):
        env.pop(name, None)
    with tempfile.TemporaryDirectory() as workdir:
        for events, now in ((500, NOW_500), (10_000, NOW_10K)):
            url = make_workspace(Path(workdir) / f"{events}.sqlite", events, one_at_a_time=False)
            figures = anyio.run(measure, url, now, pairs, env)
            print(f"{events:>6} events: agenda --json process {figures['cli'] * 1000:6.0f} ms")
            print(
                f"{'':>14}server start + tool list {figures['start'] * 1000:6.0f} ms"
                f"  ratio {figures['start ratio']:5.2f}x"
            )
            print(
                f"{'':>14}agenda tool call         {figures['call'] * 1000:6.0f} ms"
                f"  ratio {figures['call ratio']:5.2f}x  target <= 0.5x"
            )


if __name__ == "__main__":
    main()
