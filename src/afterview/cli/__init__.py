"""The ``afterview`` command line (the optional extra ``afterview[cli]``: click and rich).

``main`` is the console script; it explains how to install the extra when click or rich is
missing instead of failing with an import error.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: see afterview/__init__.py
if TYPE_CHECKING:
    from afterview.cli.context import CliState

__all__ = ["invocation", "main"]


def invocation() -> CliState:
    """What the running command's global options chose, for a command a plugin adds
    (``afterview_cli_commands``): ``workspace()`` opens the workspace, ``now()`` is the clock
    (``--now``), ``settings`` and ``zone`` the settings file's values with ``--timezone`` applied.

    Call it inside the command, never at import: it reads the current click context.
    """
    from afterview.cli.context import state_of

    return state_of()


def main() -> None:
    """Run the ``afterview`` command."""
    if "agenda" in sys.argv:
        # The agenda kept between runs is printed before click or the model is imported.
        from afterview.cli.kept_agenda import print_kept

        if print_kept(sys.argv[1:], os.environ):
            return
    try:
        from afterview.cli.main import cli
    except ModuleNotFoundError as exc:
        if exc.name not in ("click", "rich"):
            raise
        sys.exit(
            "afterview: error: the command line needs the 'cli' extra: pip install 'afterview[cli]'"
        )
    cli()
