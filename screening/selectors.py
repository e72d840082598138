"""Reads of filings shared by the API and the pages."""

from django.db.models import QuerySet

from core.models import Organisation
from screening.models import Document, Filing, FilingVersion


def filings_of(organisation: Organisation) -> QuerySet[Filing]:
    """An organisation's own filings; another's are never in this set (they answer 404)."""
    return Filing.objects.filter(organisation=organisation)


def filing_with_history(organisation: Organisation) -> QuerySet[Filing]:
    return filings_of(organisation).prefetch_related("versions", "documents")


def versions_of(filing: Filing) -> QuerySet[FilingVersion]:
    return filing.versions.select_related("filing").order_by("number")


def version_summaries_of(filing: Filing) -> QuerySet[FilingVersion]:
    """The versions without their content (the list shows none): it can be megabytes of
    BODS statements per version."""
    return versions_of(filing).defer("content", "filing__draft")


def documents_of(filing: Filing) -> QuerySet[Document]:
    return filing.documents.order_by("uploaded_at")
