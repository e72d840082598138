"""What each BODS 0.4 interest type counts as (docs/ownership.md §2.3).

Every type has one stated meaning:

- `shares`: an economic share (integrated ownership, Art. 52 of Regulation (EU) 2024/1624);
  without declared voting rights it also counts as votes (one share, one vote);
- `votes`: voting rights (control by majority, Art. 53);
- `control`: a right that controls by itself (the basis word says which);
- `seat`: a right shown beside control but not control by itself (a board seat);
- `role`: beneficial ownership without a share: the roles in a legal arrangement that make
  a person its beneficial owner (Art. 58: settlor, trustee, protector, beneficiary) and the
  rights to its assets, profit or income; a trustee also controls the arrangement.
  A nominator is the person a nominee acts for: its role in the nomination is one of
  these, and it controls the nomination (so what the nomination holds, it controls);
- `nominee`: acts for someone else: neither ownership nor control of its own;
- `officer`: a senior managing official: named only when no beneficial owner is found;
- `unknown`: an interest of unknown nature (`unknownInterest`, `unpublishedInterest`, or
  no type at all): a share and votes of unknown size, 0 to 100 %.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Meaning:
    kind: str  # shares, votes, control, seat, role, nominee, officer, unknown
    basis: str = ""  # the word shown for control, seat and role


MEANINGS: dict[str, Meaning] = {
    "shareholding": Meaning("shares"),
    "votingRights": Meaning("votes"),
    "appointmentOfBoard": Meaning("control", "board"),
    "controlViaCompanyRulesOrArticles": Meaning("control", "articles"),
    "rightsGrantedByContract": Meaning("control", "contract"),
    "controlByLegalFramework": Meaning("control", "legal_framework"),
    # Words in `details` refine it (golden share, veto); see `other_influence_basis`.
    "otherInfluenceOrControl": Meaning("control", "other_influence"),
    # A right that may become control: shown, not counted.
    "conditionalRightsGrantedByContract": Meaning("seat", "conditional_contract"),
    "boardMember": Meaning("seat", "board_seat"),
    "boardChair": Meaning("seat", "board_seat"),
    "trustee": Meaning("role", "trustee"),
    "settlor": Meaning("role", "settlor"),
    "protector": Meaning("role", "protector"),
    "beneficiaryOfLegalArrangement": Meaning("role", "beneficiaryOfLegalArrangement"),
    "enjoymentAndUseOfAssets": Meaning("role", "enjoymentAndUseOfAssets"),
    "rightToProfitOrIncomeFromAssets": Meaning("role", "rightToProfitOrIncomeFromAssets"),
    "rightsToProfitOrIncome": Meaning("role", "rightsToProfitOrIncome"),
    "rightsToSurplusAssetsOnDissolution": Meaning("role", "rightsToSurplusAssetsOnDissolution"),
    "nominator": Meaning("role", "nominator"),
    "nominee": Meaning("nominee", "nominee"),
    "seniorManagingOfficial": Meaning("officer", "seniorManagingOfficial"),
    "unknownInterest": Meaning("unknown"),
    "unpublishedInterest": Meaning("unknown"),
    "": Meaning("unknown"),
}

# Roles whose holder also controls the arrangement: a trustee administers it, a nominee
# acts on the nominator's instructions.
CONTROLLING_ROLES = {"trustee", "nominator"}


def meaning_of(interest_type: str) -> Meaning:
    """The meaning of a BODS interest type; a type this table does not know (a later
    codelist) is an interest of unknown nature, never dropped."""
    return MEANINGS.get(interest_type, Meaning("unknown"))


def other_influence_basis(details: str) -> str:
    """otherInfluenceOrControl, refined by its details: a golden share controls, a veto is
    a special right only (docs/ownership.md §2.3); anything else is control by other
    means."""
    words = details.lower()
    if "golden share" in words:
        return "golden_share"
    if "veto" in words:
        return "veto"
    return "other_influence"


def right_basis(interest_type: str, details: str) -> str:
    """The word for a right (control or seat) an interest of this type gives."""
    if interest_type == "otherInfluenceOrControl":
        return other_influence_basis(details)
    return meaning_of(interest_type).basis
