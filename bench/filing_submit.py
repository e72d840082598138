"""Benchmark: sustained filing submissions per second through the API.

gunicorn on PostgreSQL serves the node; wrk (Debian package `wrk`) drives it from one
thread with a fixed number of connections, so the load generator costs little of the two
cores. Against the same server, in alternating rounds: the minimal authenticated DRF
endpoint (`GET /api/v1/whoami/`) and `POST /api/v1/filings/{id}/submit/` on pre-made
complete drafts, each submitted once. Each figure is the median over the rounds (the
machines are shared VMs and vary run to run); the ratio submit/minimal is the figure
we track.

    .venv/bin/python bench/filing_submit.py [--rounds 3] [--seconds 10] [--connections 8]

Writes the figures to BENCHMARKS.md (the section between the bench markers).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
ROOT = Path(__file__).resolve().parents[1]
ADMIN_URL = os.environ.get(
    "BENCH_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
DATABASE = "fdi_bench"
DATABASE_URL = ADMIN_URL.rsplit("/", 1)[0] + "/" + DATABASE
PORT = 8791
RESULT = re.compile(r"RESULT (.*)")


def run(*args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(
        args, cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def prepare(env: dict[str, str], drafts: int) -> tuple[str, Path]:
    import psycopg

    connection = psycopg.connect(ADMIN_URL)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        cursor.execute(f"CREATE DATABASE {DATABASE}")
    connection.close()
    run(sys.executable, "manage.py", "migrate", "--verbosity", "0", env=env)
    ids_file = Path(tempfile.mkstemp(suffix=".ids")[1])
    script = f"""
import django; django.setup()
from django.db import transaction
from core.actors import Actor
from core.models import Organisation
from core.services import create_api_key
from screening.services import create_draft
from tests.factories import complete_content
org = Organisation.objects.create(name="Bench Investor", kind="investor", country="CN")
issued = create_api_key(organisation=org, name="bench", actor=Actor.system("bench"))
actor = Actor.for_key(issued.key)
ids = []
with transaction.atomic():
    for _ in range({drafts}):
        ids.append(str(create_draft(actor=actor, content=complete_content()).id))
