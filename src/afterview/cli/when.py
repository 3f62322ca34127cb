"""The agenda's "when" column: how far a due time is from now, in words a glance reads.

Its own module, importing nothing, because the kept agenda prints it before anything else of
the command layer is imported.
"""

from __future__ import annotations

from datetime import datetime

__all__ = ["relative"]


def relative(due: datetime, now: datetime) -> str:
    """``overdue 2d``, ``in 3h``, ``in 5d``: how far a due time is from now (the agenda's "when"
    column, kept or worked out)."""
    seconds = (due - now).total_seconds()
    span = abs(seconds)
    if span < 3600:
        amount = f"{int(span // 60)}m"
    elif span < 86400:
        amount = f"{int(span // 3600)}h"
    else:
        amount = f"{int(span // 86400)}d"
    return f"overdue {amount}" if seconds < 0 else f"in {amount}"
