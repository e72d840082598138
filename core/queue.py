"""Handing work to Celery without making the caller's answer depend on the broker.

Work queued here is already recorded in the database (an outbox row, a pending
assessment, a filing without its case), and a periodic sweep finds it again. So when
Redis is down or restarting, queuing fails quietly (logged), the request that caused it
still succeeds, and the sweep delivers the work once the broker is back.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def enqueue(task: Any, *args: Any) -> bool:
    try:
        task.delay(*args)
    except Exception as error:  # kombu's OperationalError, a refused connection, ...
        logger.warning("Could not queue %s%r (%s); its sweep will.", task.name, args, error)
        return False
    return True
