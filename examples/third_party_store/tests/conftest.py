from pathlib import Path

import pytest
from afterview_jsonfile import JsonFileStore

pytest_plugins = ["afterview.testing.plugin"]


@pytest.fixture
def afterview_store_factory(tmp_path: Path):
    # Each call opens the same file, so the kit can check that data survives reopening.
    return lambda: JsonFileStore(f"jsonfile:///{tmp_path}/afterview.json")
