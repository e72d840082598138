"""The reviews' fixtures (a filed case, staff), for the pages."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.reviews.conftest import eager_tasks, file, filed, make_staff  # noqa: F401 - shared fixtures


@pytest.fixture
def verified(db, client):
    """A senior officer whose session passed the second factor."""
    staff = make_staff("senior_officer", "case_officer", name="pages-senior")
    device = TOTPDevice.objects.create(user=staff.user, name="phone", confirmed=True)
    client.force_login(staff.user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client
