"""Demo data: investor organisations with realistic filings, and authority accounts.

Fictitious companies and people, real ISO codes. The structures cover what the review
must handle: a state-owned parent (Art. 4(2)(a)), a cross-holding, a multi-level chain
through a fund, an owner declared unknown, an amendment and a withdrawal.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.iso7064 import mod_97_10

from core.actors import Actor
from core.models import ApiKey, Membership, Organisation
from core.services import create_api_key, hash_secret
from ownership.pure import statements as bods
from screening import services
from screening.models import Filing

AUTHORITY_GROUPS = ["case_officer", "senior_officer", "contact_point", "administrator"]
STAFF = [
    # user name, full name, groups, is_superuser
    ("officer", "Anna Becker", ["case_officer"], False),
    ("officer2", "Jonas Weber", ["case_officer"], False),
    ("senior", "Dr. Miriam Hoffmann", ["senior_officer", "case_officer"], False),
    ("contact", "Lukas Schmidt", ["contact_point"], False),
    ("admin", "System administrator", ["administrator"], True),
]
DEMO_PASSWORD = "demo-password-2026"


def fake_lei(seed: str) -> str:
    base = "9845" + hashlib.sha256(seed.encode()).hexdigest()[:14].upper()
    return base + mod_97_10.calc_check_digits(base)


def demo_totp_key(username: str) -> str:
    """The demo accounts' TOTP secrets are as public as their password."""
    return hashlib.sha1(f"demo-totp-{username}".encode()).hexdigest()  # noqa: S324


def demo_key(organisation_slug: str) -> str:
    """A fixed key per demo organisation, so the README can name it. Demo only."""
    return f"fdi_demo{organisation_slug}_{hashlib.sha256(organisation_slug.encode()).hexdigest()}"


@dataclass
class DemoResult:
    keys: dict[str, str] = field(default_factory=dict)
    staff: list[tuple[str, str, str]] = field(default_factory=list)
    filings: int = 0


def _money(amount: str, currency: str = "EUR") -> dict[str, str]:
    return {"amount": amount, "currency": currency}


