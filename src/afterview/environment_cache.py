"""Small facts about the installed Python environment, remembered between runs.

Some answers cost a command far more than the work it was asked for and change only when
something is installed or removed: which entry points the installed distributions declare
(finding them means importing :mod:`importlib.metadata` and reading every distribution's
metadata), and which commands the plugins add (``afterview --help``). Each is kept in a small
JSON file in the user's cache directory, under a key that changes when any directory on
``sys.path`` changes (installing or removing a distribution adds or removes an entry in its
directory), plus whatever the caller adds to the key. Each
Python environment has its own files, so that two virtualenvs used in turn do not evict each
other.

A cache that cannot be read or written is simply not used: the answer is worked out again.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

__all__ = ["cache_directory", "environment_key", "remembered"]

T = TypeVar("T")


def cache_directory() -> Path:
    """The user's cache directory for afterview (``XDG_CACHE_HOME`` moves it on Linux), found
    without importing platformdirs, which alone costs a tenth of ``--help``."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "afterview" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "afterview"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "afterview"


def environment_key(*, first_entry: bool = True) -> list[object]:
    """What the installed distributions depend on: every ``sys.path`` directory with its
    modification time.

    ``sys.path[0]`` is the script's directory or, under ``python -m``, the working directory;
    it differs between two ways of running the same installation and seldom holds a
    distribution. ``first_entry=False`` leaves it out, for an answer that cannot change much
    by it (a wrong ``--help`` listing is harmless; a wrong set of plugins is not).
    """
    paths: list[object] = []
    for entry in sys.path if first_entry else sys.path[1:]:
        try:
            paths.append([entry, os.stat(entry or ".").st_mtime_ns])
        except OSError:
            paths.append([entry, None])
    return paths


def remembered(
    name: str,
    key: list[object],
    load: Callable[[], tuple[T, bool]],
    *,
    parse: Callable[[object], T],
) -> T:
    """The answer kept in the cache file ``name`` (``{environment}`` in it is filled in) when
    it was kept under ``key``; else ``load()``'s, kept when it says its answer is complete.

    ``parse`` turns the stored JSON back into the answer and raises ``ValueError``,
    ``KeyError``, ``TypeError`` or ``AttributeError`` on a file it does not recognize.
    """
    try:
        directory = cache_directory()
    except RuntimeError:  # no home directory to be found: no cache, the answer is worked out
        answer, _ = load()
        return answer
    path = directory / name.format(environment=zlib.crc32(sys.prefix.encode()))
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if cached["key"] == key:
            return parse(cached["value"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    answer, complete = load()
    if complete:
        _write(path, {"key": key, "value": answer})
    return answer


def _write(path: Path, document: object) -> None:
    # tempfile (with shutil, random, bz2 and lzma) costs a run that finds its answer kept more
    # than reading the file: it is imported only to write one.
    import tempfile

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
        pass  # a read-only home: the answer is worked out each time, nothing worse
