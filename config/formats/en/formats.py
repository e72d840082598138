"""Dates as ISO 8601 on every page (2026-11-24): unambiguous for readers across the
member states, and the form the API and the statutory deadlines use."""

DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
