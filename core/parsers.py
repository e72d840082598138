"""The API's JSON parser: DRF's, reading through `core.pure.jsonbody` (bounded nesting,
finite numbers), so no body can crash the parser or what reads its result."""

from __future__ import annotations

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError

from core.pure import jsonbody


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        data = stream.read() if stream is not None else b""
        try:
            return jsonbody.loads(data)
        except jsonbody.JsonBodyError as error:
            raise ParseError(str(error)) from None
