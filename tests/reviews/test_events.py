"""The timeline words every audit event of a case, its own and the cooperation app's."""

from reviews import events


def test_every_event_of_the_review_has_its_words():
    codes = {
        value
        for name, value in vars(events).items()
        if name.isupper() and isinstance(value, str) and value.startswith("case.")
    }

    assert codes == set(events.WORDS)


def test_a_status_reached_reads_as_the_status():
    assert events.in_words(events.reached("phase_2")) == "Now: Phase 2 (in-depth investigation)"


def test_the_cooperation_apps_events_read_in_words():
    assert events.in_words("cooperation.sent.notification_art6") == (
        "Sent to other nodes: Notification (Art. 6)"
    )
    assert events.in_words("cooperation.received.comment") == (
        "Received from another node: Comment"
    )
