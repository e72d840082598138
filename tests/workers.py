"""Start a real Celery worker process on Redis for tests whose behaviour depends on one."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def celery_worker(*, env: dict[str, str] | None = None, queue: str | None = None) -> Iterator[str]:
    """Yield the worker's name; it stops when the block ends."""
    name = f"test-{uuid.uuid4().hex[:8]}@localhost"
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--pool=solo",
        "--loglevel=WARNING",
        "-n",
        name,
        "--without-gossip",
        "--without-mingle",
    ]
    if queue:
        command += ["-Q", queue]
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, "CELERY_TASK_ALWAYS_EAGER": "0", **(env or {})}
    )
    try:
        yield name
    finally:
        process.terminate()
        process.wait(timeout=30)
