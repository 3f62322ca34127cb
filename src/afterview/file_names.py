"""Workspace names as file names: for a plugin that keeps one file (or folder) per workspace.

A workspace name is 1 to 200 letters, digits, ``-``, ``_``, ``.`` and ``@``: safe in a URL, not
as a file name. ``..`` and ``.`` name directories; ``CON``, ``NUL``, ``COM1``… are devices on
Windows, whatever their extension; a leading dot hides a file; and ``Alex`` and ``alex`` are two
workspaces but one file on the case-insensitive file systems of macOS and Windows.

:func:`safe_file_name` gives each name a file name that avoids all of these, and never gives two
names the same one (compared without case): a name that is already lower-case and harmless is
kept as it is, any other gets its lower-cased form plus a hash of the exact name (80 bits).
"""

from __future__ import annotations

import hashlib
import re

from afterview.store import validate_workspace_name

__all__ = ["safe_file_name"]

#: Device names Windows reserves, with or without an extension (``con.txt`` too).
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(10)}
    | {f"lpt{n}" for n in range(10)}
    | {"com¹", "com²", "com³", "lpt¹", "lpt²", "lpt³"}
)
_PLAIN = re.compile(r"[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*")
#: What a hashed file name ends with; a plain name ending so is hashed too, so that no plain
#: name can equal another name's hashed one.
_HASHED = re.compile(r".*-[0-9a-f]{20}")


def safe_file_name(workspace: str) -> str:
    """A file name for ``workspace``, safe on Linux, macOS and Windows, distinct for every
    workspace even where case does not count, and the same every time.

    >>> safe_file_name("alex")
    'alex'
    >>> safe_file_name("Alex") != safe_file_name("alex")
    True

    :raises DataError: ``workspace`` is not a valid workspace name.
    """
    name = validate_workspace_name(workspace)
    stem = name.split(".", 1)[0]
    if _PLAIN.fullmatch(name) and stem not in _RESERVED and not _HASHED.fullmatch(name):
        return name
    # Lower-case, dots and at signs out: what is left can be neither a path step nor hidden.
    readable = re.sub(r"[^a-z0-9_-]", "_", name.lower()).strip("_") or "workspace"
    digest = hashlib.sha256(name.encode()).hexdigest()[:20]
    return f"{readable[:100]}-{digest}"
