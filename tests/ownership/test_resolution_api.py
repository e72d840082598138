"""GET /api/v1/ownership/parties/{record_id}/resolution/ for authority staff only."""

import json

from core.models import Membership, Organisation
from ownership.bods_import import import_file
from tests.ownership.test_import_and_resolve import cross_holding
from tests.reviews.conftest import sign_in_verified


def staff(django_user_model, client):
    authority = Organisation.objects.create(name="Authority", kind="authority", country="DE")
    user = django_user_model.objects.create_user("officer", password="pw-12345678")
    Membership.objects.create(user=user, organisation=authority)
    sign_in_verified(client, user)
    return client


def imported(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(cross_holding()))
    import_file(path)


def test_staff_get_the_resolution(db, tmp_path, django_user_model, client):
    imported(tmp_path)

    response = staff(django_user_model, client).get(
        "/api/v1/ownership/parties/A/resolution/?as_of=2026-06-01"
    )

    assert response.status_code == 200
    owners = {
        o["record_id"]: round(o["ownership"]["min"], 2) for o in response.json()["ultimate_owners"]
    }
    assert owners == {"X": 82.35, "Y": 17.65}


def test_an_unknown_record_answers_404(db, django_user_model, client):
    response = staff(django_user_model, client).get("/api/v1/ownership/parties/zz/resolution/")

    assert response.status_code == 404


def test_a_malformed_date_is_a_field_error(db, django_user_model, client):
    response = staff(django_user_model, client).get(
        "/api/v1/ownership/parties/A/resolution/?as_of=2026-13-01"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "as_of"


def test_investors_cannot_browse_the_register(db, tmp_path, investor):
    imported(tmp_path)

    response = investor.get("/api/v1/ownership/parties/A/resolution/")

    assert response.status_code == 403
