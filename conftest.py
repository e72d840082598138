"""The environment of a test run, however pytest is started (scripts/test.sh or bare).

The settings default to production (config/settings.py): no secret key, HTTPS only.
pytest-django loads them before any conftest, so what the tests need is applied here to
the loaded settings, and put in os.environ for the processes tests start (Celery
workers): a fixed test-only secret key, and no redirect to HTTPS, since the test client
and the live server speak plain HTTP. A value the caller set explicitly wins.
"""

import os

from django.conf import settings

TEST_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "test-only-secret-key-4f7c2a9e-never-used-outside-the-test-suite",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
}

for _name, _value in TEST_ENVIRONMENT.items():
    if not os.environ.get(_name):
        os.environ[_name] = _value
        if _name == "DJANGO_SECRET_KEY":
            settings.SECRET_KEY = _value
        else:
            settings.SECURE_SSL_REDIRECT = False
