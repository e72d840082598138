"""The reviews app listening to filing events and watch-list imports (screening and
ownership never import reviews).

The events arrive after the filing's transaction has committed, inside the investor's
request; the work they cause (opening or re-scoring a case) is handed to Celery so the
investor does not wait for it. If a task is lost, the sweep `open_missing_cases` opens
the case later.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from core.queue import enqueue
from ownership.models import WatchlistImport
from ownership.signals import watchlist_imported
from reviews import tasks
from screening.models import Filing, FilingVersion, OwnershipAssessment
from screening.signals import filing_amended, filing_submitted, filing_withdrawn, ownership_assessed


@receiver(filing_submitted)
def open_case(sender: Any, filing: Filing, version: FilingVersion, **kwargs: Any) -> None:
    enqueue(tasks.open_case, str(version.pk))


@receiver(filing_amended)
def retriage_amended(sender: Any, filing: Filing, version: FilingVersion, **kwargs: Any) -> None:
    enqueue(tasks.retriage_case, str(version.pk))


@receiver(ownership_assessed)
def retriage_assessed(sender: Any, assessment: OwnershipAssessment, **kwargs: Any) -> None:
    enqueue(tasks.retriage_case, str(assessment.version_id))


@receiver(filing_withdrawn)
def withdraw_case(sender: Any, filing: Filing, **kwargs: Any) -> None:
    enqueue(tasks.withdraw_case, str(filing.pk))


@receiver(watchlist_imported)
def rescreen(sender: Any, watchlist_import: WatchlistImport, **kwargs: Any) -> None:
    enqueue(tasks.rescreen_open_cases, watchlist_import.pk)
