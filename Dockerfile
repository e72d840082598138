# The node's image: production settings by default (docs/decisions.md). It needs at run
# time DATABASE_URL, REDIS_URL, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, and a TLS proxy
# in front with DJANGO_BEHIND_TLS_PROXY=1 (docker-compose.yml, docs/operations.md).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY config config
COPY core core
COPY ownership ownership
COPY screening screening
COPY reviews reviews
COPY cooperation cooperation
COPY templates templates
COPY manage.py ./
RUN pip install --no-cache-dir -c constraints.txt . \
 && python manage.py collectstatic --noinput \
 && useradd --create-home fdi && mkdir -p /data/media && chown fdi /data/media
USER fdi
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
