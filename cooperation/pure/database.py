"""The database of Regulation (EU) 2026/1386 (Art. 18(6)-(8); docs/cooperation.md §14),
in plain functions: a case's outcome in the Art. 18(7) terms, the keys a party is found
by (normalised name, LEI, registration numbers), and which records answer a query for
earlier prohibitions or breached measures.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

# The review's outcomes (and end states) in the database's terms (Art. 18(7)(d)); an
# unwinding has no outcome of its own there, so it is "other", and says so.
OUTCOMES: dict[str, tuple[str, str]] = {
    "cleared": ("authorisation", ""),
    "cleared_with_conditions": ("authorisation_with_measures", ""),
    "prohibited": ("prohibition", ""),
    "unwinding_ordered": ("other", "unwinding ordered (Art. 18(7) has no outcome for it)"),
    "withdrawn": ("withdrawal", ""),
    "outside_scope": ("not_eligible", ""),
}
# The sides a query asks about: the investor and who is behind it (Art. 18(8)).
INVESTOR_SIDE = ("investor", "eu_subsidiary", "controllers", "beneficial_owners")


def name_key(name: str) -> str:
    """A name as compared: accents, case, punctuation and spacing set aside."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^0-9a-z]+", " ", plain.casefold()).split()
    return "name:" + " ".join(words) if words else ""


def keys_of(party: Mapping[str, Any]) -> set[str]:
    """Every key `party` can be found by."""
    found = {name_key(str(party.get("name") or ""))}
    if party.get("lei"):
        found.add(f"lei:{str(party['lei']).upper()}")
    identifiers = party.get("identifiers")
    for identifier in identifiers if isinstance(identifiers, list) else []:
        if isinstance(identifier, Mapping) and identifier.get("scheme") and identifier.get("id"):
            scheme = str(identifier["scheme"]).upper()
            number = re.sub(r"\s+", "", str(identifier["id"])).upper()
            found.add(f"id:{scheme}:{number}")
    return found - {""}


def investor_side_keys(parties: Mapping[str, Any]) -> list[str]:
    """The keys of the investor, its EU subsidiary, controllers and beneficial owners."""
    found: set[str] = set()
    for side in INVESTOR_SIDE:
        value = parties.get(side)
        for party in value if isinstance(value, list) else [value] if value else []:
            if isinstance(party, Mapping):
                found |= keys_of(party)
    return sorted(found)


def is_adverse(record: Mapping[str, Any]) -> bool:
    """What Art. 19(2) and 5(1)(c) ask about: a prohibition, an unwinding, or measures
    not complied with."""
    return (
        record.get("outcome") == "prohibition"
        or "unwinding" in str(record.get("outcome_note") or "")
        or bool(record.get("non_compliance"))
    )


def findings(wanted: Iterable[str], records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The adverse records that share a key with `wanted`, each with the keys matched."""
    asked = set(wanted)
    found = []
    for record in records:
        matched = sorted(asked & set(record.get("keys") or []))
        if matched and is_adverse(record):
            found.append({**{k: v for k, v in record.items() if k != "keys"}, "matched": matched})
    return found
