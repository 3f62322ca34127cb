"""How to install what a command needs: the one place that says where afterview's plugins come
from, so every hint changes together when they are published."""

from __future__ import annotations

__all__ = ["plugin_install_hint"]


def plugin_install_hint(package: str) -> str:
    """The command that installs ``package``, one of the plugins under ``plugins/`` of a clone.

    The plugins are not on a package index yet, so the hint names the path in a clone; ``pip
    install <name>`` would only find nothing.
    """
    return f"from the root of an afterview clone, run: python -m pip install ./plugins/{package}"
