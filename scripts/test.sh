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

echo "== ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy .
# Models against migrations: needs no server, so it runs on an in-memory SQLite.
echo "== migrations"
DATABASE_URL="sqlite:///:memory:" .venv/bin/python manage.py makemigrations --check --dry-run
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
