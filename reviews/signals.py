"""Events of the review, for higher layers (cooperation) to subscribe to.

`case_transitioned` is sent after the transaction commits, with `case`, `before` and
`after` (statuses). `urgency_recorded` is sent inside the transaction that records it,
with `case`, `actor` and `justification`: what a receiver writes (an outbox message)
commits or rolls back with it.
"""

from django.dispatch import Signal

case_transitioned = Signal()
urgency_recorded = Signal()