def _future(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _contact(name: str, email: str) -> dict[str, str]:
    return {"name": name, "email": email, "phone": "+49 30 5550100", "role": "Counsel"}


def grid_operator_filing() -> dict[str, Any]:
    """A state-owned parent: the investor's group is 60 % held by a state commission."""
    s = "hk-huaxin-power"
    statements = [
        bods.entity(
            "de-nordwind",
            "Nordwind Netz GmbH",
            "DE",
            subject=s,
            lei=fake_lei("nordwind"),
            register=("DE-HRB", "HRB 48211 B"),
        ),
        bods.entity(
            s,
            "Huaxin Power Investment (Hong Kong) Limited",
            "HK",
            subject=s,
            lei=fake_lei("huaxin-hk"),
        ),
        bods.entity(
            "cn-huaxin-group",
            "Huaxin Energy Group Co., Ltd.",
            "CN",
            subject=s,
            lei=fake_lei("huaxin-group"),
        ),
        bods.entity(
            "cn-sasac-prov",
            "Provincial State-owned Assets Supervision and Administration Commission",
            "CN",
            subject=s,
            entity_type="stateBody",
        ),
        bods.entity("cn-state", "People's Republic of China", "CN", subject=s, entity_type="state"),
        bods.owns("r-hk-owns-nordwind", s, "de-nordwind", subject=s, percent=49.0),
        bods.owns("r-group-owns-hk", "cn-huaxin-group", s, subject=s, percent=100.0),
        bods.owns(
            "r-sasac-owns-group", "cn-sasac-prov", "cn-huaxin-group", subject=s, percent=60.0
        ),
        bods.owns(
            "r-state-controls-sasac",
            "cn-state",
            "cn-sasac-prov",
            bods.interest("controlByLegalFramework"),
            subject=s,
        ),
        bods.owns(
            "r-float-owns-group",
            bods.unspecified("informationUnknownToPublisher", "Listed free float (40 %)"),
            "cn-huaxin-group",
            subject=s,
            percent=40.0,
        ),
    ]
    return {
        "title": "Acquisition of 49 % of Nordwind Netz GmbH",
        "transaction_kind": "share_acquisition",
        "investor": {
            "name": "Huaxin Power Investment (Hong Kong) Limited",
            "kind": "company",
            "country": "HK",
            "lei": fake_lei("huaxin-hk"),
            "bods_record_id": s,
            "address": "Two IFC, 8 Finance Street, Central, Hong Kong",
        },
        "target": {
            "name": "Nordwind Netz GmbH",
            "kind": "company",
            "country": "DE",
            "lei": fake_lei("nordwind"),
            "identifiers": [{"scheme": "DE-HRB", "id": "HRB 48211 B"}],
            "bods_record_id": "de-nordwind",
            "address": "Netzallee 4, 10115 Berlin",
        },
        "ultimate_investors": [
            {
                "name": "Provincial State-owned Assets Supervision and Administration Commission",
                "kind": "state",
                "country": "CN",
                "capital_percent": "60",
                "voting_percent": "60",
                "bods_record_id": "cn-sasac-prov",
            },
        ],
        "ownership_statements": statements,
        "stake": {
            "voting_before": "0",
            "voting_after": "49",
            "economic_before": "0",
            "economic_after": "49",
        },
        "special_rights": [
            {
                "kind": "board_seats",
                "description": "Two of five supervisory board seats",
                "holder": "Huaxin Power Investment (Hong Kong) Limited",
            },
            {"kind": "veto", "description": "Veto over the annual investment plan"},
        ],
        "value": _money("412000000.00"),
        "investor_activities": {
            "description": "Holding company for electricity transmission investments in Europe",
            "nace_codes": ["K64.20", "D35.12"],
            "member_states": ["PT", "IT"],
        },
        "target_activities": {
            "description": "Operator of the 110 kV distribution grid in Brandenburg",
            "nace_codes": ["D35.12", "D35.13"],
            "member_states": ["DE"],
        },
        "funding": [
            {
                "kind": "shareholder_loan",
                "amount": "300000000.00",
                "currency": "EUR",
                "provider_name": "Huaxin Energy Group Co., Ltd.",
                "provider_country": "CN",
                "is_state_linked": True,
            },
            {
                "kind": "bank_loan",
                "amount": "112000000.00",
                "currency": "EUR",
                "provider_name": "State Development Bank (fictitious)",
                "provider_country": "CN",
                "is_state_linked": True,
            },
        ],
        "completion": {"status": "planned", "date": _future(120)},
        "sectors": ["infrastructure.energy", "inputs.energy"],
        "contact": _contact("Dr. Katrin Berger", "k.berger@berger-partner.example"),
    }


def semiconductor_filing() -> dict[str, Any]:
    """A cross-holding: Meridian and Lion City hold each other (docs/ownership.md §3.2 example)."""
    s = "sg-meridian"
    statements = [
        bods.entity(
            "de-elbtal",
            "Elbtal Mikrosysteme AG",
            "DE",
            subject=s,
            lei=fake_lei("elbtal"),
            register=("DE-HRB", "HRB 30917"),
        ),
        bods.entity(
            s,
            "Meridian Semiconductor Holdings Pte. Ltd.",
            "SG",
            subject=s,
            lei=fake_lei("meridian"),
        ),
        bods.entity(
            "sg-lioncity",
            "Lion City Tech Ventures Pte. Ltd.",
            "SG",
            subject=s,
            lei=fake_lei("lioncity"),
        ),
        bods.person("p-tan", "Tan Wei Ming", "SG", subject=s),
        bods.entity(
            "us-harbour",
            "Harbour Bridge Capital LLC",
            "US",
            subject=s,
            register=("US-DE", "7712904"),
        ),
        bods.owns("r-meridian-elbtal", s, "de-elbtal", subject=s, percent=35.0),
        bods.owns("r-tan-meridian", "p-tan", s, subject=s, percent=70.0),
        bods.owns("r-lioncity-meridian", "sg-lioncity", s, subject=s, percent=30.0),
        bods.owns("r-meridian-lioncity", s, "sg-lioncity", subject=s, percent=50.0),
        bods.owns("r-harbour-lioncity", "us-harbour", "sg-lioncity", subject=s, percent=50.0),
    ]
    return {
        "title": "Acquisition of 35 % of Elbtal Mikrosysteme AG",
        "transaction_kind": "share_acquisition",
        "investor": {
            "name": "Meridian Semiconductor Holdings Pte. Ltd.",
            "kind": "company",
            "country": "SG",
            "lei": fake_lei("meridian"),
            "bods_record_id": s,
        },
        "target": {
            "name": "Elbtal Mikrosysteme AG",
            "kind": "company",
            "country": "DE",
            "lei": fake_lei("elbtal"),
            "identifiers": [{"scheme": "DE-HRB", "id": "HRB 30917"}],
            "bods_record_id": "de-elbtal",
        },
        "ultimate_investors": [
            # 0.70 / (1 - 0.30 * 0.50) = 82.35 %
            {
                "name": "Tan Wei Ming",
                "kind": "natural_person",
                "country": "SG",
                "capital_percent": "82.35",
                "bods_record_id": "p-tan",
            },
        ],
        "ownership_statements": statements,
        "stake": {
            "voting_before": "0",
            "voting_after": "35",
            "economic_before": "0",
            "economic_after": "35",
        },
        "special_rights": [
            {"kind": "board_appointment", "description": "Appoints one of three directors"}
        ],
        "value": _money("86500000.00", "USD"),
        "investor_activities": {
            "description": "Design of power semiconductors and MEMS sensors",
            "nace_codes": ["C26.11", "M72.19"],
            "member_states": ["NL"],
        },
        "target_activities": {
            "description": "MEMS sensor wafers for automotive and defence customers",
            "nace_codes": ["C26.11"],
            "member_states": ["DE", "CZ"],
        },
        "funding": [
            {
                "kind": "own_funds",
                "amount": "86500000.00",
                "currency": "USD",
                "provider_name": "Meridian Semiconductor Holdings Pte. Ltd.",
                "provider_country": "SG",
                "is_state_linked": False,
            }
        ],
        "completion": {"status": "planned", "date": _future(75)},
        "sectors": ["technology.semiconductors", "technology.dual_use"],
        "contact": _contact("Wei Ling Ong", "legal@meridian-semi.example"),
    }


def data_centre_filing() -> dict[str, Any]:
    """A multi-level chain through a fund, with an owner declared unknown."""
    s = "ky-atlantic-fund"
    statements = [
        bods.entity(
            "de-rheinland-rz",
            "Rheinland Rechenzentren GmbH",
            "DE",
            subject=s,
            register=("DE-HRB", "HRB 99120"),
        ),
        bods.entity(
            "lu-atlantic-bidco",
            "Atlantic DC BidCo S.à r.l.",
            "LU",
            subject=s,
            lei=fake_lei("bidco"),
        ),
        bods.entity(
            s, "Atlantic Data Infrastructure Fund II LP", "KY", subject=s, entity_type="arrangement"
        ),
        bods.entity("us-atlantic-gp", "Atlantic Infrastructure GP LLC", "US", subject=s),
        bods.entity(
            "us-atlantic-partners", "Atlantic Infrastructure Partners LLC", "US", subject=s
        ),
        bods.person("p-miller", "Robert J. Miller", "US", subject=s),
        bods.person("p-okafor", "Adaeze Okafor", "GB", subject=s),
        bods.owns("r-bidco-rz", "lu-atlantic-bidco", "de-rheinland-rz", subject=s, percent=100.0),
        bods.owns("r-fund-bidco", s, "lu-atlantic-bidco", subject=s, percent=100.0),
        bods.owns(
            "r-gp-fund",
            "us-atlantic-gp",
            s,
            bods.interest("appointmentOfBoard"),
            bods.interest("otherInfluenceOrControl"),
            subject=s,
        ),
        bods.owns(
            "r-partners-gp", "us-atlantic-partners", "us-atlantic-gp", subject=s, percent=100.0
        ),
        bods.owns(
            "r-miller-partners",
            "p-miller",
            "us-atlantic-partners",
            bods.interest("shareholding", minimum=50.0, maximum=75.0),
            bods.interest("votingRights", minimum=50.0, maximum=75.0),
            subject=s,
        ),
        bods.owns("r-okafor-partners", "p-okafor", "us-atlantic-partners", subject=s, percent=25.0),
        bods.owns(
            "r-lps-fund",
            bods.unspecified(
                "interestedPartyHasNotProvidedInformation", "Limited partners, none above 10 %"
            ),
            s,
            bods.interest("rightsToProfitOrIncome", minimum=0.0, maximum=10.0),
            subject=s,
        ),
    ]
    return {
        "title": "Acquisition of Rheinland Rechenzentren GmbH",
        "transaction_kind": "share_acquisition",
        "investor": {
            "name": "Atlantic Data Infrastructure Fund II LP",
            "kind": "fund",
            "country": "KY",
            "bods_record_id": s,
        },
        "target": {
            "name": "Rheinland Rechenzentren GmbH",
            "kind": "company",
            "country": "DE",
            "identifiers": [{"scheme": "DE-HRB", "id": "HRB 99120"}],
            "bods_record_id": "de-rheinland-rz",
        },
        "ultimate_investors": [
            {
                "name": "Robert J. Miller",
                "kind": "natural_person",
                "country": "US",
                "capital_percent": "50",
                "bods_record_id": "p-miller",
            }
        ],
        "ownership_statements": statements,
        "stake": {
            "voting_before": "0",
            "voting_after": "100",
            "economic_before": "0",
            "economic_after": "100",
        },
        "special_rights": [],
        "value": _money("1250000000.00"),
        "investor_activities": {
            "description": "Infrastructure private equity fund",
            "nace_codes": ["K64.30"],
            "member_states": ["LU", "IE"],
        },
        "target_activities": {
            "description": "Colocation data centres in Frankfurt and Düsseldorf",
            "nace_codes": ["J63.11"],
            "member_states": ["DE"],
        },
        "funding": [
            {
                "kind": "equity",
                "amount": "750000000.00",
                "currency": "EUR",
                "provider_name": "Atlantic Data Infrastructure Fund II LP",
                "provider_country": "KY",
                "is_state_linked": False,
            },
            {
                "kind": "bank_loan",
                "amount": "500000000.00",
                "currency": "EUR",
                "provider_name": "Consortium of European banks",
                "provider_country": "FR",
                "is_state_linked": False,
            },
        ],
        "completion": {"status": "planned", "date": _future(200)},
        "sectors": ["infrastructure.data", "information.personal_data"],
        "contact": _contact("Emily Carter", "emily.carter@atlantic-infra.example"),
    }


def robotics_filing() -> dict[str, Any]:
    s = "tr-anatolia"
    statements = [
        bods.entity(
            "de-schwaben-robotik",
            "Schwaben Robotik GmbH",
            "DE",
            subject=s,
            register=("DE-HRB", "HRB 77310"),
        ),
        bods.entity(s, "Anatolia Otomasyon A.Ş.", "TR", subject=s, lei=fake_lei("anatolia")),
        bods.person("p-yilmaz", "Mehmet Yılmaz", "TR", subject=s),
        bods.person("p-demir", "Elif Demir", "TR", subject=s),
        bods.owns("r-anatolia-schwaben", s, "de-schwaben-robotik", subject=s, percent=10.0),
        bods.owns("r-yilmaz-anatolia", "p-yilmaz", s, subject=s, percent=55.0),
        bods.owns("r-demir-anatolia", "p-demir", s, subject=s, percent=45.0),
    ]
    return {
        "title": "Increase of stake in Schwaben Robotik GmbH from 10 % to 30 %",
        "transaction_kind": "stake_increase",
        "investor": {
            "name": "Anatolia Otomasyon A.Ş.",
            "kind": "company",
            "country": "TR",
            "lei": fake_lei("anatolia"),
            "bods_record_id": s,
        },
        "target": {
            "name": "Schwaben Robotik GmbH",
            "kind": "company",
            "country": "DE",
            "bods_record_id": "de-schwaben-robotik",
        },
        "ultimate_investors": [
            {
                "name": "Mehmet Yılmaz",
                "kind": "natural_person",
                "country": "TR",
                "capital_percent": "55",
                "bods_record_id": "p-yilmaz",
            },
            {
                "name": "Elif Demir",
                "kind": "natural_person",
                "country": "TR",
                "capital_percent": "45",
                "bods_record_id": "p-demir",
            },
        ],
        "ownership_statements": statements,
        "stake": {
            "voting_before": "10",
            "voting_after": "30",
            "economic_before": "10",
            "economic_after": "30",
        },
        "special_rights": [
            {"kind": "information_rights", "description": "Quarterly technical roadmap reports"}
        ],
        "value": _money("18000000.00"),
        "investor_activities": {
            "description": "Industrial automation integrator",
            "nace_codes": ["C28.99"],
            "member_states": ["BG"],
        },
        "target_activities": {
            "description": "Collaborative welding robots",
            "nace_codes": ["C28.99", "M72.19"],
            "member_states": ["DE", "AT"],
        },
        "funding": [
            {
                "kind": "own_funds",
                "amount": "18000000.00",
                "currency": "EUR",
                "provider_name": "Anatolia Otomasyon A.Ş.",
                "provider_country": "TR",
                "is_state_linked": False,
            }
        ],
        "completion": {"status": "planned", "date": _future(60)},
        "sectors": ["technology.robotics"],
        "contact": _contact("Dr. Katrin Berger", "k.berger@berger-partner.example"),
    }


def food_filing() -> dict[str, Any]:
    s = "ae-oasis"
    statements = [
        bods.entity(
            "de-mühlen", "Hanse Mühlenwerke AG", "DE", subject=s, register=("DE-HRB", "HRB 12004")
        ),
        bods.entity(s, "Oasis Agri Holdings PJSC", "AE", subject=s, lei=fake_lei("oasis")),
        bods.entity(
            "ae-fund",
            "Emirates Food Security Investment Authority (fictitious)",
            "AE",
            subject=s,
            entity_type="stateBody",
        ),
        bods.owns("r-oasis-mühlen", s, "de-mühlen", subject=s, percent=25.1),
        bods.owns("r-fund-oasis", "ae-fund", s, subject=s, percent=51.0),
    ]
    return {
        "title": "Acquisition of 25.1 % of Hanse Mühlenwerke AG",
        "transaction_kind": "share_acquisition",
        "investor": {
            "name": "Oasis Agri Holdings PJSC",
            "kind": "company",
            "country": "AE",
            "lei": fake_lei("oasis"),
            "bods_record_id": s,
        },
        "target": {
            "name": "Hanse Mühlenwerke AG",
            "kind": "company",
            "country": "DE",
            "bods_record_id": "de-mühlen",
        },
        "ultimate_investors": [
            {
                "name": "Emirates Food Security Investment Authority (fictitious)",
                "kind": "state",
                "country": "AE",
                "capital_percent": "51",
                "bods_record_id": "ae-fund",
            }
        ],
        "ownership_statements": statements,
        "stake": {
            "voting_before": "0",
            "voting_after": "25.1",
            "economic_before": "0",
            "economic_after": "25.1",
        },
        "special_rights": [],
        "value": _money("64000000.00"),
        "investor_activities": {
            "description": "Grain trading and storage",
            "nace_codes": ["G46.21"],
            "member_states": ["NL"],
        },
        "target_activities": {
            "description": "Flour mills supplying northern Germany",
            "nace_codes": ["C10.61"],
            "member_states": ["DE", "PL"],
        },
        "funding": [
            {
                "kind": "equity",
                "amount": "64000000.00",
                "currency": "EUR",
                "provider_name": "Emirates Food Security Investment Authority (fictitious)",
                "provider_country": "AE",
                "is_state_linked": True,
            }
        ],
        "completion": {"status": "planned", "date": _future(90)},
        "sectors": ["inputs.food_security"],
        "contact": _contact("Omar Al Hashimi", "legal@oasis-agri.example"),
    }


def gallium_filing() -> dict[str, Any]:
    """Under Regulation (EU) 2026/1386: a German holding a Chinese group controls (60 %)
    buys into a gallium recycler: a foreign investment through an EU subsidiary
    (Art. 2(7)), in the minimum scope (strategic raw materials, Art. 4(15)(e))."""
    s = "de-rhein-metall"
    statements = [
        bods.entity(
            "de-lausitz-gallium",
            "Lausitz Gallium Recycling GmbH",
            "DE",
            subject=s,
            register=("DE-HRB", "HRB 40921"),
        ),
        bods.entity(
            s, "Rhein Metallbeteiligungen GmbH", "DE", subject=s, register=("DE-HRB", "HRB 88012")
        ),
        bods.entity("cn-jinsha", "Jinsha Resources Group Co., Ltd.", "CN", subject=s),
        bods.person("p-zhang", "Zhang Wei", "CN", subject=s),
        bods.owns("r-rhein-lausitz", s, "de-lausitz-gallium", subject=s, percent=35.0),
        bods.owns("r-jinsha-rhein", "cn-jinsha", s, subject=s, percent=60.0),
        bods.owns("r-zhang-jinsha", "p-zhang", "cn-jinsha", subject=s, percent=70.0),
    ]
    return {
        "title": "Acquisition of 35 % of Lausitz Gallium Recycling GmbH",
        "transaction_kind": "share_acquisition",
        "investor": {
            "name": "Rhein Metallbeteiligungen GmbH",
            "kind": "company",
            "country": "DE",
            "identifiers": [{"scheme": "DE-HRB", "id": "HRB 88012"}],
            "address": "Kaistraße 18, 40221 Düsseldorf",
            "website": "https://rhein-metall.example",
            "bods_record_id": s,
        },
        "target": {
            "name": "Lausitz Gallium Recycling GmbH",
            "kind": "company",
            "country": "DE",
            "identifiers": [{"scheme": "DE-HRB", "id": "HRB 40921"}],
            "address": "Industriepark Schwarze Pumpe 4, 03139 Spremberg",
            "bods_record_id": "de-lausitz-gallium",
        },
        "ultimate_investors": [
            {
                "name": "Zhang Wei",
                "kind": "natural_person",
                "country": "CN",
                "capital_percent": "42",
                "bods_record_id": "p-zhang",
            }
        ],
        "ownership_statements": statements,
        "stake": {
            "voting_before": "0",
            "voting_after": "35",
            "economic_before": "0",
            "economic_after": "35",
        },
        "special_rights": [
            {"kind": "board_appointment", "description": "Appoints two of five directors"}
        ],
        "value": _money("48000000.00"),
        "investor_activities": {
            "description": "Holding of metal-processing businesses",
            "nace_codes": ["K64.20"],
            "member_states": ["DE"],
        },
        "target_activities": {
            "description": "Recovers gallium and germanium from electronic scrap",
            "nace_codes": ["E38.32"],
            "member_states": ["DE", "CZ"],
        },
        "funding": [
            {
                "kind": "shareholder_loan",
                "amount": "48000000.00",
                "currency": "EUR",
                "provider_name": "Jinsha Resources Group Co., Ltd.",
                "provider_country": "CN",
                "is_state_linked": False,
            }
        ],
        "completion": {"status": "planned", "date": _future(120)},
        "sectors": ["inputs.raw_materials"],
        "scope": {
            "categories": [
                {
                    "category": "strategic_raw_materials",
                    "activities": ["recycling", "recovery"],
                    "materials": ["gallium", "germanium"],
                }
            ],
            "internal_restructuring": False,
        },
        # Art. 15(1) of 2026/1386: required once it governs the screening.
        "target_owners_before": [
            {"name": "Lausitz Recycling Familie KG", "kind": "company", "country": "DE"}
        ],
        "beneficial_owners": [
            {
                "of": "investor",
                "name": "Zhang Wei",
                "name_original_script": "张伟",
                "country": "CN",
                "activities": "Chairman of Jinsha Resources Group",
            },
            {"of": "target", "name": "Katrin Lehmann", "country": "DE"},
        ],
        "alternative_suppliers": ["Umicore (BE)", "Nyrstar (NL)"],
        "group_operations": [
            {
                "member_state": "CZ",
                "entity_name": "Jinsha Recycling CZ s.r.o.",
                "activities": "Collects electronic scrap",
            }
        ],
        "annex_ii_projects": [],
        "union_grants": [
            {
                "programme": "Horizon Europe",
                "amount": "1200000.00",
                "currency": "EUR",
                "year": timezone.localdate().year - 1,
            }
        ],
        "other_filings": [],
        "confidential": ["funding", "group_operations"],
        "contact": _contact("Dr. Anna Berger", "anna.berger@berger-partner.example"),
    }


ORGANISATIONS = [
    # slug, name, country
    ("berger", "Berger & Partner Rechtsanwälte PartG mbB", "DE"),
    ("meridian", "Meridian Semiconductor Holdings Pte. Ltd.", "SG"),
    ("atlantic", "Atlantic Infrastructure Partners LLC", "US"),
]


@transaction.atomic
def load_demo() -> DemoResult:
    """Create (or find) the demo organisations, keys, staff and filings. Safe to re-run."""
    result = DemoResult()
    organisations: dict[str, Organisation] = {}
    system = Actor.system("demo data")
    for slug, name, country in ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            name=name, kind=Organisation.Kind.INVESTOR, defaults={"country": country}
        )
        organisations[slug] = organisation
        secret = demo_key(slug)
        if not ApiKey.objects.filter(secret_hash=hash_secret(secret)).exists():
            create_api_key(organisation=organisation, name="demo", actor=system, secret=secret)
        result.keys[name] = secret
        user, created = User.objects.get_or_create(username=f"{slug}-filer")
        if created:
            user.set_unusable_password()
            user.save()
        Membership.objects.get_or_create(user=user, defaults={"organisation": organisation})

    authority, _ = Organisation.objects.get_or_create(
        name="Demo screening authority",
        kind=Organisation.Kind.AUTHORITY,
        defaults={"country": "DE"},
    )
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in AUTHORITY_GROUPS}
    for username, full_name, group_names, is_superuser in STAFF:
        user, created = User.objects.get_or_create(username=username)
        if created:
            first, _, last = full_name.rpartition(" ")
            user.first_name, user.last_name = first, last
            user.email = f"{username}@authority.example"
            user.is_staff = True
            user.is_superuser = is_superuser
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([groups[name] for name in group_names])
            Membership.objects.create(user=user, organisation=authority)
        # A fixed second factor per demo account: `manage.py totp officer --code`.
        TOTPDevice.objects.get_or_create(
            user=user,
            name="demo authenticator",
            defaults={"key": demo_totp_key(username), "confirmed": True},
        )
        result.staff.append((username, DEMO_PASSWORD, ", ".join(group_names)))

    if not Filing.objects.filter(organisation__in=organisations.values()).exists():
        _create_filings(organisations)
    result.filings = Filing.objects.count()
    return result


def _actor(organisation: Organisation) -> Actor:
    key = organisation.api_keys.filter(revoked_at__isnull=True).first()
    assert key is not None
    return Actor.for_key(key)


def _create_filings(organisations: dict[str, Organisation]) -> None:
    berger = _actor(organisations["berger"])
    meridian = _actor(organisations["meridian"])
    atlantic = _actor(organisations["atlantic"])

    grid = services.create_draft(actor=berger, content=grid_operator_filing())
    services.submit_filing(filing=grid, actor=berger)

    chips = services.create_draft(actor=meridian, content=semiconductor_filing())
    services.submit_filing(filing=chips, actor=meridian)

    services.create_draft(actor=atlantic, content=data_centre_filing())  # still a draft

    robots = services.create_draft(actor=berger, content=robotics_filing())
    services.submit_filing(filing=robots, actor=berger)
    services.amend_filing(
        filing=robots,
        actor=berger,
        reason="Purchase price agreed after due diligence",
        changes={"value": _money("16500000.00")},
    )

    food = services.create_draft(actor=berger, content=food_filing())
    services.submit_filing(filing=food, actor=berger)
    services.withdraw_filing(
        filing=food, actor=berger, reason="The parties abandoned the transaction."
    )
