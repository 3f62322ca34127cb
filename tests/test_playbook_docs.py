"""docs/playbook.md documents every built-in rule and every linter code."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from afterview import Rule, Settings
from afterview.linter import LINTER_CODES
from afterview.playbook.builtin import BUILTIN_RULES

DOC = (Path(__file__).resolve().parent.parent / "docs" / "playbook.md").read_text("utf-8")


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda r: r.code)
def test_every_rule_is_documented_with_its_code_and_name(rule: Rule) -> None:
    assert f"### {rule.code} `{rule.name}`" in DOC


@pytest.mark.parametrize(("code", "name"), LINTER_CODES.items())
def test_every_linter_code_is_documented(code: str, name: str) -> None:
    assert f"| {code} | {name} |" in DOC


@pytest.mark.parametrize(
    "setting",
    sorted({s for r in BUILTIN_RULES for s in r.settings}),
)
def test_every_threshold_has_its_default_justified(setting: str) -> None:
    default = next(a.default for a in attrs.fields(Settings) if a.name == setting)
    assert f"| `{setting}` | {default} |" in DOC
