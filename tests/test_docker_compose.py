"""docker-compose.yml parses and runs the node's services with health checks, behind a
TLS proxy that is the only way in, with its secrets from an .env that git ignores
(docs/operations.md)."""

import re
import secrets
from pathlib import Path

import dj_database_url
import pytest
import yaml
from redis.connection import parse_url

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"
CADDYFILE = ROOT / "Caddyfile"
ENV_EXAMPLE = ROOT / ".env.example"
# ${NAME}, ${NAME:-default}, ${NAME:?error}: compose's interpolation ($$ is a literal $).
VARIABLE = re.compile(r"(?<!\$)\$\{(\w+)(?:(:?[-?])([^}]*))?\}")


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


def interpolate(value, env):
    """A compose value with `env` as .env: what compose itself would make of it."""

    def one(match):
        name, operator, argument = match.groups()
        if env.get(name):
            return env[name]
        if operator == ":?":
            raise ValueError(argument)
        return argument or ""

    return VARIABLE.sub(one, value).replace("$$", "$")


def example_env():
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    return values


def required_variables():
    return set(re.findall(r"\$\{(\w+):\?", COMPOSE.read_text()))


def test_no_credential_is_written_in_the_compose_file():
    app = services()["web"]["environment"]

    assert required_variables() == {"DJANGO_SECRET_KEY", "POSTGRES_PASSWORD", "REDIS_PASSWORD"}
    assert "${POSTGRES_PASSWORD:?" in app["DATABASE_URL"]
    assert "${REDIS_PASSWORD:?" in app["REDIS_URL"]
    assert services()["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith(
        "${POSTGRES_PASSWORD:?"
    )
    assert "--requirepass" in services()["redis"]["command"]
    assert "redis://redis:" not in COMPOSE.read_text()  # no broker without its password


def test_the_example_env_names_every_variable_and_fills_in_no_secret():
    example = example_env()
    commented = set(re.findall(r"^# (\w+)=", ENV_EXAMPLE.read_text(), re.MULTILINE))
    used = {name for name, _, _ in VARIABLE.findall(COMPOSE.read_text())}

    assert used <= set(example) | commented
    assert all(example[name] == "" for name in required_variables())


def test_compose_refuses_an_env_without_the_secrets():
    with pytest.raises(ValueError, match=r"set POSTGRES_PASSWORD in \.env"):
        interpolate(services()["postgres"]["environment"]["POSTGRES_PASSWORD"], example_env())


def test_generated_passwords_reach_the_application_intact():
    env = example_env() | {
        name: secrets.token_urlsafe(50)
        for name in ("DJANGO_SECRET_KEY", "POSTGRES_PASSWORD", "REDIS_PASSWORD")
    }
    app = {
        name: interpolate(str(value), env)
        for name, value in services()["web"]["environment"].items()
    }

    database = dj_database_url.parse(app["DATABASE_URL"])
    assert (database["USER"], database["HOST"], database["NAME"]) == ("fdi", "postgres", "fdi")
    assert database["PASSWORD"] == env["POSTGRES_PASSWORD"]
    assert database["PASSWORD"] == interpolate(
        services()["postgres"]["environment"]["POSTGRES_PASSWORD"], env
    )
    broker = parse_url(app["REDIS_URL"])
    assert (broker["host"], broker["password"]) == ("redis", env["REDIS_PASSWORD"])
    assert [interpolate(part, env) for part in services()["redis"]["command"]][-1] == env[
        "REDIS_PASSWORD"
    ]
    assert app["DJANGO_SECRET_KEY"] == env["DJANGO_SECRET_KEY"]


def test_git_ignores_the_env_file_but_not_its_example():
    ignored = {line.strip() for line in (ROOT / ".gitignore").read_text().splitlines()}

    assert ".env" in ignored
    assert ENV_EXAMPLE.exists() and ".env.example" not in ignored
