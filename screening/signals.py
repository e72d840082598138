"""Events of the filing lifecycle, for higher layers (reviews) to subscribe to.

Sent after the transaction commits, with `filing` and `version` (None on withdrawal);
`ownership_assessed` with the `assessment` of a version once its investor is resolved.
"""

from django.dispatch import Signal

filing_submitted = Signal()
filing_amended = Signal()
filing_withdrawn = Signal()
ownership_assessed = Signal()
