from celery import shared_task

from core import effects, services


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


@shared_task
def run_effect(effect_id: int) -> bool:
    """One after-commit effect (core/effects.py); a failure is kept and retried."""
    return effects.run(effect_id)


@shared_task
def sweep_effects() -> int:
    """Queue effects whose task was lost or whose retry is due."""
    return effects.sweep_due()
