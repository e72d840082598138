"""Events of the review, for higher layers (cooperation) to subscribe to.

`case_transitioned` is sent after the transaction commits, with `case`, `before` and
`after` (statuses). `urgency_recorded` (with `case`, `actor`, `justification`) and
`penalty_recorded` (with `case`, `actor`, `penalty`) are sent inside the transaction that
records them: what a receiver writes (an outbox message) commits or rolls back with it.
"""

from django.dispatch import Signal

case_transitioned = Signal()
urgency_recorded = Signal()
penalty_recorded = Signal()
