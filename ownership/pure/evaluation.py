"""Recall and precision of name matching on a labelled set (docs/matching.md §6).

A pure module. A query's answer is its candidates at or above the threshold. A
candidate is correct when it is the entity the query means (`expected`). Precision:
correct candidates among all candidates returned, over every query, negatives included.
Recall: queries meaning an entity whose answer holds it, among such queries; by class
likewise (the perturbation that made the query: typo, script, acronym, ...).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Tally:
    found: int = 0
    meant: int = 0

    @property
    def recall(self) -> float:
        return 100 * self.found / self.meant if self.meant else 0.0


@dataclass
class Figures:
    threshold: float
    returned: int = 0
    correct: int = 0
    overall: Tally = field(default_factory=Tally)
    by_class: dict[str, Tally] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)  # for a reader to look at

    @property
    def precision(self) -> float:
        return 100 * self.correct / self.returned if self.returned else 100.0

    @property
    def recall(self) -> float:
        return self.overall.recall


def figures(
    labels: Iterable[dict[str, Any]], answers: dict[Any, list[dict[str, Any]]], threshold: float
) -> Figures:
    """`labels`: the labelled queries (`id`, `expected`, `class`); `answers`: query id ->
    its candidates (`entity_id`, `score`), as `match_names` writes them."""
    result = Figures(threshold)
    for label in labels:
        expected = label.get("expected")
        returned = [c for c in answers.get(label["id"], []) if c["score"] >= threshold]
        result.returned += len(returned)
        right = [c for c in returned if c["entity_id"] == expected]
        result.correct += len(right)
        wrong = [c for c in returned if c["entity_id"] != expected]
        if expected is not None:
            tally = result.by_class.setdefault(label.get("class", ""), Tally())
            for counted in (tally, result.overall):
                counted.meant += 1
                counted.found += bool(right)
        if (expected is not None and not right) or wrong:
            result.misses.append({"query": label, "returned": returned})
    return result


def table(result: Figures) -> list[str]:
    """The figures as the lines of a Markdown table."""
    lines = [
        "| | recall | queries |",
        "| --- | ---: | ---: |",
        f"| all | {result.recall:.1f} % | {result.overall.meant} |",
    ]
    for name, tally in sorted(result.by_class.items()):
        lines.append(f"| {name} | {tally.recall:.1f} % | {tally.meant} |")
    lines.append(
        f"| precision | {result.precision:.1f} % | {result.correct} of {result.returned} "
        "candidates |"
    )
    return lines
