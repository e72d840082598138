"""Benchmark: the reviewer pages at scale (the queue, its filters, a case page).

Fills a scratch PostgreSQL database with N cases (default 100,000) spread over the
statuses, most with a running phase and its deadline, then requests the pages in
process with Django's test client as a signed-in senior officer (second factor
verified) and reports p50/p95 per page over repeated requests.

    .venv/bin/python bench/reviewer_pages.py [--cases 100000] [--repeat 20]

Writes its figures to BENCHMARKS.md. The scratch database is `fdi_bench_pages`, or the
name in `BENCH_DATABASE` (so that two checkouts on one machine do not drop each other's).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import random
import re
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ADMIN_URL = os.environ.get(
    "BENCH_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
DATABASE = os.environ.get("BENCH_DATABASE", "fdi_bench_pages")
SECTORS = [
    "technology.robotics",
    "technology.semiconductors",
    "infrastructure.energy",
    "infrastructure.water",
    "technology.artificial_intelligence",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--demo", action="store_true", help="The README's demo data instead of --cases"
    )
    options = parser.parse_args()

    import psycopg
    from psycopg import sql

    admin = psycopg.connect(ADMIN_URL)
    admin.autocommit = True
    with admin.cursor() as cursor:
        name = sql.Identifier(DATABASE)
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
    admin.close()
    os.environ.update(
        DATABASE_URL=ADMIN_URL.rsplit("/", 1)[0] + "/" + DATABASE,
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-key",
        CELERY_TASK_ALWAYS_EAGER="1",  # no broker here: tasks run in the process
        DJANGO_SECURE_SSL_REDIRECT="0",  # the test client speaks plain HTTP
        DJANGO_ALLOWED_HOSTS="testserver",
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if options.demo:
        client, pages = demo_pages()
        figures = measure(client, pages, options.repeat)
        record(options, figures, key="reviewer_pages_demo")
        return
    client, case_id = fill(options.cases)
    pages = {
        "queue, by deadline": "/review/cases/",
        "queue, risk ≥ 50, by risk": "/review/cases/?ordering=risk&has_state_link=1",
        "queue, search by name": "/review/cases/?q=Holding%2012345",
        "queue, search by LEI": "/review/cases/?q=5299000J2N45DDNE4Y28",
        "queue, origin CN, semiconductors": (
            "/review/cases/?origin_country=CN&sector=technology.semiconductors"
        ),
        "queue, phase 1, assigned to me": "/review/cases/?status=phase_1&assignee=me",
        # The work lists (issue 17): the page opens on "open"; the others are its tabs.
        "queue, my cases": "/review/cases/?view=mine",
        "queue, unassigned": "/review/cases/?view=unassigned",
        "queue, awaiting my approval": "/review/cases/?view=approval",
        "queue, deadlines within 7 days": "/review/cases/?view=week",
        "queue, open requests": "/review/cases/?view=requests",
        "queue, all cases": "/review/cases/?view=all",
        "dashboard": "/review/",
        "case page": f"/review/cases/{case_id}/",
    }
    record(options, measure(client, pages, options.repeat), key="reviewer_pages")


def measure(client, pages: dict[str, str], repeat: int) -> dict[str, tuple[float, float]]:
    figures = {}
    for name, url in pages.items():
        times = []
        client.get(url)  # the first request of a page fills caches (templates, codes)
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        times.sort()
        figures[name] = (times[len(times) // 2], times[int(len(times) * 0.95) - 1])
        print(f"{name:46} p50 {figures[name][0]:7.1f} ms  p95 {figures[name][1]:7.1f} ms")
    return figures


def demo_pages():
    """The demo of the README on PostgreSQL, and every page a reviewer opens in it."""
    from django.core.management import call_command
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from reviews.models import Case

    call_command("load_demo", force=True, stdout=io.StringIO())
    client = Client()
    user = TOTPDevice.objects.get(user__username="senior").user
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    pages = {
        "dashboard": "/review/",
        "queue": "/review/cases/",
        "queue, search": "/review/cases/?q=energy",
        "statistics": "/review/statistics/",
        "statistics, XLSX": "/review/statistics/?download=xlsx",
    }
    for case in Case.objects.order_by("reference"):
        pages[f"case page {case.reference} ({case.status})"] = f"/review/cases/{case.pk}/"
    return client, pages


def fill(count: int):
    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core.models import Membership
    from reviews import regime
    from reviews.models import Case, Phase
    from reviews.services import node_authority

    rng = random.Random(2026)
    authority = node_authority()
    user = User.objects.create_user("senior", password="x")
    Membership.objects.create(user=user, organisation=authority)
    user.groups.set(
        [Group.objects.get_or_create(name=n)[0] for n in ("senior_officer", "case_officer")]
    )
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    statuses = [
        "received",
        "completeness_check",
        "phase_1",
        "phase_2",
        "decision_proposed",
        "decided",
        "closed",
        "withdrawn",
    ]
    now = timezone.now()
    started = time.perf_counter()
    batch = 5000
    for first in range(0, count, batch):
        cases = [
            Case(
                reference=f"DE-2026-{n + 1:06d}",
                authority=authority,
                origin="ex_officio",
                status=rng.choice(statuses),
                assignee=user if rng.random() < 0.05 else None,
                title=f"Acquisition of Target {n}",
                investor_name=f"Holding {n}",
                investor_country=(country := rng.choice(["CN", "US", "AE", "SG", "RU", "GB"])),
                origin_countries=[country],
                investor_lei=f"{n:020d}",
                target_name=f"Target {n} GmbH",
                target_country="DE",
                sectors=[rng.choice(SECTORS)],
                risk_score=rng.randint(0, 100),
                has_state_link=rng.random() < 0.1,
                regime=regime.current(),
                opened_at=now - timedelta(days=rng.randint(0, 700)),
            )
            for n in range(first, min(count, first + batch))
        ]
        for case in cases:
            if case.status in ("phase_1", "phase_2", "decision_proposed"):
                case.deadline = case.opened_at.date() + timedelta(days=61)
        Case.objects.bulk_create(cases)
        Phase.objects.bulk_create(
            Phase(
                case=case,
                kind="phase_1" if case.status != "phase_2" else "phase_2",
                started_on=case.opened_at.date(),
                length=2,
                unit="months",
                deadline=case.deadline,
            )
            for case in cases
            if case.status in ("phase_1", "phase_2", "decision_proposed")
        )
    print(f"{count} cases made in {time.perf_counter() - started:.0f} s")
    # As a database in service would have them: planner statistics (a freshly loaded
    # table has none, and the planner then reads 100,000 rows to find one) and GIN
    # pending lists merged (autovacuum does both, in its own time).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE reviews_case")
        cursor.execute("VACUUM ANALYZE reviews_phase")
    client = Client()
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client, Case.objects.filter(status="phase_1").values_list("pk", flat=True).first()


def record(options, figures, *, key: str) -> None:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    if options.demo:
        title, data = (
            "Reviewer pages on the demo data (`bench/reviewer_pages.py --demo`)",
            ("the README's demo (`load_demo`) on PostgreSQL, signed in as `senior`"),
        )
    else:
        title, data = (
            "Reviewer pages at scale (`bench/reviewer_pages.py`)",
            (f"{options.cases:,} cases"),
        )
    lines = [
        f"<!-- bench:{key} -->",
        f"## {title}",
        "",
        f"{today}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"PostgreSQL on the same machine; {data}; in-process requests "
        f"(Django test client, no network), {options.repeat} each after one warm-up. "
        "Goal: under 200 ms.",
        "",
        "| page | p50 ms | p95 ms |",
        "| --- | ---: | ---: |",
        *[f"| {name} | {p50:.1f} | {p95:.1f} |" for name, (p50, p95) in figures.items()],
        f"<!-- /bench:{key} -->",
    ]
    section = "\n".join(lines)
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text()
    pattern = re.compile(rf"<!-- bench:{key} -->.*<!-- /bench:{key} -->", re.S)
    text = pattern.sub(section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    path.write_text(text.rstrip() + "\n")


if __name__ == "__main__":
    main()
