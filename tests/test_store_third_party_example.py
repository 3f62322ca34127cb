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


class _KeylessHandle:
    """A third-party store's workspace handle written before stores kept keys."""

    name = "w"


class _KeylessStore:
    url = "keyless://"

    def workspace(self, name: str) -> _KeylessHandle:
        return _KeylessHandle()

    def close(self) -> None:
        pass


def test_a_store_without_the_key_api_is_refused_clearly_unless_a_keyring_is_given() -> None:
    from afterview import StoreError, Workspace
    from afterview.stores.memory import MemoryStore

    with pytest.raises(StoreError) as raised:
        Workspace(_KeylessStore(), "w")  # type: ignore[arg-type]
    message = str(raised.value)
    assert "'keyless://' has no key table" in message
    assert "key_get, key_create, key_destroy missing" in message
    # An external key store fills the gap (here, another store's key table).
    keyring = MemoryStore().workspace("keys")
    ws = Workspace(MemoryStore(), "w", keyring=keyring)
    person = ws.add_contact("Dana Reyes", "interviewer")
    assert keyring.key_get(person) is not None
    assert ws.store.workspace("w").key_get(person) is None
