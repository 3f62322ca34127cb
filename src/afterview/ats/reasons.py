"""An ATS's rejection (archive) reason → the kind of decision afterview records.

Only some reasons are about the candidate. When the position was frozen, filled or cancelled,
there is nothing to ask "how could I improve?" about, so those map to *on hold* or *eliminated*;
when the candidate stepped away, to *withdrawn*. Every other reason is a *rejection*.

A reason is looked up case-insensitively: first as a whole, then by the first table entry it
contains ("Hiring freeze - Q3" contains "hiring freeze"). An ATS plugin may add its own entries
(``defaults=``); a user overrides any entry with a TOML or JSON file of ``"reason" = "kind"``
pairs::

    "Not a culture add" = "rejected"
    "Budget cut" = "eliminated"
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from pathlib import Path

from afterview.errors import DataError
from afterview.model import DecisionKind

__all__ = ["DEFAULT_REASONS", "ReasonTable"]

#: The entries every ATS shares, documented in docs/ats.md.
DEFAULT_REASONS: Mapping[str, DecisionKind] = {
    "hiring freeze": DecisionKind.ON_HOLD,
    "on hold": DecisionKind.ON_HOLD,
    "timing": DecisionKind.ON_HOLD,
    "budget": DecisionKind.ON_HOLD,
    "position filled": DecisionKind.ELIMINATED,
    "position closed": DecisionKind.ELIMINATED,
    "job closed": DecisionKind.ELIMINATED,
    "role eliminated": DecisionKind.ELIMINATED,
    "they rejected us": DecisionKind.WITHDRAWN,
    "candidate withdrew": DecisionKind.WITHDRAWN,
    "withdrew": DecisionKind.WITHDRAWN,
    "accepted another offer": DecisionKind.WITHDRAWN,
    "offer declined": DecisionKind.WITHDRAWN,
    "hired elsewhere": DecisionKind.WITHDRAWN,
}


def _entries(
    table: dict[str, DecisionKind], pairs: Mapping[str, DecisionKind | str], what: str
) -> None:
    for reason, kind in pairs.items():
        try:
            table[reason.strip().casefold()] = DecisionKind(kind)
        except ValueError:
            allowed = ", ".join(k.value for k in DecisionKind)
            raise DataError(
                f"{what} {reason!r} maps to {kind!r}, which is not one of {allowed}"
            ) from None


class ReasonTable:
    """Maps a reason's text to a decision kind; unknown reasons are rejections.

    ``defaults`` are an ATS's own entries, added to :data:`DEFAULT_REASONS`; ``overrides`` (the
    user's) win over both.
    """

    def __init__(
        self,
        overrides: Mapping[str, DecisionKind | str] | None = None,
        *,
        defaults: Mapping[str, DecisionKind | str] | None = None,
    ) -> None:
        table = dict(DEFAULT_REASONS)
        _entries(table, defaults or {}, "built-in reason")
        _entries(table, overrides or {}, "rejection reason")
        self.table = table

    @classmethod
    def from_file(
        cls, path: str | Path, *, defaults: Mapping[str, DecisionKind | str] | None = None
    ) -> ReasonTable:
        """The table with the overrides in a TOML file (or JSON, by its ``.json`` suffix)."""
        source = Path(path)
        try:
            text = source.read_text(encoding="utf-8")
            raw = json.loads(text) if source.suffix == ".json" else tomllib.loads(text)
        except (OSError, ValueError) as exc:
            raise DataError(f"cannot read the rejection reason table {source}: {exc}") from None
        if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
            raise DataError(f"{source}: expected pairs of reason = decision kind")
        return cls(raw, defaults=defaults)

    def kind(self, *reasons: str | None) -> DecisionKind:
        """The kind for the first of ``reasons`` the table knows; a rejection otherwise."""
        for reason in reasons:
            if not reason:
                continue
            key = reason.strip().casefold()
            if key in self.table:
                return self.table[key]
            for entry, kind in self.table.items():
                if entry in key:
                    return kind
        return DecisionKind.REJECTED
