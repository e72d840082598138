"""After-commit effects that are never lost: recorded with the change, run by Celery,
retried with backoff, swept, and visible when they fail.

A change that must be followed by something outside its transaction (telling the
cooperation app that a case moved, e-mailing a reviewer) calls `record(name, **payload)`
inside its transaction. The row commits with the change or not at all. After the commit
a task runs the handler registered under `name`; if the broker is down the sweep
(`sweep_due`, every minute) queues it later. A handler that raises does not touch the
request that caused it: the effect keeps the error and is tried again after 30 s, 1 min,
2 min, ... up to `MAX_ATTEMPTS`, then is marked failed for an operator to see (admin,
`manage.py effects`). Handlers must be safe to run twice (a crash between the handler
and its bookkeeping runs it again).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from core.models import Effect
from core.queue import enqueue

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12  # 30 s doubling: the last try about 17 hours after the first
FIRST_RETRY = timedelta(seconds=30)
LEASE = timedelta(minutes=5)  # a running effect is not swept again meanwhile
HANDLERS: dict[str, Callable[..., None]] = {}


def handler(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register the function that carries out the effects recorded as `name`."""

    def register(function: Callable[..., None]) -> Callable[..., None]:
        HANDLERS[name] = function
        return function

    return register


def record(name: str, **payload: Any) -> Effect:
    """Record an effect in the caller's transaction; it runs once that commits."""
    effect = Effect.objects.create(name=name, payload=payload)
    transaction.on_commit(lambda: _queue(effect.pk))
    return effect


def _queue(effect_id: int) -> None:
    from core.tasks import run_effect  # core.tasks imports this module: the cycle's one lazy end

    enqueue(run_effect, effect_id)


def run(effect_id: int) -> bool:
    """Carry out one due effect; True once it is done. Never raises: a failure is kept."""
    with transaction.atomic():
        # Due, pending and not leased: a second copy of the task (the sweep queues what
        # is due while the first copy may still wait in the queue) finds the lease and
        # leaves it, so one effect never runs twice at once.
        effect = (
            Effect.objects.select_for_update(skip_locked=True)
            .filter(pk=effect_id, status=Effect.Status.PENDING, next_attempt_at__lte=timezone.now())
            .first()
        )
        if effect is None:
            return Effect.objects.filter(pk=effect_id, status=Effect.Status.DONE).exists()
        Effect.objects.filter(pk=effect_id).update(next_attempt_at=timezone.now() + LEASE)
    try:
        run_handler = HANDLERS[effect.name]
        with transaction.atomic():  # a handler that fails half-way leaves nothing behind
            run_handler(**effect.payload)
    except Exception as error:  # a handler's failure must not be the caller's
        logger.exception("Effect %s #%s failed", effect.name, effect_id)
        _failed(effect, f"{type(error).__name__}: {error}")
        return False
    Effect.objects.filter(pk=effect_id).update(
        status=Effect.Status.DONE, done_at=timezone.now(), attempts=effect.attempts + 1
    )
    return True


def _failed(effect: Effect, reason: str) -> None:
    attempts = effect.attempts + 1
    gave_up = attempts >= MAX_ATTEMPTS
    Effect.objects.filter(pk=effect.pk).update(
        attempts=attempts,
        last_error=reason[:2000],
        status=Effect.Status.FAILED if gave_up else Effect.Status.PENDING,
        next_attempt_at=timezone.now() + FIRST_RETRY * 2 ** (attempts - 1),
    )


def due() -> list[int]:
    return list(
        Effect.objects.filter(status=Effect.Status.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:500]
    )


def sweep_due() -> int:
    """Queue every pending effect whose time has come (lost tasks, retries)."""
    ids = due()
    for effect_id in ids:
        _queue(effect_id)
    return len(ids)


def retry(effect_id: int) -> bool:
    """An operator's second chance for a failed effect: pending again, due now, with a
    fresh series of attempts."""
    return bool(
        Effect.objects.filter(pk=effect_id, status=Effect.Status.FAILED).update(
            status=Effect.Status.PENDING, next_attempt_at=timezone.now(), attempts=0
        )
    )
