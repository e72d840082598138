#!/usr/bin/env bash
# Install the project into .venv and run it with demo data, embedded: SQLite
# (./db.sqlite3) and Celery tasks run inside the request. No services needed.
#   HOST (default 127.0.0.1), PORT (default 8000)
#   scripts/demo.sh manage ARGS...   runs manage.py ARGS in the demo's environment,
#                                    e.g. scripts/demo.sh manage totp officer --code
set -euo pipefail
cd "$(dirname "$0")/.."
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"

# The settings default to production (docs/decisions.md); the demo sets what it needs,
# whatever the shell has set: SQLite, eager tasks, plain HTTP on this machine (no
# redirect to HTTPS, cookies without Secure), and a secret key made once per install.
# DEBUG stays off: WhiteNoise serves the static files, errors show the node's own page.
demo_environment() {
  unset REDIS_URL
  export DATABASE_URL="sqlite:///${PWD}/db.sqlite3"
  export CELERY_TASK_ALWAYS_EAGER=1
  export DJANGO_DEBUG=0 DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0
  export DJANGO_ALLOWED_HOSTS="${HOST},localhost,127.0.0.1,[::1]"
  local key_file=.venv/demo-secret-key
  if [ ! -s "$key_file" ]; then
    if [ -e db.sqlite3 ]; then
      # What the old key sealed (the node's signing key, the audit head) cannot be read.
      echo "A new demo secret key: the demo database is made again."
      rm -f db.sqlite3
    fi
    (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' > "$key_file")
  fi
  DJANGO_SECRET_KEY="$(cat "$key_file")"
  export DJANGO_SECRET_KEY
}

if [ "${1:-}" = manage ]; then
  shift
  [ -x .venv/bin/python ] || { echo "Run scripts/demo.sh once first." >&2; exit 1; }
  demo_environment
  exec .venv/bin/python manage.py "$@"
fi

source scripts/_venv.sh
echo "Installing into .venv (first run takes a minute) ..."
install_project ""
demo_environment

.venv/bin/python manage.py migrate --verbosity 0
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
demo_output="$(.venv/bin/python manage.py load_demo)"
echo "$demo_output"
.venv/bin/python manage.py load_demo_peers
node_key="$(.venv/bin/python manage.py node_keys)"
key="$(grep -o 'fdi_demoberger_[0-9a-f]*' <<<"$demo_output" | head -1)"
cat <<MSG

  FDI screening node is starting at   http://${HOST}:${PORT}/
  API documentation (Swagger UI):     http://${HOST}:${PORT}/api/docs/
  OpenAPI schema:                     http://${HOST}:${PORT}/api/schema/
  Health:                             http://${HOST}:${PORT}/healthz
  Staff sign-in:                      http://${HOST}:${PORT}/accounts/login/
    (second factor: scripts/demo.sh manage totp officer --code prints the current code)
  This node's public key (for peers): ${node_key}

  Try:  curl -H "Authorization: Bearer ${key}" http://${HOST}:${PORT}/api/v1/filings/

  This is a demo over plain HTTP with published passwords: not for production
  (docs/operations.md). Stop with Ctrl+C.
MSG
exec .venv/bin/python manage.py runserver "${HOST}:${PORT}" --noreload
