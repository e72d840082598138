"""After-commit effects (core/effects.py): recorded with the change, run after it
commits, retried with backoff when they fail, swept when their task is lost, and kept
as failed, for an operator to see, once they give up."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from config.celery import app as celery_app
from core import effects
from core.models import Effect

START = datetime(2026, 7, 6, 9, 0, tzinfo=UTC)
CALLS: list[dict] = []
FAILURES: list[str] = []


@effects.handler("test.remember")
def remember(**payload):
    if FAILURES:
        raise RuntimeError(FAILURES.pop(0))
    CALLS.append(payload)


@pytest.fixture(autouse=True)
def clean():
    CALLS.clear()
    FAILURES.clear()
    was = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = was


def make_due(effect):
    Effect.objects.filter(pk=effect.pk).update(next_attempt_at=timezone.now())


def test_an_effect_runs_once_its_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        effect = effects.record("test.remember", case="DE-2026-000001")
        assert CALLS == []  # not before the commit

    effect.refresh_from_db()
    assert (CALLS, effect.status, effect.attempts) == ([{"case": "DE-2026-000001"}], "done", 1)


def test_an_effect_of_a_rolled_back_change_is_never_recorded(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        effects.record("test.remember", case="DE-2026-000001")
        raise RuntimeError("the change fails")

    assert not Effect.objects.exists()


def test_a_failing_effect_keeps_its_reason_and_stays_pending(
    db, django_capture_on_commit_callbacks
):
    FAILURES.append("SMTP server said 421")
    with django_capture_on_commit_callbacks(execute=True):
        effect = effects.record("test.remember", n=1)

    effect.refresh_from_db()
    assert (effect.status, effect.attempts, effect.last_error) == (
        "pending",
        1,
        "RuntimeError: SMTP server said 421",
    )


def test_a_failed_effect_is_tried_again_by_the_sweep_once_its_wait_is_over(
    db, django_capture_on_commit_callbacks
):
    FAILURES.append("SMTP server said 421")
    with time_machine.travel(START, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            effect = effects.record("test.remember", n=1)
        clock.shift(effects.FIRST_RETRY - timedelta(seconds=1))
        too_early = effects.sweep_due()
        clock.shift(timedelta(seconds=1))
        on_time = effects.sweep_due()

    effect.refresh_from_db()
    assert (too_early, on_time, effect.status, CALLS) == (0, 1, "done", [{"n": 1}])


def test_each_failure_doubles_the_wait_before_the_next_attempt(db):
    FAILURES.extend(["down"] * 4)
    waits = []
    with time_machine.travel(START, tick=False) as clock:
        effect = effects.record("test.remember", n=1)
        for _ in range(4):
            effects.run(effect.pk)
            effect.refresh_from_db()
            waits.append(effect.next_attempt_at - timezone.now())
            clock.move_to(effect.next_attempt_at)

    assert waits == [timedelta(seconds=s) for s in (30, 60, 120, 240)]


def test_an_effect_whose_task_was_lost_is_run_by_the_sweep(db):
    effect = effects.record("test.remember", n=2)  # its commit callback never ran

    effects.sweep_due()

    effect.refresh_from_db()
    assert (effect.status, CALLS) == ("done", [{"n": 2}])


def test_after_the_last_attempt_an_effect_is_kept_as_failed_until_an_operator_retries(db):
    effect = effects.record("test.remember", n=3)
    FAILURES.extend(["down"] * effects.MAX_ATTEMPTS)
    for _ in range(effects.MAX_ATTEMPTS):
        make_due(effect)
        effects.run(effect.pk)

    effect.refresh_from_db()
    assert (effect.status, effect.attempts, effect.last_error) == (
        "failed",
        effects.MAX_ATTEMPTS,
        "RuntimeError: down",
    )
    assert effects.sweep_due() == 0  # given up: not swept again

    assert effects.retry(effect.pk) is True
    effects.sweep_due()
    effect.refresh_from_db()
    assert (effect.status, CALLS) == ("done", [{"n": 3}])


def test_a_failed_half_of_an_effect_leaves_nothing_behind(db):
    from core.models import Sequence

    @effects.handler("test.half")
    def half(**payload):
        Sequence.objects.create(name="half-done", year=2026)
        raise RuntimeError("and then it failed")

    effect = effects.record("test.half")
    effects.run(effect.pk)

    assert not Sequence.objects.filter(name="half-done").exists()


def test_a_second_copy_of_the_task_leaves_an_effect_another_worker_is_running(db):
    effect = effects.record("test.remember", n=4)
    # The first worker claimed it: its lease pushes the effect's next attempt on.
    Effect.objects.filter(pk=effect.pk).update(next_attempt_at=timezone.now() + effects.LEASE)

    ran = effects.run(effect.pk)  # the copy the sweep queued meanwhile

    assert (ran, CALLS) == (False, [])


def test_an_operators_retry_gives_a_fresh_series_of_attempts(db):
    effect = effects.record("test.remember", n=5)
    Effect.objects.filter(pk=effect.pk).update(status="failed", attempts=effects.MAX_ATTEMPTS)

    effects.retry(effect.pk)

    effect.refresh_from_db()
    assert (effect.status, effect.attempts) == ("pending", 0)
