"""The JSON text of the store's JSON columns: compact, UTF-8 as is, keys in a fixed order.

A stored article writes about a hundred small JSON values (its record, each amount, each
event's lists, each deal's state), so they go through orjson, several times faster than
the standard library; a value orjson refuses (an integer beyond 64 bits) falls back to it.
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def dumps(value: Any, *, sort_keys: bool = False) -> str:
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS if sort_keys else 0).decode("utf-8")
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)
