"""Directories for files that hold personal data: readable by their owner only.

The SQLite store's database directory and the calendars the ``ics:`` notifier writes hold
third parties' names and details, so the directories afterview creates for them are 0700
whatever the process's umask.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["make_private_dirs"]


def make_private_dirs(directory: Path) -> None:
    """Create ``directory`` and its missing parents, each readable by the owner only (0700)
    whatever the umask; directories that already exist are left as they are.

    ``Path.mkdir(mode=...)`` would not do: its mode is filtered through the umask, and the
    parents it makes get the umask's default.
    """
    missing: list[Path] = []
    while not directory.exists():
        missing.append(directory)
        if directory.parent == directory:
            break
        directory = directory.parent
    for created in reversed(missing):
        try:
            os.mkdir(created, 0o700)
        except FileExistsError:
            continue  # another process made it first: theirs, as it is
        os.chmod(created, 0o700)
