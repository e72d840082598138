"""Small factories for tests: organisations, keys, and filing content that is complete."""

from __future__ import annotations

import copy
import io
import itertools
from datetime import timedelta
from typing import Any

from django.utils import timezone
from rest_framework.test import APIClient

from core.actors import Actor
from core.models import Organisation
from core.services import create_api_key
from ownership.pure import statements as bods

_names = itertools.count(1)
VALID_LEI = "5299000J2N45DDNE4Y28"  # check digits valid under ISO 17442


def make_organisation(*, name: str | None = None, country: str = "GB") -> Organisation:
    return Organisation.objects.create(
        name=name or f"Investor {next(_names)}", kind=Organisation.Kind.INVESTOR, country=country
    )


class InvestorClient(APIClient):
    """An API client that calls with one investor organisation's key."""

    def __init__(self, organisation: Organisation, secret: str) -> None:
        super().__init__()
        self.organisation = organisation
        self.secret = secret
        self.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")


def make_client(organisation: Organisation | None = None) -> InvestorClient:
    organisation = organisation or make_organisation()
    issued = create_api_key(
        organisation=organisation, name="test", actor=Actor.system("test setup")
    )
    return InvestorClient(organisation, issued.secret)


def ownership_package() -> list[dict[str, Any]]:
    s = "investor"
    return [
        bods.entity("target", "Zielwerk GmbH", "DE", subject=s),
        bods.entity(s, "Far East Holdings Ltd", "CN", subject=s),
        bods.person("owner", "Li Na", "CN", subject=s),
        bods.owns("r1", s, "target", subject=s, percent=30.0),
        bods.owns("r2", "owner", s, subject=s, percent=100.0),
    ]


COMPLETE: dict[str, Any] = {
    "title": "Acquisition of 30 % of Zielwerk GmbH",
    "transaction_kind": "share_acquisition",
    "investor": {
        "name": "Far East Holdings Ltd",
        "kind": "company",
        "country": "CN",
        "lei": VALID_LEI,
        "bods_record_id": "investor",
    },
    "target": {
        "name": "Zielwerk GmbH",
        "kind": "company",
        "country": "DE",
        "identifiers": [{"scheme": "DE-HRB", "id": "HRB 1"}],
        "bods_record_id": "target",
    },
    "ultimate_investors": [
        {
            "name": "Li Na",
            "kind": "natural_person",
            "country": "CN",
            "capital_percent": "100",
            "bods_record_id": "owner",
        }
    ],
    "stake": {
        "voting_before": "0",
        "voting_after": "30",
        "economic_before": "0",
        "economic_after": "30",
    },
    "special_rights": [{"kind": "veto", "description": "Veto over disposals"}],
    "value": {"amount": "25000000.00", "currency": "EUR"},
    "investor_activities": {
        "description": "Holding",
        "nace_codes": ["K64.20"],
        "member_states": ["NL"],
    },
    "target_activities": {
        "description": "Machine tools",
        "nace_codes": ["C28.41"],
        "member_states": ["DE"],
    },
    "funding": [
        {
            "kind": "own_funds",
            "amount": "25000000.00",
            "currency": "EUR",
            "provider_name": "Far East Holdings Ltd",
            "provider_country": "CN",
            "is_state_linked": False,
        }
    ],
    "sectors": ["technology.robotics"],
    "contact": {"name": "Jane Counsel", "email": "jane@counsel.example"},
}


def complete_content(**overrides: Any) -> dict[str, Any]:
    content = copy.deepcopy(COMPLETE)
    content["ownership_statements"] = ownership_package()
    content["completion"] = {
        "status": "planned",
        "date": (timezone.localdate() + timedelta(days=90)).isoformat(),
    }
    content.update(overrides)
    return content


# What Art. 15(1) of Regulation (EU) 2026/1386 adds to a filing (required once it
# governs the screening; screening/filing_content.py REQUIRED_UNDER_2026_1386).
ART_15_SECTIONS: dict[str, Any] = {
    "scope": {"categories": [], "internal_restructuring": False},
    "beneficial_owners": [{"of": "investor", "name": "Li Na", "country": "CN"}],
    "target_owners_before": [{"name": "Zielwerk Holding AG", "kind": "company", "country": "DE"}],
    "alternative_suppliers": ["DMG Mori", "Trumpf"],
    "group_operations": [],
    "annex_ii_projects": [],
    "union_grants": [],
    "other_filings": [],
}


def complete_content_2026(**overrides: Any) -> dict[str, Any]:
    """A complete filing for a screening under Regulation (EU) 2026/1386."""
    content = complete_content(**copy.deepcopy(ART_15_SECTIONS))
    content["investor"]["address"] = "8 Harbour Road, Wan Chai, Hong Kong"
    content["target"]["address"] = "Industriestr. 1, 70565 Stuttgart"
    content.update(overrides)
    return content


def grid_filing_2026() -> dict[str, Any]:
    """Huaxin (HK), 60 % held through its group by SASAC (a Chinese state body), buys a
    German grid operator that handles dual-use items: in the minimum scope (Art. 4(15)(a))
    and controlled by a third country's state (Art. 5(1)(a))."""
    from screening.demo import grid_operator_filing  # the demo's state-owned group

    content = {**grid_operator_filing(), **copy.deepcopy(ART_15_SECTIONS)}
    content["scope"] = {"categories": [{"category": "dual_use", "codes": ["3A001"]}]}
    content["investor"] = {**content["investor"], "address": "1 Harbour Road, Hong Kong"}
    content["target"] = {**content["target"], "address": "Am Netz 1, 10115 Berlin"}
    content["completion"] = {"status": "planned", "date": "2028-09-30"}
    content["group_operations"] = [
        {"member_state": "FR", "entity_name": "Huaxin France SAS", "activities": "Grids"}
    ]
    return content


def create_draft(client: APIClient, content: dict[str, Any] | None = None) -> dict[str, Any]:
    response = client.post("/api/v1/filings/", content or complete_content(), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def submitted_filing(client: APIClient) -> dict[str, Any]:
    draft = create_draft(client)
    response = client.post(f"/api/v1/filings/{draft['id']}/submit/")
    assert response.status_code == 201, response.json()
    return response.json()


def error_attrs(response: Any) -> dict[str, str]:
    """The field-level errors of an API answer: attr -> message."""
    return {error["attr"]: error["detail"] for error in response.json()["errors"]}


def upload_document(
    client: APIClient, filing_id: str, content: bytes, name: str = "file.pdf", **fields: Any
) -> dict[str, Any]:
    """Upload `content` as a document of the filing; the answer's body."""
    file = io.BytesIO(content)
    file.name = name
    response = client.post(
        f"/api/v1/filings/{filing_id}/documents/", {"file": file, **fields}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    return response.json()


def openapi_schema() -> dict[str, Any]:
    """The OpenAPI schema as drf-spectacular generates it from the code (all operations)."""
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)
