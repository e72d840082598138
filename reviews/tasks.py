"""Celery tasks of the reviews app: thin wrappers around the services."""

from celery import shared_task

from reviews import receivers
from reviews.watch import watch_deadlines


@shared_task
def watch_deadlines_task() -> int:
    return watch_deadlines()


@shared_task
def open_missing_cases() -> int:
    """Cases for submitted filings whose opening event was lost (a crash after commit)."""
    return receivers.open_missing_cases()
