"""docker-compose.yml parses and runs the node's five services with health checks."""

from pathlib import Path

import yaml

COMPOSE = Path(__file__).resolve().parents[1] / "docker-compose.yml"


def services():
    return yaml.safe_load(COMPOSE.read_text())["services"]


def test_the_compose_file_names_the_five_services():
    assert set(services()) == {"web", "worker", "beat", "postgres", "redis"}


def test_every_service_has_a_health_check():
    assert all("healthcheck" in service for service in services().values())


def test_web_runs_gunicorn_and_the_worker_runs_celery():
    assert "gunicorn" in services()["web"]["command"]
    assert services()["worker"]["command"].startswith("celery -A config worker")
    assert services()["beat"]["command"].startswith("celery -A config beat")


def test_database_and_uploads_live_on_volumes():
    assert any("pgdata" in v for v in services()["postgres"]["volumes"])
    assert any("media" in v for v in services()["web"]["volumes"])
