"""The case lifecycle: review queue, claims, dismissals, escalation, draft approve/reject/rebuild.

:class:`CaseService` is what ``tipline cases …``, ``tipline reports reject|rebuild``
and the review console call. Cases are opened by the flow
(:func:`new_case`, from ``flows/pipeline.py:Pipeline.package``): one case per
evidence package, ``case_id`` = ``package_id`` = ``draft_id``.

Invariants:

* Custody first: every status change (of a case or a draft) is appended to the
  package's custody log as a ``status_changed`` event (always followed by a
  signed checkpoint) BEFORE the case or draft file is written. Draft status
  changes go through ONE place, :meth:`CustodyDrafts.transition` (and
  :meth:`CustodyDrafts.rebuild`), which the CLI's approve and submit use too.
* A status on disk that the custody log does not back (a hand-edited
  ``draft.json`` or ``case.json``) is refused. When the custody log is one
  allowed step ahead of the file (a crash between the two writes), the file
  is rolled forward to the logged status instead.
* Roles: ``reviewer`` for claim, dismiss, escalate, context requests,
  approve, reject, rebuild, classify and annotate; reading content
  (``reveal_text``, :meth:`CaseService.reveal_media`) also needs ``viewer``
  and is custody-logged by the vault before any byte is released.
* Nothing here writes message text or media to a file; dismissal reasons and
  notes are reviewer text that must not quote content (documented).
"""

from tipline.services.cases.custody import CustodyDrafts, recorded_status
from tipline.services.cases.opening import (
    SUBJECT_CASE,
    SUBJECT_DRAFT,
    content_free,
    new_case,
    timeline_rows,
)
from tipline.services.cases.reading import CaseReader
from tipline.services.cases.service import CaseService

__all__ = [
    "SUBJECT_CASE",
    "SUBJECT_DRAFT",
    "CaseReader",
    "CaseService",
    "CustodyDrafts",
    "content_free",
    "new_case",
    "recorded_status",
    "timeline_rows",
]
