"""Ownership facts in words for people: BODS codes and share bounds as a reviewer reads
them (the pages and the triage reasons show these, never the raw codes)."""

from __future__ import annotations

# BODS 0.4 codelist unspecifiedReason: why an interested party is not named.
UNSPECIFIED_REASON_WORDS = {
    "noBeneficialOwners": "there are no beneficial owners",
    "subjectUnableToConfirmOrIdentifyBeneficialOwner": (
        "the company cannot confirm or identify its beneficial owner"
    ),
    "interestedPartyHasNotProvidedInformation": "the owner has not provided the information",
    "subjectExemptFromDisclosure": "the company is exempt from disclosure",
    "interestedPartyExemptFromDisclosure": "the owner is exempt from disclosure",
    "unknown": "reason not given",
    "informationUnknownToPublisher": "not known to the filer",
}


def unspecified_reason(code: str) -> str:
    return UNSPECIFIED_REASON_WORDS.get(code, code)


def percent(low: float, high: float) -> str:
    """A share's bounds: "60.00 %" where they agree, "25.00–50.00 %" where they do not."""
    if round(low, 2) == round(high, 2):
        return f"{low:.2f} %"
    return f"{low:.2f}–{high:.2f} %"
