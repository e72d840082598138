"""The cooperation panel of the case page: the contact point sends the prepared
notification from there; officers not on the case do not see it."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from cooperation.models import Delivery
from tests.reviews.conftest import act, make_staff


def verified_client(client, *groups, name):
    staff = make_staff(*groups, name=name)
    device = TOTPDevice.objects.create(user=staff.user, name="phone", confirmed=True)
    client.force_login(staff.user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client, staff


def test_the_contact_point_sends_the_prepared_notification_from_the_case_page(
    client, notified_case
):
    contact, _ = verified_client(client, "contact_point", name="panel-contact")
    page = contact.get(f"/review/cases/{notified_case.pk}/").content.decode()
    assert "Notification (Art. 6)" in page and "Draft: not sent" in page
    draft = notified_case.messages.get()

    response = contact.post(
        f"/review/cases/{notified_case.pk}/cooperation/",
        {"action": "send_draft", "message": draft.message_id, "confirm": "on"},
        follow=True,
    )

    assert "Notification sent to FR." in response.content.decode()
    assert Delivery.objects.filter(message=draft).count() == 1


def test_an_officer_not_on_the_case_does_not_see_the_panel(client, notified_case):
    officer, _ = verified_client(client, "case_officer", name="panel-stranger")

    page = officer.get(f"/review/cases/{notified_case.pk}/").content.decode()

    assert "Cooperation with other member states" not in page


def test_a_malformed_message_id_is_a_message_on_the_page(client, notified_case):
    contact, _ = verified_client(client, "contact_point", name="panel-contact2")

    response = contact.post(
        f"/review/cases/{notified_case.pk}/cooperation/",
        {"action": "send_draft", "message": "not-a-uuid"},
        follow=True,
    )

    assert response.status_code == 200
    assert "No such message." in response.content.decode()


def test_while_the_worker_has_not_yet_followed_the_case_the_panel_says_so(client, filed):
    # Phase 1 opened, its commit callbacks not yet run: no worker has prepared the
    # notification, so the contact point is told it is coming rather than shown nothing.
    _, case = filed
    act(make_staff("senior_officer", name="quiet-senior"), case, "open_phase_1")
    contact, _ = verified_client(client, "contact_point", name="waiting-contact")

    page = contact.get(f"/review/cases/{case.pk}/").content.decode()

    assert "Cooperation with other member states" in page
    assert "Following this case" in page
    assert "Draft: not sent" not in page
