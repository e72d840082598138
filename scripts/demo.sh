#!/usr/bin/env bash
# Install the project into .venv and run it with demo data on the embedded default:
# SQLite (./db.sqlite3) and Celery tasks run eagerly in the web process. No services needed.
#   HOST (default 127.0.0.1), PORT (default 8000)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
echo "Installing into .venv (first run takes a minute) ..."
install_project ""

# The embedded default: whatever the shell has set, this demo uses SQLite and eager tasks.
unset DATABASE_URL REDIS_URL
export DJANGO_DEBUG=1
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"

.venv/bin/python manage.py migrate --verbosity 0
demo_output="$(.venv/bin/python manage.py load_demo)"
echo "$demo_output"
node_key="$(.venv/bin/python manage.py node_keys)"
key="$(grep -o 'fdi_demoberger_[0-9a-f]*' <<<"$demo_output" | head -1)"
cat <<MSG

  FDI screening node is starting at   http://${HOST}:${PORT}/
  API documentation (Swagger UI):     http://${HOST}:${PORT}/api/docs/
  OpenAPI schema:                     http://${HOST}:${PORT}/api/schema/
  Health:                             http://${HOST}:${PORT}/healthz
  Staff sign-in:                      http://${HOST}:${PORT}/accounts/login/
    (second factor: .venv/bin/python manage.py totp officer --code prints the current code)
  This node's public key (for peers): ${node_key}

  Try:  curl -H "Authorization: Bearer ${key}" http://${HOST}:${PORT}/api/v1/filings/

  Stop with Ctrl+C.
MSG
exec .venv/bin/python manage.py runserver "${HOST}:${PORT}" --noreload
