"""Configuration checks: a node does not start on a setting it cannot run on safely.

The settings (config/settings.py) have no laptop fallbacks: no SQLite file, no built-in
secret key, no tasks run inside the request. When something is missing these checks
name the variable to set: as warnings with every management command (Django's system
checks), and as a refusal to start in config/wsgi.py, config/asgi.py and config/celery.py
before serving or working, where Django runs none (docs/decisions.md).
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from config.database_unset import MESSAGE as DATABASE_MESSAGE


def configuration_errors() -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    if settings.DATABASES["default"]["ENGINE"] == "config.database_unset":
        errors.append(
            checks.Error("No database is configured.", hint=DATABASE_MESSAGE, id="fdi.E001")
        )
    try:
        has_secret_key = bool(settings.SECRET_KEY)
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        has_secret_key = False
    if not has_secret_key:
        errors.append(
            checks.Error(
                "No secret key is configured.",
                hint=(
                    "Set DJANGO_SECRET_KEY to a long random string kept out of the "
                    "repository, e.g. the output of: "
                    "python -c 'import secrets; print(secrets.token_urlsafe(50))' "
                    "(scripts/demo.sh makes one for trying it out)."
                ),
                id="fdi.E002",
            )
        )
    if not settings.REDIS_URL and not settings.CELERY_TASK_ALWAYS_EAGER:
        errors.append(
            checks.Error(
                "No broker is configured for background tasks.",
                hint=(
                    "Set REDIS_URL (redis://… in production); scripts/demo.sh sets "
                    "CELERY_TASK_ALWAYS_EAGER=1 to run tasks inside the request instead."
                ),
                id="fdi.E003",
            )
        )
    return errors


@checks.register()
def check_configuration(
    app_configs: Iterable[Any] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Every management command names what is missing, but none is stopped by it:
    commands that need no running node (`makemigrations --check`, `help`) must work in a
    bare environment. What serves or works (WSGI, ASGI, Celery) refuses to start
    (`refuse_to_start_misconfigured`), and `check --deploy --fail-level WARNING` in
    scripts/test.sh fails on these warnings."""
    return [
        checks.Warning(error.msg, hint=error.hint, id=(error.id or "").replace(".E", ".W"))
        for error in configuration_errors()
    ]


def refuse_to_start_misconfigured(what: str) -> None:
    """Raise with every configuration error, for entry points Django runs no checks on."""
    errors = configuration_errors()
    if errors:
        lines = "\n".join(f"  {error.id}: {error.msg} {error.hint}" for error in errors)
        raise ImproperlyConfigured(f"The {what} will not start:\n{lines}")
