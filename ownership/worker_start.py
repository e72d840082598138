"""The start of a worker process screening names (`match_names --workers N`).

Workers are spawned, not forked: a fork copies the parent's open sockets (the Celery
broker's, the database's), and a child closing a copy it inherited mid-read waits on it
for ever. A spawned worker sets Django up afresh, on the parent's database (a test's
database is named at run time, not in the environment), and builds the name engine once.
Nothing here imports a model before Django is set up.
"""

from __future__ import annotations

from typing import Any


def start(database: dict[str, Any]) -> None:
    import django
    from django.conf import settings

    django.setup()
    for key, value in database.items():
        settings.DATABASES["default"][key] = value  # type: ignore[literal-required]
    from ownership.name_search import warm_up

    warm_up()
