import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# gunicorn runs no system checks: refuse to serve without a database, secret key or
# broker rather than fail on the first request (core/checks.py).
from core.checks import refuse_to_start_misconfigured  # noqa: E402

refuse_to_start_misconfigured("web server")
