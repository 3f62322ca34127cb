"""The third-party store example passes the conformance kit, run as its author would run it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import afterview.testing.contract

EXAMPLE = Path(__file__).parent.parent / "examples" / "third_party_store"


@pytest.mark.slow
def test_the_example_store_passes_the_whole_contract_in_its_own_test_run() -> None:
    env = {**os.environ, "PYTHONPATH": str(EXAMPLE / "src")}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q"],
        cwd=EXAMPLE,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    summary = re.search(r"(\d+) passed", run.stdout)
    assert summary is not None, run.stdout
    kit = Path(afterview.testing.contract.__file__).read_text(encoding="utf-8")
    kit_tests = re.findall(r"^    def (test_\w+)", kit, re.MULTILINE)
    # Every test of the kit ran there (parametrized ones more than once).
    assert int(summary.group(1)) >= len(kit_tests) > 20
    assert "failed" not in run.stdout
