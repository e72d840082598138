#!/usr/bin/env bash
# Install the project with its test tools and run the whole suite: lint, types,
# migrations check, and pytest against PostgreSQL and Redis.
#   DATABASE_URL  default postgres://postgres@127.0.0.1:5432/fdi (tests use test_fdi)
#   REDIS_URL     default redis://127.0.0.1:6379/15
# Extra arguments go to pytest, e.g. scripts/test.sh -k idempotency
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
install_project "[test]"

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fdi}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/15}"
export DJANGO_SETTINGS_MODULE=config.settings
# The settings default to production (docs/decisions.md): a test run names its own key.
# The test client and live server speak plain HTTP: conftest.py turns the redirect off.
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-test-only-secret-key-4f7c2a9e-never-used-outside-the-test-suite}"

echo "== ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy .
# The layering of docs/architecture.md, as import-linter contracts (pyproject.toml).
echo "== layers"; .venv/bin/lint-imports
# Models against migrations: needs no server, so it runs on an in-memory SQLite.
echo "== migrations"
DATABASE_URL="sqlite:///:memory:" .venv/bin/python manage.py makemigrations --check --dry-run
# Production settings (DEBUG off, the transport defaults, a real key and host) pass
# Django's deployment checklist with no warning at all (docs/operations.md).
echo "== deployment check"
env -u DJANGO_SECURE_SSL_REDIRECT -u DJANGO_SECURE_COOKIES -u DJANGO_SECURE_HSTS_SECONDS \
  -u DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS -u DJANGO_SECURE_HSTS_PRELOAD \
  DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=fdi.example.eu DJANGO_BEHIND_TLS_PROXY=1 \
  DJANGO_SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
  .venv/bin/python manage.py check --deploy --fail-level WARNING
echo "== pytest"
set +e
.venv/bin/pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure." >&2
  exit 1
fi
exit "$status"
