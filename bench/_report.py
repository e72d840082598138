"""What every benchmark writes: the machine it ran on, and its section of BENCHMARKS.md."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def machine() -> str:
    """Today's date, the cores and CPU, and the Python version, for a figure's heading."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.machine(),
    )
    return (
        f"{datetime.now(UTC):%Y-%m-%d}, {os.cpu_count()} cores ({cpu}), "
        f"Python {platform.python_version()}"
    )


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 and p99 of `values` (nearest rank)."""
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return pick(0.5), pick(0.95), pick(0.99)


def replace_section(name: str, lines: list[str]) -> None:
    """Write `lines` between the section's markers in BENCHMARKS.md (appended the first
    time); what follows the closing marker, such as notes, is kept."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    section = "\n".join([start, *lines, end])
    target = ROOT / "BENCHMARKS.md"
    text = target.read_text()
    if start in text:
        head, _, rest = text.partition(start)
        text = head + section + rest.partition(end)[2]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    target.write_text(text)


def django_on_scratch_database(database: str, **environment: str) -> None:
    """Create `database` afresh (dropping an earlier one) and set Django up on it, with
    tasks run in the process (no broker) and logs at warnings; migrations applied."""
    import psycopg

    admin_url = os.environ.get(
        "BENCH_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
    )
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {database}")
    os.environ.update(
        DATABASE_URL=admin_url.rsplit("/", 1)[0] + "/" + database,
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-key",
        CELERY_TASK_ALWAYS_EAGER="1",
        LOG_LEVEL="WARNING",
        **environment,
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