open({str(ids_file)!r}, "w").write("\\n".join(ids))
print(issued.secret)
"""
    secret = run(sys.executable, "-c", script, env=env).strip().splitlines()[-1]
    return secret, ids_file


def wrk(script: str, seconds: int, connections: int, env: dict[str, str]) -> dict[str, float]:
    output = run(
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "-s",
        f"bench/{script}",
        f"http://127.0.0.1:{PORT}",
        env=env,
    )
    match = RESULT.search(output)
    assert match, output
    values = dict(pair.split("=") for pair in match.group(1).split())
    duration = int(values["duration_us"]) / 1e6
    return {
        "requests": int(values["requests"]),
        "non2xx": int(values["non2xx"]),
        "rps": int(values["requests"]) / duration,
        "p50_ms": int(values["p50_us"]) / 1000,
        "p95_ms": int(values["p95_us"]) / 1000,
        "p99_ms": int(values["p99_us"]) / 1000,
    }


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    figures = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    figures["non2xx"] = sum(run["non2xx"] for run in runs)
    return figures


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1024 / 1024:.0f} GiB, "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", default="sync", help="gunicorn: sync or gthread")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads (gthread)")
    parser.add_argument(
        "--drafts", type=int, default=12000, help="split across rounds; each is submitted once"
    )
    parser.add_argument(
        "--eager",
        action="store_true",
        help="run Celery tasks inside the request (the embedded default) instead of queuing "
        "them in Redis as production does",
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production",
        # wrk speaks plain HTTP to gunicorn on loopback; production has TLS in front.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "MEDIA_ROOT": tempfile.mkdtemp(),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": str(ROOT),
    }
    if options.eager:
        env.pop("REDIS_URL", None)
        env["CELERY_TASK_ALWAYS_EAGER"] = "1"  # asked for: the settings never default to it
    else:
        # As in production: the request queues its background work (ownership assessment,
        # opening the case) in Redis; no worker runs during the measurement, and the queue
        # is emptied afterwards.
        env["REDIS_URL"] = BENCH_REDIS_URL
    print(f"Preparing {options.drafts} drafts in {DATABASE} ...", flush=True)
    secret, ids_file = prepare(env, options.drafts)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(options.workers),
            "--worker-class",
            options.worker_class,
            "--threads",
            str(options.threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except urllib.error.HTTPError:
                break  # up, and saying no worker runs (none does while tasks queue)
            except OSError:
                time.sleep(0.2)
        load_env = {**env, "BENCH_KEY": secret}
        wrk("plain.lua", 3, options.connections, load_env)  # warm-up
        # Each round submits its own slice of drafts: a draft submitted again with the same
        # Idempotency-Key would be a cheap replay, not a submission.
        ids = ids_file.read_text().split()
        per_round = len(ids) // options.rounds
        plains, submits = [], []
        for round_number in range(options.rounds):
            round_ids = ids_file.with_suffix(f".round{round_number}")
            round_ids.write_text("\n".join(ids[round_number * per_round :][:per_round]))
            round_env = {**load_env, "BENCH_IDS": str(round_ids)}
            plains.append(wrk("plain.lua", options.seconds, options.connections, round_env))
            submits.append(wrk("submit.lua", options.seconds, options.connections, round_env))
            round_ids.unlink()
        plain, submit = median_of(plains), median_of(submits)
    finally:
        server.terminate()
        server.wait(timeout=30)
        ids_file.unlink(missing_ok=True)
        if not options.eager:
            import redis

            redis.Redis.from_url(BENCH_REDIS_URL).flushdb()

    ratio = submit["rps"] / plain["rps"]
    rows = [
        ("minimal DRF endpoint (GET /api/v1/whoami/)", plain),
        ("filing submission (POST /api/v1/filings/{id}/submit/)", submit),
    ]
    print(f"medians of {options.rounds} rounds of {options.seconds} s each")
    print(f"{'endpoint':58} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'non-2xx':>8}")
    for name, figures in rows:
        print(
            f"{name:58} {figures['rps']:8.1f} {figures['p50_ms']:7.1f} {figures['p95_ms']:7.1f}"
            f" {figures['p99_ms']:7.1f} {int(figures['non2xx']):8d}"
        )
    print(f"ratio submit/minimal: {ratio:.2f}")
    if submit["non2xx"]:
        print("WARNING: drafts ran out or submits failed; raise --drafts", file=sys.stderr)
    record(options, rows, ratio)


def record(options: argparse.Namespace, rows: list, ratio: float) -> None:
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    lines = [
        "<!-- bench:filing_submit -->",
        "## Filing submissions through the API (`bench/filing_submit.py`)",
        "",
        f"{today}, {machine()}; gunicorn {options.workers} {options.worker_class} workers "
        f"× {options.threads} threads, PostgreSQL 15 on the "
        f"same machine, wrk 1 thread × {options.connections} connections; medians of "
        f"{options.rounds} alternating rounds of {options.seconds} s; background tasks "
        + ("run inside the request (eager). " if options.eager else "queued in Redis. ")
        + "Goal: ≥ 200 submissions/s, p99 < 150 ms.",
        "",
        "| endpoint | req/s | p50 ms | p95 ms | p99 ms | non-2xx |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, f in rows:
        lines.append(
            f"| {name} | {f['rps']:.1f} | {f['p50_ms']:.1f} | {f['p95_ms']:.1f} | "
            f"{f['p99_ms']:.1f} | {int(f['non2xx'])} |"
        )
    lines += ["", f"Ratio submit / minimal: **{ratio:.2f}**.", "<!-- /bench:filing_submit -->"]
    section = "\n".join(lines)
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n\nFigures printed by `bench/`.\n"
    pattern = re.compile(r"<!-- bench:filing_submit -->.*<!-- /bench:filing_submit -->", re.S)
    text = pattern.sub(section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    path.write_text(text.rstrip() + "\n")
    print(f"Recorded in {path}")


if __name__ == "__main__":
    main()
