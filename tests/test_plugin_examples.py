"""The notifier and observer examples pass their contracts, run as their authors would run them
(nothing installed: their ``src`` on ``PYTHONPATH``)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize(
    ("example", "contract"),
    [("third_party_notifier", "NotifierContract"), ("third_party_observer", "ObserverContract")],
)
def test_the_example_passes_its_contract_in_its_own_test_run(example: str, contract: str) -> None:
    root = EXAMPLES / example
    tests = (root / "tests" / "test_contract.py").read_text(encoding="utf-8")
    assert re.search(rf"class Test\w+\({contract}\)", tests)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root / "src")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"\d+ passed", run.stdout), run.stdout
