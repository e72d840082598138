"""Celery tasks of the cooperation app: delivery of the outbox, and its sweep."""

from celery import shared_task

from cooperation import inbox, outbox
from core.queue import enqueue


@shared_task(acks_late=True)
def deliver_message(delivery_id: int) -> bool:
    return outbox.deliver(delivery_id)


@shared_task
def redeliver_due() -> int:
    """Re-queue every delivery whose next attempt is due: after a peer was down, a
    worker crashed or Redis lost its queue, the outbox in PostgreSQL still knows."""
    due = outbox.due_deliveries()
    for delivery_id in due:
        enqueue(deliver_message, delivery_id)
    return len(due)


@shared_task
def pull_feeds() -> int:
    """Catch up with every peer's feed (what their pushes may not have delivered)."""
    from cooperation.models import Peer

    new = 0
    for peer in Peer.objects.filter(is_active=True):
        try:
            new += inbox.pull_feed(peer)[1]
        except OSError:
            continue  # that peer is down; its feed waits for the next run
    return new
