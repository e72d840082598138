from celery import shared_task

from core import services


@shared_task
def purge_idempotent_requests() -> int:
    return services.purge_idempotent_requests()
