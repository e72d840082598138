"""`manage.py match_names FILE`: screen a file of names against the watch lists.

Input, JSON lines (plain or gzip), one name a line; keys other than these are ignored:

    {"id": "p1", "name": "Gazprom PJSC", "schema": "Company", "country": "RU",
     "birth_date": "1961-05", "identifiers": [{"scheme": "XI-LEI", "value": "..."}]}

`schema` is Person, Company, Organization or LegalEntity; `country`, `birth_date` (YYYY,
YYYY-MM or YYYY-MM-DD) and `identifiers` are optional. Output, JSON lines in the order of
the input: `{"id", "candidates": [{"entity_id", "name", "score", "topics", "reasons"}]}`,
best first. A line that cannot be read is reported on stderr with its number and skipped.

Names are screened a chunk at a time (one SQL statement retrieves a chunk's candidates);
`--workers N` screens N chunks at once in as many processes, each spawned with its own
name engine (ownership/worker_start.py). Memory stays flat in the size of the file.

`--changed-since-import N` screens only against the entities list import N and later ones
added, changed or listed again: where a new match of names screened before import N comes
from, but for what list-wide key frequencies bring into reach (docs/matching.md §7).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import islice
from multiprocessing import get_context
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from core.errors import Invalid
from ownership import worker_start
from ownership.bods_import import Unreadable, read_statements
from ownership.models import WatchlistImport
from ownership.name_search import CHUNK, CHUNK_AMONG, NameQuery, read_query, warm_up
from ownership.watchlists import match_names


@dataclass
class Screened:
    """One chunk's output lines, and the problems of the lines refused."""

    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    names: int = 0


class Command(BaseCommand):
    help = "Screen JSON lines of names against the watch lists; writes JSON lines of candidates."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="JSON lines of names, plain or gzip")
        parser.add_argument("--output", help="where to write the candidates (default: stdout)")
        parser.add_argument(
            "--threshold",
            type=float,
            help="lowest score suggested, 0-100 (default: WATCHLIST_MATCH_THRESHOLD)",
        )
        parser.add_argument("--limit", type=int, help="at most this many candidates a name")
        parser.add_argument(
            "--workers", type=int, default=1, help="processes screening at once (default 1)"
        )
        parser.add_argument(
            "--changed-since-import",
            type=int,
            metavar="N",
            help="only against the entities list import N and later ones added or changed",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        threshold, limit, workers = options["threshold"], options["limit"], options["workers"]
        if threshold is not None and not 0 <= threshold <= 100:
            raise CommandError("--threshold is a score from 0 to 100.")
        if limit is not None and limit < 1:
            raise CommandError("--limit is at least 1.")
        if workers < 1:
            raise CommandError("--workers is at least 1.")
        since = _since(options["changed_since_import"])
        warm_up()  # once, before the first name: it takes seconds
        screen = partial(_screened, threshold=threshold, limit=limit, changed_since=since)
        screened = refused = 0
        try:
            with _output(options["output"], self.stdout) as output:
                size = CHUNK if since is None else CHUNK_AMONG
                chunks = _chunks(read_statements(options["path"]), size)
                for chunk in _in_workers(screen, chunks, workers):
                    output.writelines(chunk.lines)
                    for problem in chunk.problems:
                        self.stderr.write(problem)
                    screened += chunk.names
                    refused += len(chunk.problems)
        except OSError as error:
            raise CommandError(f"Cannot read or write: {error}") from error
        self.stderr.write(f"{screened} names screened, {refused} lines refused.")


def _since(import_id: int | None) -> datetime | None:
    if import_id is None:
        return None
    run = WatchlistImport.objects.filter(pk=import_id).first()
    if run is None:
        raise CommandError(f"No list import {import_id}: `import_ftm` reports its number.")
    return run.started_at


def _screened(
    chunk: list[tuple[int, Any]],
    *,
    threshold: float | None,
    limit: int | None,
    changed_since: datetime | None = None,
) -> Screened:
    done = Screened()
    queries: list[NameQuery] = []
    for number, item in chunk:
        if isinstance(item, Unreadable):
            done.problems.append(f"line {number}: {item.message}")
            continue
        try:
            queries.append(read_query(item))
        except Invalid as error:
            done.problems.append(f"line {number}: {error}")
    for result in match_names(
        queries, threshold=threshold, limit=limit, changed_since=changed_since
    ):
        done.lines.append(json.dumps(result, ensure_ascii=False) + "\n")
    done.names = len(queries)
    return done


def _in_workers(screen: Any, chunks: Iterable[Any], workers: int) -> Iterator[Screened]:
    """Each chunk screened, in the order of the chunks; with several workers, at most two
    chunks a worker are in flight, so memory does not grow with the file."""
    if workers == 1:
        yield from map(screen, chunks)
        return
    settings = connections["default"].settings_dict
    database = {key: settings[key] for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT")}
    with ProcessPoolExecutor(
        workers,
        mp_context=get_context("spawn"),  # not fork: ownership/worker_start.py says why
        initializer=worker_start.start,
        initargs=(database,),
    ) as pool:
        pending: deque[Future[Screened]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(screen, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _chunks(lines: Iterator[tuple[int, Any]], size: int) -> Iterator[list[tuple[int, Any]]]:
    while chunk := list(islice(lines, size)):
        yield chunk


@contextmanager
def _output(path: str | None, stdout: Any) -> Iterator[IO[str]]:
    if path is None:
        yield stdout
        return
    with open(path, "w", encoding="utf-8") as output:
        yield output
