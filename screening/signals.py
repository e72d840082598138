"""Events of the filing lifecycle, for higher layers (reviews) to subscribe to.

Sent after the transaction commits, with `filing` and `version` (None on withdrawal).
"""

from django.dispatch import Signal

filing_submitted = Signal()
filing_amended = Signal()
filing_withdrawn = Signal()
