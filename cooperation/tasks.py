"""Celery tasks of the cooperation app: delivery of the outbox, and its sweep."""

from celery import shared_task

from cooperation import services
from core.queue import enqueue


@shared_task(acks_late=True)
def deliver_message(delivery_id: int) -> bool:
    return services.deliver(delivery_id)


@shared_task
def redeliver_due() -> int:
    """Re-queue every delivery whose next attempt is due: after a peer was down, a
    worker crashed or Redis lost its queue, the outbox in PostgreSQL still knows."""
    due = services.due_deliveries()
    for delivery_id in due:
        enqueue(deliver_message, delivery_id)
    return len(due)
