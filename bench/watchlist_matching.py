"""Benchmark: a watch list of 1,000,000 FollowTheMoney entities, 1,000,000 parties.

Generates a list in the shape OpenSanctions publishes (persons with given, patronymic
and family names drawn with a skewed frequency, as real names are; companies of two or
three words and a legal form; some aliases, countries, birth dates and LEIs), and
parties to screen: a tenth of them perturbed names of listed entities, the rest names
that are not listed. Then, in one run against a scratch database:

1. the list import rate (entities/s) of `import_ftm` and its peak memory;
2. the latency of one name (p50/p95/p99), as the API matches it;
3. `match_names` over all the parties against the whole list (names/s): a first
   screening, and the hour the issue allows;
4. a delta of the list (one entity in 100 changed, one in 1,000 added, as a daily
   update might), then `match_names --changed-since-import` over the parties: the
   re-screening after a list change (docs/matching.md §7).

    .venv/bin/python bench/watchlist_matching.py --entities 1000000 --parties 1000000
    .venv/bin/python bench/watchlist_matching.py --entities 100000 --parties 20000

Needs PostgreSQL on 127.0.0.1; writes its figures to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
COUNTRIES = ["RU", "CN", "IR", "KP", "SY", "BY", "VE", "AE", "TR", "DE", "GB", "US"]
ONSETS = [
    "b",
    "d",
    "g",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "ch",
    "sh",
    "zh",
    "kh",
    "br",
    "gr",
    "st",
    "tr",
    "pr",
    "kr",
    "dr",
]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ia", "ou", "ya"]
CODAS = ["", "", "n", "r", "s", "l", "m", "k", "v", "t"]
LEGAL_FORMS = ["LLC", "JSC", "PJSC", "Ltd", "Co., Ltd.", "GmbH", "AG", "S.A.", "OOO", "Limited"]
WORDS = [
    "Trade",
    "Energy",
    "Oil",
    "Gas",
    "Steel",
    "Shipping",
    "Bank",
    "Invest",
    "Holding",
    "Group",
    "Industrial",
    "Mining",
]


def pseudo_word(rng: random.Random, syllables: int) -> str:
    return "".join(
        rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)
    ).capitalize()


def vocabulary(rng: random.Random, size: int, syllables: tuple[int, int]) -> list[str]:
    words = {pseudo_word(rng, rng.randint(*syllables)) for _ in range(size * 2)}
    return sorted(words)[:size]


def skewed(rng: random.Random, words: list[str]) -> str:
    """A word drawn with a Zipf-like frequency: a few very common, most rare."""
    return (
        words[min(len(words) - 1, int(rng.paretovariate(1.1)) - 1)]
        if rng.random() < 0.5
        else (rng.choice(words))
    )


def generate_list(path: Path, count: int, seed: int) -> list[dict]:
    """Write `count` FtM entities; return a sample of them to perturb into parties."""
    rng = random.Random(seed)
    given = vocabulary(rng, 3_000, (1, 2))
    family = vocabulary(rng, 60_000, (2, 3))
    brand = vocabulary(rng, 120_000, (2, 3))
    sample = []
    with path.open("w") as out:
        for number in range(count):
            entity = _entity(rng, number, given, family, brand)
            out.write(json.dumps(entity, ensure_ascii=False, separators=(",", ":")) + "\n")
            if rng.random() < 0.02:
                sample.append(entity)
    return sample


def _entity(rng, number, given, family, brand) -> dict:
    country = rng.choice(COUNTRIES)
    if rng.random() < 0.6:
        first, last = skewed(rng, given), skewed(rng, family)
        patronymic = skewed(rng, given) + ("ovich" if rng.random() < 0.5 else "evna")
        name = f"{first} {patronymic} {last}" if country in ("RU", "BY") else f"{first} {last}"
        properties = {
            "name": [name],
            "alias": [f"{last} {first}"] if rng.random() < 0.3 else [],
            "nationality": [country.lower()],
            "birthDate": [
                f"{rng.randint(1940, 1995)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            ]
            if rng.random() < 0.7
            else [],
        }
        schema, topics = "Person", ["sanction"] if rng.random() < 0.5 else ["role.pep"]
    else:
        words = [skewed(rng, brand)] + [rng.choice(WORDS) for _ in range(rng.randint(0, 2))]
        name = " ".join(words) + " " + rng.choice(LEGAL_FORMS)
        properties = {"name": [name], "jurisdiction": [country.lower()]}
        schema, topics = "Company", ["gov.soe"] if rng.random() < 0.3 else ["sanction"]
    return {
        "id": f"bench-{number}",
        "schema": schema,
        "caption": properties["name"][0],
        "properties": {key: value for key, value in properties.items() if value},
        "datasets": ["bench"],
        "topics": topics,
    }


def perturbed(rng: random.Random, name: str) -> str:
    """One letter changed, or two words swapped: a name a filer might write."""
    words = name.split()
    if len(words) > 1 and rng.random() < 0.3:
        words[0], words[-1] = words[-1], words[0]
        return " ".join(words)
    position = rng.randrange(len(name))
    return name[:position] + rng.choice("aeiourstn") + name[position + 1 :]


def generate_parties(path: Path, count: int, listed: list[dict], seed: int) -> None:
    rng = random.Random(seed + 1)
    given = vocabulary(rng, 3_000, (1, 2))
    family = vocabulary(rng, 60_000, (2, 3))
    with path.open("w") as out:
        for number in range(count):
            if listed and rng.random() < 0.1:
                entity = rng.choice(listed)
                line = {
                    "id": f"p{number}",
                    "name": perturbed(rng, entity["caption"]),
                    "schema": entity["schema"],
                }
            else:
                line = {
                    "id": f"p{number}",
                    "name": f"{rng.choice(given)} {rng.choice(family)}",
                    "schema": "Person" if rng.random() < 0.6 else "LegalEntity",
                }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--parties", type=int, default=1_000_000)
    parser.add_argument("--latency-samples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()

    from _report import django_on_scratch_database, percentiles

    django_on_scratch_database("fdi_bench_watchlist")
    from django.conf import settings
    from django.core.management import call_command

    from ownership.ftm_import import import_ftm
    from ownership.name_search import search, warm_up
    from ownership.pure.matching import Named

    work = Path(tempfile.mkdtemp())
    list_path, parties_path = work / "list.ftm.jsonl", work / "parties.jsonl"
    started = time.perf_counter()
    listed = generate_list(list_path, options.entities, options.seed)
    generate_parties(parties_path, options.parties, listed, options.seed)
    print(f"generated in {time.perf_counter() - started:.0f} s")

    warm_up()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    import_ftm(list_path)
    import_seconds = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    import_rate = options.entities / import_seconds
    print(
        f"list import: {options.entities} entities in {import_seconds:.0f} s = "
        f"{import_rate:.0f}/s; peak RSS {rss_after / 1024:.0f} MB (before {rss_before / 1024:.0f})"
    )

    rng = random.Random(options.seed)
    samples = [json.loads(line) for line in parties_path.open()]
    samples = rng.sample(samples, min(options.latency_samples, len(samples)))
    latencies = []
    for line in samples:
        named = Named((line["name"],), line["schema"])
        started = time.perf_counter()
        search([named], threshold=settings.WATCHLIST_MATCH_THRESHOLD)
        latencies.append((time.perf_counter() - started) * 1000)
    p50, p95, p99 = percentiles(latencies)
    print(f"one name: p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms")

    started = time.perf_counter()
    call_command(
        "match_names", str(parties_path), output=str(work / "out.jsonl"), workers=os.cpu_count()
    )
    batch_seconds = time.perf_counter() - started
    batch_rate = options.parties / batch_seconds
    print(
        f"match_names: {options.parties} names in {batch_seconds:.0f} s = {batch_rate:.0f}/s"
        f" ({options.parties / batch_rate / 3600:.2f} h for these parties)"
    )
    delta_path = work / "delta.ftm.jsonl"
    operations = generate_delta(list_path, delta_path)
    started = time.perf_counter()
    delta = import_ftm(delta_path)
    delta_rate = operations / (time.perf_counter() - started)
    print(f"delta import: {operations} operations = {delta_rate:.0f}/s")
    started = time.perf_counter()
    call_command(
        "match_names",
        str(parties_path),
        output=str(work / "out-delta.jsonl"),
        workers=os.cpu_count(),
        changed_since_import=delta.pk,
    )
    rescreen_rate = options.parties / (time.perf_counter() - started)
    print(
        f"match_names against the delta: {rescreen_rate:.0f}/s "
        f"({1_000_000 / rescreen_rate / 3600:.2f} h for 1,000,000 parties)"
    )
    record(
        options,
        import_rate,
        rss_after / 1024,
        (p50, p95, p99),
        batch_rate,
        (operations, delta_rate, rescreen_rate),
    )


def generate_delta(list_path: Path, path: Path) -> int:
    """A delta of the list: every 100th entity changed (an alias added), every 1,000th
    listed again under a new id; returns the number of operations."""
    operations = 0
    with list_path.open() as listed, path.open("w") as out:
        for number, line in enumerate(listed):
            if number % 100:
                continue
            entity = json.loads(line)
            words = entity["caption"].split()
            entity["properties"].setdefault("alias", []).append(" ".join(reversed(words)))
            out.write(json.dumps({"op": "MOD", "entity": entity}, ensure_ascii=False) + "\n")
            operations += 1
            if number % 1000 == 0:
                added = {**entity, "id": entity["id"] + "-new"}
                out.write(json.dumps({"op": "ADD", "entity": added}, ensure_ascii=False) + "\n")
                operations += 1
    return operations


def record(options, import_rate, peak_mb, latency, batch_rate, delta) -> None:
    from _report import machine, replace_section

    p50, p95, p99 = latency
    operations, delta_rate, rescreen_rate = delta
    replace_section(
        "watchlist_matching",
        [
            "## Watch-list matching at list scale (`bench/watchlist_matching.py`)",
            "",
            f"{machine()}; {options.entities:,} list entities, {options.parties:,} parties. "
            "Goals: one name p95 < 50 ms; 1,000,000 parties re-screened in under an hour; "
            "memory flat in the list size.",
            "",
            "| figure | value |",
            "| --- | ---: |",
            f"| list import (entities/s) | {import_rate:,.0f} |",
            f"| peak memory of the import (MB) | {peak_mb:,.0f} |",
            f"| one name p50 / p95 / p99 (ms) | {p50:.1f} / {p95:.1f} / {p99:.1f} |",
            f"| match_names against the whole list (names/s) | {batch_rate:,.0f} |",
            f"| 1,000,000 parties would take (h) | {1_000_000 / batch_rate / 3600:.2f} |",
            f"| delta of {operations:,} operations, import (operations/s) | {delta_rate:,.0f} |",
            f"| match_names against the delta (names/s) | {rescreen_rate:,.0f} |",
            "| 1,000,000 parties re-screened after the delta would take (h) | "
            f"{1_000_000 / rescreen_rate / 3600:.2f} |",
        ],
    )


if __name__ == "__main__":
    main()
