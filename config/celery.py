"""The Celery application: tasks go to Redis (REDIS_URL); the demo runs them eagerly."""

import os
from typing import Any

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("fdi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def refuse_to_start_misconfigured(**kwargs: Any) -> None:
    """A worker or beat without database, secret key or broker stops here with the
    variables to set, instead of working on nothing (core/checks.py). Celery swallows a
    receiver's exceptions, not SystemExit."""
    from django.core.exceptions import ImproperlyConfigured

    from core.checks import refuse_to_start_misconfigured

    try:
        refuse_to_start_misconfigured("Celery process")
    except ImproperlyConfigured as error:
        raise SystemExit(str(error)) from error
