"""Fuzzy name matching of parties against watch lists, with the reasons for each score.

A pure module. Names are made comparable the same way on both sides: Chinese legal
forms cut (rigour does not know them), normalised and stripped of legal forms by
rigour (Ltd, GmbH, PJSC, ПАО, ...), transliterated to ASCII (Cyrillic, diacritics,
Chinese to pinyin), and sorted word by word so word order does not count. rapidfuzz
then scores what differs (typos). A candidate is a suggestion: a reviewer confirms or
rejects it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from rigour.names import normalize_name, remove_org_types
from rigour.text import ascii_text

# Legal forms in Chinese company names, longest first (configuration, not exhaustive).
CJK_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "株式会社", "公司")
THRESHOLD = 80.0


@dataclass(frozen=True)
class Candidate:
    entity_id: str
    name: str
    score: float
    reasons: list[str] = field(default_factory=list)


def comparable(name: str) -> str:
    text = name
    for form in CJK_LEGAL_FORMS:
        if text.endswith(form) and len(text) > len(form):
            text = text[: -len(form)]
            break
    text = normalize_name(text) or ""
    text = remove_org_types(text) or text
    text = ascii_text(text).lower()
    tokens = [token for token in text.replace("-", " ").split() if token.isalnum()]
    return " ".join(sorted(tokens))


def score(query: str, candidate: str) -> tuple[float, list[str]]:
    """0-100 and why, comparing two names."""
    a, b = comparable(query), comparable(candidate)
    if not a or not b:
        return 0.0, []
    reasons = []
    if query.strip().casefold() == candidate.strip().casefold():
        return 100.0, ["identical name"]
    if ascii_text(query) != query or ascii_text(candidate) != candidate:
        reasons.append("compared after transliteration")
    if normalize_name(query) != a or normalize_name(candidate) != b:
        reasons.append("legal forms and word order ignored")
    if a == b:
        reasons.append("same name once normalised")
        return 98.0, reasons
    value = float(fuzz.ratio(a, b))
    distance = Levenshtein.distance(a, b)
    if distance <= 2:
        reasons.append(f"{distance} character(s) differ")
    else:
        reasons.append(f"similarity {value:.0f} %")
    return value, reasons


def candidates(
    name: str,
    country: str,
    entries: Iterable[tuple[str, list[str], list[str]]],
    *,
    threshold: float = THRESHOLD,
    limit: int = 10,
) -> list[Candidate]:
    """The watch-list entries whose names resemble `name`, best first.

    `entries` are (entity id, names and aliases, countries).
    """
    found = []
    for entity_id, names, countries in entries:
        best_score, best_reasons, best_name = 0.0, [], ""
        for other in names:
            value, reasons = score(name, other)
            if value > best_score:
                best_score, best_reasons, best_name = value, reasons, other
        if best_score < threshold:
            continue
        reasons = list(best_reasons)
        if country and countries:
            if country in countries:
                reasons.append(f"same country ({country})")
            else:
                best_score -= 10.0
                reasons.append(f"different country ({', '.join(countries)} vs {country})")
        if best_score >= threshold:
            found.append(Candidate(entity_id, best_name, round(best_score, 1), reasons))
    return sorted(found, key=lambda c: (-c.score, c.entity_id))[:limit]
