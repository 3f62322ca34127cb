"""afterview's observer contract, and what this observer writes."""

import json
from pathlib import Path

from afterview import PluginManager, Workspace
from afterview.testing import ObserverContract

from afterview_audit.observer import AuditObserver
from afterview_audit.plugin import AuditPlugin


class TestAuditObserver(ObserverContract):
    def make_plugin(self, tmp_path: Path) -> AuditPlugin:
        return AuditPlugin(AuditObserver(tmp_path))


def test_each_event_is_one_line_in_its_workspaces_file(tmp_path: Path) -> None:
    pm = PluginManager(load_entry_points=False)
    pm.register(AuditPlugin(AuditObserver(tmp_path)), name="audit")
    with Workspace.open("memory://", name="Alex", plugin_manager=pm) as ws:
        ws.add_organization("Acme Analytics")
    (written,) = tmp_path.iterdir()
    lines = [json.loads(line) for line in written.read_text(encoding="utf-8").splitlines()]
    assert [line["type"] for line in lines] == ["OrganizationAdded"]
    assert "Acme" not in written.read_text(encoding="utf-8")
