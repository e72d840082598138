"""`/healthz`: is the database answering, is Redis answering, is a Celery worker alive?"""

from __future__ import annotations

import time
from typing import Any

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse

from config.celery import app as celery_app


def _timed(check: Any) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        result = check()
    except Exception as error:  # a health check reports failures, it does not raise
        result = {"status": "down", "error": f"{type(error).__name__}: {error}"}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def check_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": "ok", "vendor": connection.vendor}


def check_redis() -> dict[str, Any]:
    if not settings.REDIS_URL:
        return {"status": "not_configured"}
    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1)
    try:
        client.ping()
    finally:
        client.close()
    return {"status": "ok"}


def check_celery() -> dict[str, Any]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"status": "eager", "detail": "Tasks run in the web process (embedded default)."}
    replies = celery_app.control.ping(timeout=1.0)
    workers = sorted(name for reply in replies for name in reply)
    if not workers:
        return {"status": "down", "error": "No Celery worker answered within 1 s."}
    return {"status": "ok", "workers": workers}


HEALTHY = {"ok", "eager", "not_configured"}


def healthz(request: HttpRequest) -> JsonResponse:
    checks = {
        "database": _timed(check_database),
        "redis": _timed(check_redis),
        "celery": _timed(check_celery),
    }
    healthy = all(check["status"] in HEALTHY for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "node": settings.NODE_CODE, "checks": checks},
        status=200 if healthy else 503,
    )
