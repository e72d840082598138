"""Reading untrusted JSON: bounded nesting, finite numbers, no NaN (docs/security.md).

Python's `json` module parses arbitrarily deep arrays by recursion, so a body of a few
kilobytes (`[[[[…]]]]` a thousand times) raises RecursionError in the parser, or later
in whatever walks the result (serializers, hashing, the database adapter). It also
accepts `NaN` and `Infinity`, and turns `1e999` into an infinite float, none of which
PostgreSQL's `jsonb` can store. Every JSON body from outside goes through `loads`: it
refuses all of these with a reason a caller can act on. No Django imports.
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

MAX_DEPTH = 64  # a filing's deepest path (BODS interests in a statement) is under 10


class JsonBodyError(ValueError):
    """Why a body is not acceptable JSON, in words for the caller."""


def _refuse_constant(name: str) -> Any:
    raise JsonBodyError(f"{name} is not a JSON number; send a finite number or null.")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise JsonBodyError(f"The number {text[:40]} is too large to store.")
    return value


def loads(data: bytes | str, *, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value of `data`, or JsonBodyError saying what is wrong with it."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise JsonBodyError(f"The body is not UTF-8 (byte {error.start}).") from None
    else:
        text = data
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:
        raise _too_deep(max_depth) from None
    except JsonBodyError:
        raise
    except json.JSONDecodeError as error:
        raise JsonBodyError(f"The body is not valid JSON: {error}.") from None
    except ValueError:  # an integer past Python's limit of digits for conversion
        raise JsonBodyError(
            f"A number has more than {sys.get_int_max_str_digits()} digits."
        ) from None
    if depth_exceeds(value, max_depth):
        raise _too_deep(max_depth)
    return value


def depth_exceeds(value: Any, max_depth: int) -> bool:
    """Whether arrays and objects nest deeper than `max_depth` (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > max_depth:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _too_deep(max_depth: int) -> JsonBodyError:
    return JsonBodyError(f"Arrays and objects nest deeper than {max_depth} levels.")
