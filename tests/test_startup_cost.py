"""Opening afterview with every plugin installed does not import the plugins' heavy libraries:
they load when a URL a plugin claims is opened, so every command starts fast."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

HEAVY = ("httpx", "psycopg", "psycopg_pool", "apprise", "icalendar", "cryptography")
PLUGINS = {"apprise", "greenhouse", "ics", "lever", "postgres"}


def test_loading_every_installed_plugin_imports_none_of_their_heavy_libraries() -> None:
    program = textwrap.dedent(
        f"""\
        import json, sys
        from afterview import PluginManager, Workspace
        pm = PluginManager(environ={{}})
        infos = pm.plugins()
        Workspace.open("memory://", plugin_manager=pm).agenda()
        print(json.dumps({{
            "loaded": sorted(i.name for i in infos if i.error is None),
            "broken": sorted(i.name for i in infos if i.error is not None),
            "heavy": [m for m in {HEAVY!r} if m in sys.modules],
        }}))
        """
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", program], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert set(seen["loaded"]) >= PLUGINS
    assert seen["broken"] == []
    assert seen["heavy"] == []
