"""Production is the default: with nothing set, DEBUG is off, HTTPS only, and no database,
secret key or broker is made up; what is missing is named when the node starts. Each
case runs Django in a fresh process with exactly the environment given."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASE = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp")}
PRODUCTION = {
    **BASE,
    "DJANGO_SECRET_KEY": "k3Jq9-vLx2Rw8ZpT4mYc7NbF1sHdG6aE0uQiWoKzXyVtBnMrPlSj5-prod-like",
    "DJANGO_ALLOWED_HOSTS": "fdi.example.eu",
    "DATABASE_URL": "postgres://fdi@127.0.0.1:5432/fdi",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}
SHOWN = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "CELERY_TASK_ALWAYS_EAGER",
]


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def settings_under(env: dict[str, str]) -> dict:
    code = (
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'\n"
        "from django.conf import settings\n"
        f"shown = {{name: getattr(settings, name, None) for name in {SHOWN!r}}}\n"
        "shown['ENGINE'] = settings.DATABASES['default']['ENGINE']\n"
        "print(json.dumps(shown))"
    )
    done = run(env, "-c", code)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_with_no_environment_debug_is_off_and_nothing_falls_back_to_sqlite_or_eager_tasks():
    shown = settings_under(BASE)

    assert shown["DEBUG"] is False
    assert "sqlite" not in shown["ENGINE"]
    assert shown["ENGINE"] == "config.database_unset"
    assert shown["CELERY_TASK_ALWAYS_EAGER"] is False


def test_with_no_environment_the_node_is_https_only():
    shown = settings_under(BASE)

    assert shown["SECURE_SSL_REDIRECT"] is True
    assert shown["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert shown["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert shown["SECURE_HSTS_PRELOAD"] is True
    assert shown["SESSION_COOKIE_SECURE"] is True
    assert shown["CSRF_COOKIE_SECURE"] is True
    assert shown["SECURE_PROXY_SSL_HEADER"] is None  # a client's header is not trusted


def test_behind_a_tls_proxy_its_forwarded_scheme_is_trusted():
    shown = settings_under({**BASE, "DJANGO_BEHIND_TLS_PROXY": "1"})

    assert shown["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_the_transport_settings_come_from_the_environment():
    shown = settings_under(
        {
            **BASE,
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_SECURE_HSTS_SECONDS": "600",
            "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "0",
            "DJANGO_SECURE_HSTS_PRELOAD": "0",
        }
    )

    assert shown["SECURE_SSL_REDIRECT"] is False
    assert shown["SESSION_COOKIE_SECURE"] is False
    assert shown["CSRF_COOKIE_SECURE"] is False
    assert shown["SECURE_HSTS_SECONDS"] == 600
    assert shown["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert shown["SECURE_HSTS_PRELOAD"] is False


def test_a_command_without_database_url_says_to_set_it():
    # Every command names what is missing (a warning: commands that need no running node,
    # such as makemigrations, still work); the deployment check refuses it.
    told = run(BASE, "manage.py", "check")
    done = run(BASE, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert told.returncode == 0 and "Set DATABASE_URL" in told.stderr
    assert done.returncode == 1
    assert (
        "Set DATABASE_URL (postgres://… in production; scripts/demo.sh sets a SQLite file "
        "for trying it out)" in done.stderr
    )
    assert "Set DJANGO_SECRET_KEY" in done.stderr
    assert "Set REDIS_URL" in done.stderr


def test_the_web_server_refuses_to_start_without_a_database():
    done = run({**PRODUCTION, "DATABASE_URL": ""}, "-c", "import config.wsgi")

    assert done.returncode != 0
    assert "The web server will not start" in done.stderr
    assert "Set DATABASE_URL" in done.stderr


def test_a_celery_worker_refuses_to_start_without_a_broker():
    done = run({**PRODUCTION, "REDIS_URL": ""}, "-m", "celery", "-A", "config", "worker")

    assert done.returncode != 0
    assert "The Celery process will not start" in done.stderr
    assert "Set REDIS_URL" in done.stderr


def test_the_database_used_without_database_url_says_to_set_it():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'\n"
        "django.setup()\n"
        "from django.contrib.auth.models import User\n"
        "User.objects.count()"
    )
    done = run({**PRODUCTION, "DATABASE_URL": ""}, "-c", code)

    assert done.returncode != 0
    assert "No database is configured. Set DATABASE_URL" in done.stderr


def test_type_checks_and_the_migrations_check_still_load_the_settings():
    # mypy's django-stubs imports the settings with whatever is set; scripts/test.sh runs
    # makemigrations --check on an in-memory SQLite with a secret key and a broker.
    assert settings_under(BASE)["DEBUG"] is False
    done = run(
        {**PRODUCTION, "DATABASE_URL": "sqlite:///:memory:"},
        "manage.py",
        "makemigrations",
        "--check",
        "--dry-run",
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_production_settings_pass_the_deployment_check_with_no_warning():
    done = run(PRODUCTION, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout
