"""The commands plugins add, with their one-line help, remembered between runs.

``afterview --help`` lists the commands plugins bring (``afterview_cli_commands``). Finding
them means reading every installed distribution's entry points and importing every plugin,
which costs several times what the rest of ``--help`` does. What they are changes only when
something is installed or removed, so the list is kept in a small file in the user's cache
directory, under a key that changes when any directory on ``sys.path`` changes (installing or
removing a distribution adds or removes an entry there), when ``AFTERVIEW_PLUGINS`` or
``AFTERVIEW_DISABLE_PLUGINS`` change, or with another afterview version. Each Python
environment has its own file.

Only the list in ``--help`` comes from the file: running a plugin's command always loads the
plugins. A list that a broken plugin left incomplete is not kept, and a cache that cannot be
read or written is simply not used.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

__all__ = ["cache_directory", "plugin_commands_help"]

#: The file in :func:`cache_directory`, one per Python environment.
FILE_NAME = "plugin-commands-{environment:08x}.json"


def cache_directory() -> Path:
    """The user's cache directory for afterview (``XDG_CACHE_HOME`` moves it on Linux), found
    without importing platformdirs, which alone costs a tenth of ``--help``."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "afterview" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "afterview"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "afterview"


def _key() -> list[object]:
    from afterview import __version__

    paths: list[object] = []
    # sys.path[0] is the script's directory or, under ``python -m``, the working directory:
    # it differs between two ways of running the same installation and holds no plugin.
    for entry in sys.path[1:]:
        try:
            paths.append([entry, os.stat(entry or ".").st_mtime_ns])
        except OSError:
            paths.append([entry, None])
    return [
        __version__,
        os.environ.get("AFTERVIEW_PLUGINS"),
        os.environ.get("AFTERVIEW_DISABLE_PLUGINS"),
        paths,
    ]


def plugin_commands_help(load: Callable[[], tuple[dict[str, str], bool]]) -> dict[str, str]:
    """The plugins' commands and their help: from the cache when its key still holds, else from
    ``load`` (which says whether its answer is complete enough to keep)."""
    key = _key()
    try:
        directory = cache_directory()
    except RuntimeError:  # no home directory to be found: no cache, the plugins are asked
        commands, _ = load()
        return commands
    # One file per environment, so that two virtualenvs used in turn do not evict each other.
    path = directory / FILE_NAME.format(environment=zlib.crc32(sys.prefix.encode()))
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if cached["key"] == key:
            return {str(name): str(text) for name, text in cached["commands"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    commands, complete = load()
    if complete:
        _write(path, {"key": key, "commands": commands})
    return commands


def _write(path: Path, document: object) -> None:
    from afterview.private_dirs import make_private_dirs

    try:
        make_private_dirs(path.parent)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(document, handle)
            os.replace(temporary, path)  # a reader sees the old file or the new, never half
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a read-only home: --help loads the plugins each time, nothing worse
