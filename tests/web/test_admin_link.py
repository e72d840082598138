"""The Administration link is shown to those who can administer something, not to every
member of the staff (issue 17, defect 12: officers got "no permission" behind it)."""

from django.contrib.auth.models import User

from tests.reviews.conftest import make_staff


def home(client):
    return client.get("/review/").content.decode()


def test_an_officer_sees_no_administration_link(db):
    officer = make_staff("case_officer", name="link-officer")
    User.objects.filter(pk=officer.user.pk).update(is_staff=True)  # as the demo's officers

    assert ">Administration</a>" not in home(officer)


def test_an_administrator_sees_it(db):
    admin = make_staff("administrator", name="link-admin")
    User.objects.filter(pk=admin.user.pk).update(is_staff=True, is_superuser=True)

    assert ">Administration</a>" in home(admin)
