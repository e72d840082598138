from celery import shared_task

from core import services


@shared_task
def purge_idempotent_requests() -> int:
    return services.purge_idempotent_requests()


@shared_task
def sign_audit_head() -> int | None:
    """Celery beat signs the audit trail's head every few minutes (docs/security.md): a
    head stays fresh, so a missing one is itself a sign of deletion. Fails loudly, and
    signs nothing, if the trail no longer extends the last head."""
    head = services.sign_audit_head()
    return None if head is None else head.last_entry_id
