"""Whether a free text names a person: how ``forget`` finds every note, title and reminder that
mentions someone, and how sealing decides whose key protects a text.

The rule, chosen to err towards erasing rather than keeping:

* The **full name** matches wherever it appears as whole words, ignoring case and accents'
  composed or decomposed forms (Unicode NFKC, case-folded) and however the words are spaced:
  "dana  REYES" names Dana Reyes.
* A **single part** of the name (a first or last name of three letters or more) matches on its
  own when no other person of the workspace shares it, as a whole word written as in the name
  ("Dana", or "DANA"): "Send Dana the article" names Dana Reyes when she is the only Dana. The
  case is kept so that a name that is also a word ("Will", "Rose") does not match every "will".
* Nothing shorter matches: "Ann" never names "Joanna", and initials are not matched.

A name part shared with another person is not enough on its own: "Send Dana the article" is not
attributed to either of two Danas, though their full names still match.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

__all__ = ["NameMatcher", "name_parts", "normalized"]

#: A part of a name shorter than this never names anyone on its own.
MIN_PART_LENGTH = 3


def normalized(text: str) -> str:
    """``text`` compared without case, composed/decomposed forms or repeated spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def name_parts(name: str) -> list[str]:
    """The words of a name that may name its owner alone (three letters or more)."""
    words = re.split(r"[\s\-]+", unicodedata.normalize("NFC", name).strip())
    return [w.strip(".,") for w in words if len(w.strip(".,")) >= MIN_PART_LENGTH]


def _words(text: str) -> str:
    """A pattern for ``text`` as whole words, with any spacing between them."""
    return r"(?<!\w)" + r"\s+".join(re.escape(w) for w in text.split()) + r"(?!\w)"


class NameMatcher:
    """Finds which of some people a text names, by the rule above.

    :param names: person id → name; blank names are skipped.
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        people = {pid: name for pid, name in names.items() if name and name.strip()}
        shared = Counter(part for name in people.values() for part in set(name_parts(name)))
        self._patterns: list[tuple[str, re.Pattern[str], re.Pattern[str] | None]] = []
        for person_id, name in people.items():
            full = re.compile(_words(normalized(name)))
            parts = [p for p in dict.fromkeys(name_parts(name)) if shared[p] == 1]
            alone: re.Pattern[str] | None = None
            if parts and len(name.split()) > 1:
                written = [p for part in parts for p in {part, part.upper()}]
                alone = re.compile("|".join(_words(p) for p in sorted(written)))
            self._patterns.append((person_id, full, alone))

    def __repr__(self) -> str:
        # The patterns hold names: never shown.
        return f"<NameMatcher of {len(self._patterns)} people>"

    def named_in(self, text: str | None) -> tuple[str, ...]:
        """The ids of the people ``text`` names, in the order they were given."""
        if not text:
            return ()
        folded = normalized(text)
        composed = unicodedata.normalize("NFC", text)
        return tuple(
            person_id
            for person_id, full, alone in self._patterns
            if full.search(folded) or (alone is not None and alone.search(composed))
        )

    def names(self, person_id: str, texts: Iterable[str | None]) -> bool:
        """Whether any of ``texts`` names ``person_id``."""
        return any(person_id in self.named_in(text) for text in texts)
