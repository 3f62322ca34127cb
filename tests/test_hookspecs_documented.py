"""Every hook has a section in the plugin author guide and a test that exercises it."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from afterview import hookspecs

ROOT = Path(__file__).parent.parent
GUIDE = ROOT / "docs" / "plugins.md"

#: hook → the test in ``tests/test_plugin_manager.py`` that calls it through a plugin.
EXERCISING_FILE = "test_plugin_manager.py"
EXERCISED_BY = {
    "afterview_open_store": "test_a_plugin_raising_in_an_opener_is_reported_with_its_name",
    "afterview_open_notifier": "test_a_plugins_notifier_importer_and_job_board_open_by_url",
    "afterview_open_importer": "test_a_plugins_notifier_importer_and_job_board_open_by_url",
    "afterview_open_job_board": "test_a_plugins_notifier_importer_and_job_board_open_by_url",
    "afterview_url_schemes": "test_an_unclaimed_url_lists_the_claimed_schemes",
    "afterview_rules": "test_a_plugins_rules_join_the_playbook",
    "afterview_events_appended": "test_a_failing_observer_never_undoes_the_append",
    "afterview_contact_forgotten": (
        "test_plugins_erase_their_copies_of_a_forgotten_person_and_a_failure_is_reported"
    ),
    "afterview_cli_commands": "test_a_plugins_commands_join_the_command_line",
    "afterview_settings_type": "test_a_plugins_settings_table_is_read_into_its_class",
}

HOOKS = sorted(
    name
    for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
    if name.startswith("afterview_")
)


def test_the_hooks_are_found() -> None:
    assert len(HOOKS) >= 7


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_its_own_section_with_an_example_in_the_guide(hook: str) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    match = re.search(rf"^## {hook}\n(.*?)(?=^## |\Z)", guide, re.MULTILINE | re.DOTALL)
    assert match is not None, f"docs/plugins.md has no '## {hook}' section"
    assert "```python" in match.group(1), f"the '## {hook}' section has no example"
    assert f"def {hook}(" in match.group(1), f"the '## {hook}' example does not implement it"


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_exercised_by_a_test_that_exists(hook: str) -> None:
    assert hook in EXERCISED_BY, f"no test is listed for {hook}"
    source = (ROOT / "tests" / EXERCISING_FILE).read_text(encoding="utf-8")
    test_name = EXERCISED_BY[hook]
    assert re.search(rf"^def {test_name}\(", source, re.MULTILINE), test_name


def test_the_guide_documents_no_hook_that_does_not_exist() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    documented = re.findall(r"^## (afterview_\w+)$", guide, re.MULTILINE)
    assert sorted(documented) == HOOKS
