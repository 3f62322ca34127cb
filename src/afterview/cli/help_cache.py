"""The commands plugins add, with their one-line help, remembered between runs.

``afterview --help`` lists the commands plugins bring (``afterview_cli_commands``). Finding
them means reading every installed distribution's entry points and importing every plugin,
which costs several times what the rest of ``--help`` does. What they are changes only when
something is installed or removed, so the list is kept in a small file in the user's cache
directory (:mod:`afterview.environment_cache`), under a key that changes when any directory on
``sys.path`` changes (installing or removing a distribution adds or removes an entry there),
when ``AFTERVIEW_PLUGINS`` or ``AFTERVIEW_DISABLE_PLUGINS`` change, or with another afterview
version. Each Python environment has its own file.

Only the list in ``--help`` comes from the file: running a plugin's command always loads the
plugins. A list that a broken plugin left incomplete is not kept, and a cache that cannot be
read or written is simply not used.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from afterview.environment_cache import cache_directory, environment_key, remembered

__all__ = ["cache_directory", "plugin_commands_help"]

#: The file in :func:`cache_directory`, one per Python environment.
FILE_NAME = "plugin-commands-{environment:08x}.json"


def _key() -> list[object]:
    from afterview import __version__

    return [
        __version__,
        environment_key(first_entry=False),
        os.environ.get("AFTERVIEW_PLUGINS"),
        os.environ.get("AFTERVIEW_DISABLE_PLUGINS"),
    ]


def _parse(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError("not a table of commands")
    return {str(name): str(text) for name, text in value.items()}


def plugin_commands_help(load: Callable[[], tuple[dict[str, str], bool]]) -> dict[str, str]:
    """The plugins' commands and their help: from the cache when its key still holds, else from
    ``load`` (which says whether its answer is complete enough to keep)."""
    return remembered(FILE_NAME, _key(), load, parse=_parse)
