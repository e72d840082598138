"""What kinds of document a filing may carry, told from the bytes, not the file name."""

from __future__ import annotations

from typing import IO

import filetype

ALLOWED_MEDIA_TYPES: dict[str, str] = {
    "application/pdf": "PDF",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    "image/tiff": "TIFF image",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (DOCX)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (XLSX)",
    "application/vnd.oasis.opendocument.text": "OpenDocument text",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
}
SNIFF_BYTES = 8192


def sniff_media_type(stream: IO[bytes]) -> str | None:
    """The media type the content shows, or None when it shows none we know."""
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    if head.startswith(b"PK"):
        # Office formats are zip files: filetype looks inside, which needs the whole file.
        data = stream.read()
        stream.seek(0)
        kind = filetype.guess(data)
    else:
        kind = filetype.guess(head)
    return kind.mime if kind else None


def allowed_list() -> str:
    return ", ".join(ALLOWED_MEDIA_TYPES.values())
