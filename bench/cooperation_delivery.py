"""Benchmark: cross-node delivery latency and throughput between two nodes on loopback.

Two real nodes (DE and FR) as the federation test starts them: each its own PostgreSQL
database, gunicorn (2 workers) and Celery worker (concurrency 2, beat embedded), on one
Redis. DE sends N comments to FR in one go, each written to its outbox and queued; the
figures are, per message, FR's receipt time minus DE's send time (the same clock), and
messages per second from the first send to the last receipt.

    .venv/bin/python bench/cooperation_delivery.py [--messages 500]

Needs PostgreSQL and redis-server on this machine; writes its figures to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.federation.harness import Federation, wait_for  # noqa: E402

SEND = """
import time
from core.actors import Actor
from cooperation import outbox, services
actor = Actor.system("benchmark")
for n in range({count}):
    outbox.send_message(kind="comment", addressees=["FR"], case_reference="{case}",
                          title=f"Comment {{n}}", payload={{"n": n}}, actor=actor)
    time.sleep({pause})
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=500, help="in the burst")
    parser.add_argument("--single", type=int, default=100, help="sent one at a time")
    options = parser.parse_args()

    federation = Federation(["DE", "FR"]).start()
    try:
        de, fr = federation["DE"], federation["FR"]
        # One at a time, a quarter second apart: the latency of a message on its own.
        alone = run(de, fr, options.single, pause=0.25, case="FR-2026-000001")
        # All at once: how many the outbox moves per second, and the wait in a burst.
        burst = run(de, fr, options.messages, pause=0, case="FR-2026-000002")
    finally:
        federation.stop()
    for name, (latencies, rate) in (("one at a time", alone), ("burst", burst)):
        print(
            f"{name}: {len(latencies)} messages DE → FR, p50 {percentile(latencies, 0.5):.0f} "
            f"ms, p95 {percentile(latencies, 0.95):.0f} ms, {rate:.1f}/s"
        )
    record(options, alone, burst)


def run(de, fr, count: int, *, pause: float, case: str) -> tuple[list[float], float]:
    de.manage("shell", "-c", SEND.format(count=count, pause=pause, case=case))
    query = "SELECT message_id, {} FROM cooperation_message WHERE case_reference = %s"
    wait_for(
        lambda: len(fr.query(query.format("received_at"), (case,))) >= count,
        timeout=600,
        what="every message at FR",
    )
    sent = dict(de.query(query.format("sent_at"), (case,)))
    received = dict(fr.query(query.format("received_at"), (case,)))
    latencies = [(received[m] - sent[m]).total_seconds() * 1000 for m in received]
    span = (max(received.values()) - min(sent.values())).total_seconds()
    return latencies, len(received) / span


def record(options, alone, burst) -> None:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    rows = []
    for name, (latencies, rate) in (
        (f"{options.single} messages one at a time (0.25 s apart)", alone),
        (f"{options.messages} messages at once", burst),
    ):
        rows.append(
            f"| {name} | {percentile(latencies, 0.5):.0f} | {percentile(latencies, 0.95):.0f} "
            f"| {rate:.1f} |"
        )
    section = "\n".join(
        [
            "<!-- bench:cooperation_delivery -->",
            "## Cross-node delivery (`bench/cooperation_delivery.py`)",
            "",
            f"{today}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}; "
            "two nodes on loopback (each: PostgreSQL database, gunicorn 2 workers, Celery "
            "worker concurrency 2 with beat), one Redis; comments DE → FR, each written to "
            "the outbox, queued, signed and delivered over HTTP. Latency: sent (DE) to "
            "stored (FR), on the same clock.",
            "",
            "| run | p50 ms | p95 ms | messages/s |",
            "| --- | ---: | ---: | ---: |",
            *rows,
            "<!-- /bench:cooperation_delivery -->",
        ]
    )
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text()
    pattern = re.compile(
        r"<!-- bench:cooperation_delivery -->.*<!-- /bench:cooperation_delivery -->", re.S
    )
    text = pattern.sub(section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    path.write_text(text.rstrip() + "\n")


if __name__ == "__main__":
    main()
