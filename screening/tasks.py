"""Celery tasks of the screening app: thin wrappers around services."""

from celery import Task, shared_task

from core.queue import enqueue
from screening import assessment


@shared_task(bind=True, acks_late=True, max_retries=5)
def assess_filing_ownership(self: Task, assessment_id: int) -> str:
    try:
        return assessment.assess(assessment_id).status
    except Exception as error:
        if self.request.retries >= self.max_retries:
            assessment.record_failure(assessment_id, error)
            raise
        raise self.retry(exc=error, countdown=10 * 2**self.request.retries) from error


@shared_task
def sweep_ownership_assessments() -> int:
    """Re-queue assessments whose task was lost; assessing twice is harmless."""
    stale = assessment.stale_assessments()
    for assessment_id in stale:
        enqueue(assess_filing_ownership, assessment_id)
    return len(stale)
