"""The ATS side of afterview: applicant tracking systems and public job boards.

* :mod:`afterview.ats.protocols` — :class:`JobBoard` and :class:`Importer`, the two protocols an
  ATS plugin implements, and the values they return.
* :mod:`afterview.ats.plugin` — :class:`~afterview.ats.plugin.AtsPlugin`, the base class that
  gives every ATS plugin the same HTTP settings.
* :mod:`afterview.ats.http` — the HTTP client those plugins share (retries, ``Retry-After``,
  size caps, secrets kept out of errors).
* :mod:`afterview.ats.reasons` — the table from an ATS's rejection reasons to decision kinds.
* :mod:`afterview.ats.importing` — applying an importer's records to a workspace, idempotently.
* :mod:`afterview.ats.watch` — the opening watch over job boards.

Plugins import the public names from :mod:`afterview`; the protocols are also importable from
here.
"""

from afterview.ats.protocols import (
    BoardPosting,
    ImportedRecord,
    Importer,
    ImportProblem,
    JobBoard,
    close_quietly,
)

__all__ = [
    "BoardPosting",
    "ImportProblem",
    "ImportedRecord",
    "Importer",
    "JobBoard",
    "close_quietly",
]
