# The node's image: production settings by default (docs/decisions.md). It needs at run
# time DATABASE_URL, REDIS_URL, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, and a TLS proxy
# in front with DJANGO_BEHIND_TLS_PROXY=1 (docker-compose.yml, docs/operations.md).
# Pinned to Python 3.11 on Debian 12 (bookworm), the versions CI tests on; pin by digest
# (python:3.11-slim-bookworm@sha256:...) where the registry can be asked for it.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# Pango for WeasyPrint, which writes the case file as PDF; Graphviz lays out the ownership
# picture.
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 graphviz \
 && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml constraints.txt README.md ./
# pip_install: the scripts' install, with PyICU as a wheel (the slim image has no C++
# compiler or ICU headers to build it from source).
COPY scripts/_venv.sh scripts/_venv.sh
COPY config config
COPY core core
COPY ownership ownership
COPY screening screening
COPY reviews reviews
COPY cooperation cooperation
COPY templates templates
COPY manage.py ./
RUN bash -c 'source scripts/_venv.sh && pip_install python --no-cache-dir -c constraints.txt .' \
 && python manage.py collectstatic --noinput \
 && useradd --create-home fdi && mkdir -p /data/media && chown fdi /data/media
USER fdi
EXPOSE 8000
# /healthz answers 200 when the database and the broker answer (core/health.py).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
