"""The reviews' fixtures (a filed case, staff), for the pages."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from cooperation import peers
from cooperation.pure import signing
from tests.reviews.conftest import act, eager_tasks, file, filed, make_staff  # noqa: F401 - shared fixtures


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


@pytest.fixture
def notified_case(filed, django_capture_on_commit_callbacks):  # noqa: F811 - the fixture
    """The filed case in phase 1, its Art. 6 notification prepared (a draft); FR a peer
    at an address where nothing listens."""
    peers.create_node_key()
    peers.register_peer(
        code="FR",
        name="France",
        base_url="http://127.0.0.1:9",
        public_key=signing.new_key_pair().public,
    )
    _, case = filed
    senior = make_staff("senior_officer", "case_officer", name="panel-senior")
    with django_capture_on_commit_callbacks(execute=True):
        act(senior, case, "open_phase_1")
    return case
