"""The ``afterview`` command line (the optional extra ``afterview[cli]``: click and rich).

``main`` is the console script; it explains how to install the extra when click or rich is
missing instead of failing with an import error.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main() -> None:
    """Run the ``afterview`` command."""
    try:
        from afterview.cli.main import cli
    except ModuleNotFoundError as exc:
        if exc.name not in ("click", "rich"):
            raise
        sys.exit(
            "afterview: error: the command line needs the 'cli' extra: pip install 'afterview[cli]'"
        )
    cli()
