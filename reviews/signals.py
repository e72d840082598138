"""Events of the review, for higher layers (cooperation) to subscribe to.

`case_transitioned` is sent after the transaction commits, with `case`, `before` and
`after` (statuses).
"""

from django.dispatch import Signal

case_transitioned = Signal()
