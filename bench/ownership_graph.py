"""Benchmark: a synthetic ownership graph, its BODS import, and resolutions.

Generates groups of companies up to 12 levels deep owned by persons, funds or state
bodies (about 1.5 interests per party), with cross-holdings inside some groups,
state-owned groups, and share ranges. Then, in one run against a scratch database:

1. import rate of `import_bods` (statements/s), beside a plain PostgreSQL COPY of the
   very rows the import wrote into empty tables of the same definition, and (for
   context) a COPY of the raw statements into one jsonb column;
2. resolution p50/p95/p99 over random subjects, loaded from PostgreSQL;
3. the same integrated-ownership computation by NetworkX on the graph in memory.

    .venv/bin/python bench/ownership_graph.py --parties 1000000   # the issue's scale
    .venv/bin/python bench/ownership_graph.py --parties 100000    # a quick check

Needs PostgreSQL on 127.0.0.1; writes its figures to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATABASE = "fdi_bench_graph"
COUNTRIES = ["DE", "FR", "NL", "US", "GB", "CN", "SG", "AE", "RU", "JP", "KY", "LU"]


def generate(
    path: Path, updates: Path, parties: int, seed: int, history: float
) -> tuple[int, int, list[str], list[tuple]]:
    """Write BODS JSON lines, and to `updates` a later statement (a yearly confirmation,
    dated 2026-03-01) of a share `history` of the relationships, so records have a
    history; return both statement counts, the subjects, the edges."""
    rng = random.Random(seed)
    from ownership.pure import statements as bods

    statements = 0
    confirmations = 0
    later = updates.open("w")

    def confirm(statement: dict) -> None:
        nonlocal confirmations
        if rng.random() < history:
            again = bods.owns(
                statement["recordId"],
                statement["recordDetails"]["interestedParty"],
                statement["recordDetails"]["subject"],
                *statement["recordDetails"]["interests"],
                subject=statement["declarationSubject"],
                date="2026-03-01",
            )
            again["recordStatus"] = "updated"
            later.write(json.dumps(again, separators=(",", ":")) + "\n")
            confirmations += 1

    edges: list[tuple[str, str, float, float]] = []
    subjects: list[str] = []
    with path.open("w") as out:

        def emit(statement: dict) -> None:
            nonlocal statements
            out.write(json.dumps(statement, separators=(",", ":")) + "\n")
            statements += 1
            if statement["recordType"] == "relationship":
                confirm(statement)

        made = 0
        group = 0
        while made < parties:
            group += 1
            size = min(rng.randint(4, 40), parties - made)
            country = rng.choice(COUNTRIES)
            state_owned = rng.random() < 0.1
            members = [f"g{group}-{i}" for i in range(size)]
            made += size
            top = members[0]
            if state_owned:
                emit(
                    bods.entity(
                        top, f"Ministry {group}", country, subject=top, entity_type="stateBody"
                    )
                )
            elif rng.random() < 0.5:
                emit(bods.person(top, f"Owner {group}", country, subject=top))
            else:
                emit(bods.entity(top, f"Fund {group}", country, subject=top))
            depth = {top: 0}
            for index, member in enumerate(members[1:], 1):
                emit(bods.entity(member, f"Company {group}-{index}", country, subject=top))
                # Owners come from earlier members, keeping depth at most 12.
                candidates = [m for m in members[:index] if depth[m] < 12]
                owners = rng.sample(candidates, k=min(len(candidates), rng.choice([1, 1, 2, 2])))
                depth[member] = 1 + max(depth[o] for o in owners)
                remaining = 100.0
                for position, owner in enumerate(owners):
                    share = (
                        remaining
                        if position == len(owners) - 1
                        else round(rng.uniform(10, remaining - 10), 2)
                    )
                    remaining -= share
                    edges.append(_edge(emit, bods, rng, owner, member, share, top))
                subjects.append(member)
            if size > 3 and rng.random() < 0.05:
                # A cross-holding: a deep member takes a stake back in a shallow one.
                a, b = members[-1], members[1]
                edges.append(_edge(emit, bods, rng, a, b, round(rng.uniform(5, 20), 2), top))
    later.close()
    return statements, confirmations, subjects, edges


def _edge(emit, bods, rng, owner, owned, share, subject):
    ranged = rng.random() < 0.1
    low, high = (max(0.0, share - 5), min(100.0, share + 5)) if ranged else (share, share)
    interest = (
        bods.interest("shareholding", minimum=low, maximum=high)
        if ranged
        else bods.interest("shareholding", exact=share)
    )
    emit(bods.owns(f"r-{owner}-{owned}", owner, owned, interest, subject=subject))
    return (owner, owned, low, high)


IMPORTED_TABLES = (
    "ownership_party",
    "ownership_relationship",
    "ownership_interest",
    "ownership_importedstatement",
)


def copy_baseline(connection, work: Path) -> float:
    """A plain COPY of the very rows the import wrote, into empty tables of the same
    definition (columns, keys, indexes, constraints; logged like the real ones)."""
    cursor = connection.cursor()
    dumps = []
    for table in IMPORTED_TABLES:
        dump = work / f"{table}.copy"
        with dump.open("wb") as out, cursor.copy(f"COPY {table} TO STDOUT") as copy:
            for data in copy:
                out.write(data)
        cursor.execute(f"CREATE TABLE baseline_{table} (LIKE {table} INCLUDING ALL)")
        dumps.append((table, dump))
    connection.commit()
    started = time.perf_counter()
    for table, dump in dumps:
        with dump.open("rb") as rows, cursor.copy(f"COPY baseline_{table} FROM STDIN") as copy:
            while data := rows.read(1 << 20):
                copy.write(data)
    connection.commit()
    seconds = time.perf_counter() - started
    for table, dump in dumps:
        cursor.execute(f"DROP TABLE baseline_{table}")
        dump.unlink()
    connection.commit()
    return seconds


def copy_raw_statements(connection, path: Path) -> float:
    """For context: COPY of the file's statements as they are into one jsonb column."""
    cursor = connection.cursor()
    cursor.execute("CREATE TABLE baseline_raw (statement jsonb)")
    connection.commit()
    started = time.perf_counter()
    with path.open("rb") as lines, cursor.copy("COPY baseline_raw FROM STDIN") as copy:
        while data := lines.read(1 << 20):
            copy.write(data.replace(b"\\", b"\\\\"))  # COPY's text format escapes \
    connection.commit()
    seconds = time.perf_counter() - started
    cursor.execute("DROP TABLE baseline_raw")
    connection.commit()
    return seconds


