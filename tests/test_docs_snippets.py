"""The Python examples in the README and the library guide run as written, in order."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["README.md", "docs/library.md"]


def python_blocks(page: Path) -> str:
    return "\n".join(re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S))


@pytest.mark.parametrize("page", PAGES)
def test_the_python_examples_of_the_page_run(page: str, tmp_path: Path) -> None:
    code = python_blocks(ROOT / page)
    assert code, f"{page} has no Python example"
    # The embedded default store goes to a temporary data directory, never the user's.
    (tmp_path / "none.toml").touch()
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "AFTERVIEW_CONFIG": str(tmp_path / "none.toml"),
    }
    env.pop("AFTERVIEW_STORE", None)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
