# The keys `resolve_ownership --json` and the resolution API promise (issue 3).
PROMISED_KEYS = {
    "subject",
    "as_of",
    "ultimate_owners",
    "controllers",
    "beneficial_owners",
    "state_links",
    "unknowns",
    "cycles",
    "warnings",
    # added for Regulation (EU) 2026/1386 (docs/ownership.md §9)
    "beneficial_owner_fallback",
    "foreign_control",
    "opaque",
    "names",
}