def networkx_resolution(graph, subject: str) -> dict[str, float]:
    import networkx as nx
    import numpy as np
    from scipy.sparse import identity
    from scipy.sparse.linalg import spsolve

    nodes = [subject, *nx.ancestors(graph, subject)]
    sub = graph.subgraph(nodes)
    matrix = nx.to_scipy_sparse_array(sub, nodelist=nodes, weight="share", format="csc")
    rhs = np.zeros(len(nodes))
    rhs[0] = 1.0
    solution = np.atleast_1d(spsolve((identity(len(nodes), format="csc") - matrix).tocsc(), rhs))
    return dict(zip(nodes[1:], solution[1:] * 100, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parties", type=int, default=1_000_000)
    parser.add_argument("--resolutions", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--history", type=float, default=0.2, help="share of relationships restated later"
    )
    options = parser.parse_args()

    from _report import django_on_scratch_database, percentiles

    django_on_scratch_database(DATABASE)
    from django.db import connection

    from ownership.bods_import import import_file
    from ownership.services import resolve_record

    work = Path(tempfile.mkdtemp())
    path, updates = work / "graph.jsonl", work / "updates.jsonl"
    started = time.perf_counter()
    first, restated, subjects, edges = generate(
        path, updates, options.parties, options.seed, options.history
    )
    count = first + restated
    print(
        f"generated {first} statements ({len(edges)} interests) and {restated} later "
        f"statements in {time.perf_counter() - started:.0f} s, "
        f"{path.stat().st_size / 1e6:.0f} MB"
    )

    started = time.perf_counter()
    run = import_file(path)
    first_seconds = time.perf_counter() - started
    size_before = stored_bytes(connection)
    started = time.perf_counter()
    again = import_file(updates)
    update_seconds = time.perf_counter() - started
    growth = (stored_bytes(connection) - size_before) / max(1, again.applied)
    import_seconds = first_seconds + update_seconds
    import_rate = (run.applied + again.applied) / import_seconds
    print(
        f"import: {run.applied} statements in {first_seconds:.0f} s, then {again.applied} "
        f"later statements of the same records in {update_seconds:.0f} s: "
        f"{import_rate:.0f}/s ({len(run.problems) + len(again.problems)} refused); "
        f"storage {size_before / first:.0f} bytes a statement, each later statement "
        f"{growth:.0f} bytes more"
    )

    connection.ensure_connection()
    copy_seconds = copy_baseline(connection.connection, work)
    copy_rate = count / copy_seconds
    raw_rate = count / copy_raw_statements(connection.connection, path)
    print(
        f"plain COPY of the rows the import wrote: {copy_seconds:.1f} s = {copy_rate:.0f} "
        f"statements/s; import at {100 * import_rate / copy_rate:.1f} % of COPY"
    )
    print(
        f"plain COPY of the raw statements into jsonb: {raw_rate:.0f} statements/s; "
        f"import at {100 * import_rate / raw_rate:.1f} %"
    )

    rng = random.Random(options.seed)
    sample = rng.sample(subjects, min(options.resolutions, len(subjects)))
    ours = []
    for subject in sample:
        started = time.perf_counter()
        resolve_record(subject, as_of=date(2026, 6, 1))  # after the later statements
        ours.append((time.perf_counter() - started) * 1000)
    earlier = []
    for subject in sample:
        started = time.perf_counter()
        resolve_record(subject, as_of=date(2026, 2, 1))  # before them: history read
        earlier.append((time.perf_counter() - started) * 1000)

    import networkx as nx

    graph = nx.DiGraph()
    for owner, owned, low, _ in edges:
        graph.add_edge(owner, owned, share=low / 100)
    theirs = []
    for subject in sample:
        started = time.perf_counter()
        networkx_resolution(graph, subject)
        theirs.append((time.perf_counter() - started) * 1000)

    o50, o95, o99 = percentiles(ours)
    n50, n95, n99 = percentiles(theirs)
    e50, e95, e99 = percentiles(earlier)
    print(
        f"resolution from PostgreSQL (full result): p50 {o50:.1f} ms, p95 {o95:.1f} ms, "
        f"p99 {o99:.1f} ms; as of a date before the later statements: p50 {e50:.1f}, "
        f"p95 {e95:.1f}, p99 {e99:.1f} ms"
    )
    print(
        f"NetworkX in memory (integrated ownership only): p50 {n50:.2f} ms, p95 {n95:.2f} "
        f"ms, p99 {n99:.2f} ms; ratio of p50 {o50 / n50:.1f}"
    )
    record(
        options,
        (count, restated),
        len(edges),
        import_rate,
        (copy_rate, raw_rate),
        (o50, o95, o99, e95),
        (n50, n95, n99),
        (size_before / first, growth),
    )
    path.unlink()
    updates.unlink()


def stored_bytes(connection) -> int:
    """Bytes the ownership tables take, indexes included."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sum(pg_total_relation_size(t::regclass)) FROM unnest(%s::text[]) t",
            [list(IMPORTED_TABLES)],
        )
        return int(cursor.fetchone()[0])


def record(options, counts, interests, import_rate, copy_rates, ours, theirs, sizes) -> None:
    count, restated = counts
    copy_rate, raw_rate = copy_rates
    from _report import machine, replace_section

    lines = [
        "## Ownership graph: import and resolution (`bench/ownership_graph.py`)",
        "",
        f"{machine()}; {options.parties:,} parties, {interests:,} interests, {count:,} statements "
        f"({restated:,} of them later statements of a record: history kept); "
        f"{options.resolutions} random subjects. Goals: import ≥ 30 % of COPY, "
        "resolution p95 < 50 ms.",
        "",
        "| figure | value |",
        "| --- | ---: |",
        f"| import (statements/s) | {import_rate:,.0f} |",
        f"| plain COPY of the rows the import wrote (statements/s) | {copy_rate:,.0f} |",
        f"| import / COPY | {100 * import_rate / copy_rate:.1f} % |",
        f"| plain COPY of the raw statements into jsonb (statements/s) | {raw_rate:,.0f} |",
        f"| import / raw COPY | {100 * import_rate / raw_rate:.1f} % |",
        f"| resolution p50 / p95 / p99 (ms) | {ours[0]:.1f} / {ours[1]:.1f} / {ours[2]:.1f} |",
        f"| resolution p95 as of a date before the later statements (ms) | {ours[3]:.1f} |",
        f"| storage per statement, indexes included (bytes) | {sizes[0]:,.0f} |",
        f"| storage growth per later statement of a record (bytes) | {sizes[1]:,.0f} |",
        f"| NetworkX in memory p50 / p95 / p99 (ms) | {theirs[0]:.2f} / {theirs[1]:.2f} / "
        f"{theirs[2]:.2f} |",
        f"| ratio of p50, ours / NetworkX | {ours[0] / theirs[0]:.1f} |",
    ]
    replace_section("ownership_graph", lines)


if __name__ == "__main__":
    main()
