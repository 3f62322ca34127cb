"""The public face: ``afterview.__all__`` is complete, consistent and cheap to import."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import afterview

INIT = Path(afterview.__file__)


def test_every_public_name_resolves_to_what_its_module_defines() -> None:
    for name in afterview.__all__:
        value = getattr(afterview, name)
        assert value is not None, name
    assert afterview.rule.__module__ == "afterview.playbook.rule"
    assert callable(afterview.rule)
    assert afterview.events.__name__ == "afterview.events"


def test_all_lists_exactly_the_lazy_exports_and_what_type_checkers_see() -> None:
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    typed: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom)
                typed.update(alias.name for alias in stmt.names)
    exports = set(afterview._EXPORTS)
    assert exports == typed
    assert set(afterview.__all__) == exports | {"__version__", "plugins"}


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NoSuchThing"):
        afterview.NoSuchThing  # noqa: B018


def test_importing_afterview_loads_no_submodule_until_a_name_is_used() -> None:
    code = (
        "import sys, afterview\n"
        "print(sorted(m for m in sys.modules if m.startswith('afterview.')))\n"
        "afterview.Workspace\n"
        "print('afterview.workspace' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[]", "True"]
