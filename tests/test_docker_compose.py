"""docker-compose.yml parses and runs the node's services with health checks, behind a
TLS proxy that is the only way in (docs/operations.md)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"
CADDYFILE = ROOT / "Caddyfile"


def compose():
    return yaml.safe_load(COMPOSE.read_text())


def services():
    return compose()["services"]


def test_the_compose_file_names_the_six_services():
    assert set(services()) == {"proxy", "web", "worker", "beat", "postgres", "redis"}


def test_every_service_has_a_health_check():
    assert all("healthcheck" in service for service in services().values())


def test_web_runs_gunicorn_and_the_worker_runs_celery():
    assert "gunicorn" in services()["web"]["command"]
    assert services()["worker"]["command"].startswith("celery -A config worker")
    assert services()["beat"]["command"].startswith("celery -A config beat")


def test_database_and_uploads_live_on_volumes():
    assert any("pgdata" in v for v in services()["postgres"]["volumes"])
    assert any("media" in v for v in services()["web"]["volumes"])


def test_only_the_tls_proxy_is_published_gunicorn_is_not():
    published = {name for name, service in services().items() if "ports" in service}

    assert published == {"proxy"}
    assert {"80:80", "443:443"} <= set(services()["proxy"]["ports"])


def test_the_proxy_is_caddy_with_the_repositorys_caddyfile_and_keeps_its_certificates():
    proxy = services()["proxy"]

    assert proxy["image"] == "caddy:2"
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    assert any(v.startswith("caddydata:/data") for v in proxy["volumes"])
    assert CADDYFILE.exists()


def test_the_caddyfile_serves_the_domain_over_tls_to_gunicorn():
    lines = [line.strip() for line in CADDYFILE.read_text().splitlines()]

    assert "{$FDI_DOMAIN:localhost} {" in lines
    assert "tls {$FDI_TLS:internal}" in lines  # internal CA, or an e-mail for ACME
    assert "reverse_proxy web:8000" in lines


def test_the_application_runs_on_production_settings_behind_the_proxy():
    environment = services()["web"]["environment"]

    assert environment["DJANGO_DEBUG"] == "0"
    assert environment["DJANGO_BEHIND_TLS_PROXY"] == "1"
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert environment["REDIS_URL"].startswith("redis://")
    assert "DJANGO_SECRET_KEY" in environment
    # None of the demo's relaxations: no plain-HTTP cookies, no eager tasks, no redirect off.
    assert not {
        "DJANGO_SECURE_COOKIES",
        "CELERY_TASK_ALWAYS_EAGER",
        "DJANGO_SECURE_SSL_REDIRECT",
    } & set(environment)


def test_the_image_sets_no_debug_to_collect_its_static_files():
    assert "DJANGO_DEBUG" not in (ROOT / "Dockerfile").read_text().split("FROM", 1)[1]


def test_the_image_checks_its_own_health_on_a_pinned_base():
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert "FROM python:3.11-slim-bookworm" in dockerfile
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile
