"""`manage.py evaluate_matching QUERIES`: recall and precision of the watch-list matching
on labelled queries, by the rules of docs/matching.md §6.

QUERIES is the input of `match_names` with labels: `expected` (the listed entity meant,
or null) and `class` (what makes the query hard). The list must be imported first
(`import_ftm`). Prints recall overall and by class, and precision; `--misses FILE`
writes the queries answered wrongly, for calibrating the threshold on a node's own data.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.errors import Invalid
from ownership.bods_import import Unreadable, read_statements
from ownership.name_search import NameQuery, read_query, warm_up
from ownership.pure.evaluation import figures, table
from ownership.watchlists import match_names


class Command(BaseCommand):
    help = "Recall and precision of watch-list matching on labelled queries."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="labelled queries, JSON lines")
        parser.add_argument("--threshold", type=float, help="default: WATCHLIST_MATCH_THRESHOLD")
        parser.add_argument("--split", help="only the queries of this split (dev, test)")
        parser.add_argument("--misses", help="write the queries answered wrongly here")

    def handle(self, *args: Any, **options: Any) -> None:
        threshold = options["threshold"]
        if threshold is None:
            threshold = settings.WATCHLIST_MATCH_THRESHOLD
        try:
            labels, queries = _labelled(options["path"], options["split"])
        except OSError as error:
            raise CommandError(f"Cannot read {options['path']}: {error}") from error
        warm_up()
        answers = {
            answer["id"]: answer["candidates"] for answer in match_names(queries, threshold=0)
        }
        result = figures(labels, answers, threshold)
        self.stdout.write(f"threshold {threshold:g}\n" + "\n".join(table(result)))
        if options["misses"]:
            try:
                with open(options["misses"], "w", encoding="utf-8") as out:
                    for miss in result.misses:
                        out.write(json.dumps(miss, ensure_ascii=False) + "\n")
            except OSError as error:
                raise CommandError(f"Cannot write {options['misses']}: {error}") from error


def _labelled(path: str, split: str | None) -> tuple[list[dict[str, Any]], list[NameQuery]]:
    """The labelled queries of the file (of one split, if given), and what each asks."""
    labels, queries = [], []
    for number, item in read_statements(path):
        if isinstance(item, Unreadable) or not isinstance(item, dict):
            raise CommandError(f"line {number}: not a JSON object")
        if split and item.get("split") != split:
            continue
        try:
            queries.append(read_query(item))
        except Invalid as error:
            raise CommandError(f"line {number}: {error}") from error
        labels.append(item)
    return labels, queries
