"""Notes on a case are read as well as written (issue 17, defect 2): each with its author
and time on the case page, and its text in the timeline."""

from django.utils import timezone


def add_note(client, case, text):
    return client.post(f"/review/cases/{case.pk}/act/", {"action": "note", "text": text})


def test_a_note_is_shown_with_its_author_and_time(verified, filed):
    _, case = filed
    add_note(verified, case, "Called counsel: the SPA is due Friday.")

    page = verified.get(f"/review/cases/{case.pk}/").content.decode()

    note = case.notes.get()
    assert (
        f"{timezone.localtime(note.created_at):%Y-%m-%d %H:%M}</time> · pages-senior: "
        "Called counsel: the SPA is due Friday.</li>"
    ) in page


def test_the_timeline_says_what_the_note_says(verified, filed):
    _, case = filed
    add_note(verified, case, "Called counsel.")

    page = verified.get(f"/review/cases/{case.pk}/").content.decode()

    assert "Note added: Called counsel." in page


def test_a_form_field_with_a_nul_character_is_refused(verified, filed):
    _, case = filed

    response = add_note(verified, case, "a\u0000b")

    assert response.status_code == 400
    assert not case.notes.exists()
