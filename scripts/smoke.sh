#!/usr/bin/env bash
# The demo's embedded setup (SQLite, eager Celery, plain HTTP on 127.0.0.1, DEBUG off,
# set explicitly as scripts/demo.sh does): the demo data loads and the server answers.
# Used by .ci/run after the test suite; assumes scripts/test.sh made .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
unset REDIS_URL
export DATABASE_URL="sqlite:///${work}/db.sqlite3" MEDIA_ROOT="${work}/media" \
  STATIC_ROOT="${work}/static" CELERY_TASK_ALWAYS_EAGER=1 DJANGO_DEBUG=0 \
  DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 DJANGO_ALLOWED_HOSTS=127.0.0.1
DJANGO_SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_SECRET_KEY
port="$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

.venv/bin/python manage.py migrate --verbosity 0
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/python manage.py load_demo > "${work}/demo.txt"
.venv/bin/python manage.py runserver "127.0.0.1:${port}" --noreload > "${work}/server.log" 2>&1 &
server=$!

base="http://127.0.0.1:${port}"
for _ in $(seq 1 60); do
  curl -fsS "${base}/healthz" > /dev/null 2>&1 && break
  sleep 0.5
done
key="$(grep -o 'fdi_demoberger_[0-9a-f]*' "${work}/demo.txt" | head -1)"
[ -n "$key" ] || { echo "smoke: the demo command printed no API key"; exit 1; }

check() {  # check NAME EXPECTED-SUBSTRING CURL-ARGS...
  local name="$1" expected="$2"; shift 2
  local body
  body="$(curl -fsS "$@")" || { echo "smoke: ${name} failed"; cat "${work}/server.log"; exit 1; }
  grep -q -- "$expected" <<<"$body" || { echo "smoke: ${name} lacks ${expected}: ${body:0:300}"; exit 1; }
  echo "smoke: ${name} ok"
}
check "health" '"status": "ok"' "${base}/healthz"
check "home page" "FDI screening" "${base}/"
check "API docs" "swagger-ui" "${base}/api/docs/"
check "API docs' start-up script, not inline (CSP)" "SwaggerUIBundle" "${base}/api/docs/?script="
check "static files with DEBUG off (WhiteNoise)" "swagger-ui" "${base}/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css"
status="$(curl -sS -o "${work}/missing.html" -w '%{http_code}' "${base}/no-such-page")"
if [ "$status" != 404 ] || grep -q "URLconf" "${work}/missing.html"; then
  echo "smoke: a missing page answered ${status} or Django's debug page"; exit 1
fi
echo "smoke: a missing page is a plain 404, no debug page ok"
# Berger files four: Nordwind, Schwaben Robotik, Hanse Mühlenwerke and (2026/1386) Lausitz Gallium.
check "investor API with the demo key" '"count":4' -H "Authorization: Bearer ${key}" "${base}/api/v1/filings/"
filing="$(curl -fsS -H "Authorization: Bearer ${key}" "${base}/api/v1/filings/?status=submitted" |
  .venv/bin/python -c 'import json, sys; print(next(f["id"] for f in json.load(sys.stdin)["results"] if "Nordwind" in f["title"]))')"
check "the review of a demo filing" '"status":"phase_1"' -H "Authorization: Bearer ${key}" "${base}/api/v1/filings/${filing}/review/"
check "its request for information" '"status":"open"' -H "Authorization: Bearer ${key}" "${base}/api/v1/filings/${filing}/information-requests/"
# Every demo filing's ownership was resolved (the import and the engine on SQLite).
unresolved="$(.venv/bin/python manage.py shell -c 'from screening.models import OwnershipAssessment as A; print(A.objects.exclude(status=A.Status.DONE).count())' 2>/dev/null | tail -1)"
if [ "$unresolved" != 0 ]; then
  echo "smoke: ${unresolved} ownership assessments of the demo are not done"; exit 1
fi
echo "smoke: every demo filing's ownership is resolved ok"

# A reviewer signs in with password and TOTP code and filters the queue (SQLite has no
# JSON containment: the sector and origin filters take their other path here).
jar="${work}/cookies"
curl -fsS -c "$jar" -o /dev/null "${base}/accounts/login/"
csrf="$(awk '$6 == "csrftoken" { print $7 }' "$jar")"
code="$(.venv/bin/python manage.py totp senior --code 2>/dev/null | tail -1)"
curl -fsS -b "$jar" -c "$jar" -o /dev/null -H "Referer: ${base}/accounts/login/" \
  --data-urlencode "csrfmiddlewaretoken=${csrf}" --data-urlencode "username=senior" \
  --data-urlencode "password=demo-password-2026" --data-urlencode "code=${code}" \
  --data-urlencode "next=/review/" "${base}/accounts/login/"
check "the dashboard" "Unread cross-state messages" -b "$jar" "${base}/review/"
check "the queue by sector and origin" "Nordwind" -b "$jar" \
  "${base}/review/cases/?sector=infrastructure.energy&origin_country=CN"
echo "smoke: the demo node on SQLite answers"
