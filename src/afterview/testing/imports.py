"""Check what a fresh interpreter imports: for plugins that must register cheaply.

Opening any workspace imports every installed plugin's entry point, so a plugin should load its
heavy libraries (an HTTP client, a database driver) only when one of its URLs is opened::

    from afterview.testing.imports import modules_seen

    def test_registering_leaves_httpx_unimported() -> None:
        seen = modules_seen(
            '''
            import my_plugin.plugin
            seen("registered")
            ''',
            watch=("httpx",),
        )
        assert seen == {"registered": []}
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from typing import Any

__all__ = ["modules_seen"]


def modules_seen(code: str, *, watch: Sequence[str], args: Sequence[str] = ()) -> dict[str, Any]:
    """Run ``code`` in a new interpreter (warnings are errors) and return what it noted.

    Inside ``code``, ``seen(label)`` records which of the ``watch`` modules are imported at that
    point, and ``SEEN[key] = value`` records anything else JSON can carry; ``args`` become
    ``sys.argv[1:]``. A failure of the program fails the calling test with its stderr.
    """
    prelude = textwrap.dedent(
        f"""\
        import json, sys
        SEEN = {{}}
        def seen(label):
            SEEN[label] = [m for m in {tuple(watch)!r} if m in sys.modules]
        """
    )
    program = prelude + textwrap.dedent(code) + "\nprint(json.dumps(SEEN))\n"
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", program, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    noted: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return noted
