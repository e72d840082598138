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
}
