"""Celery tasks of the screening app: thin wrappers around services."""

from celery import shared_task

from screening import assessment


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def assess_filing_ownership(assessment_id: int) -> str:
    return assessment.assess(assessment_id).status


@shared_task
def sweep_ownership_assessments() -> int:
    """Re-queue assessments whose task was lost; assessing twice is harmless."""
    stale = assessment.stale_assessments()
    for assessment_id in stale:
        assess_filing_ownership.delay(assessment_id)
    return len(stale)
