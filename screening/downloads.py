"""How a filing's document leaves the node, to an investor or to the authority's staff:
as the type detected at upload, under its name with that type's extension, always saved
(`attachment`) and never sniffed, so no browser renders a document as a page
(docs/api-documents.md)."""

from typing import Protocol

from django.db.models.fields.files import FieldFile
from django.http import FileResponse


class Stored(Protocol):
    """A document row: a filing's, or one an officer added to a case file."""

    file: FieldFile
    name: str
    media_type: str


def download(document: Stored) -> FileResponse:
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.name,
        content_type=document.media_type,
    )
    # Set here, not left to SecurityMiddleware's setting: the promise is this answer's.
    response["X-Content-Type-Options"] = "nosniff"
    return response
