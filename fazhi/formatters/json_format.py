"""JSON exactly per the contract: one object for one file, an array for several.

orjson writes the same text as `json.dumps(..., ensure_ascii=False, indent=2)`
about six times faster and without the pure-Python indenting encoder's
million small strings (a county's 1,000 reports are ~16 MB of JSON);
benchmarks/identity.py checks the two agree. Anything orjson refuses
(a lone surrogate, an integer beyond 64 bits) goes through `json`."""

from __future__ import annotations

import json
import re

# Python writes 1e-05 and 1e+16 where orjson writes 0.00001 and 1e16: a number
# in exponent form or below 0.0001 (or text that looks like one) sends the data
# through `json`.
_EXPONENT = re.compile(rb"\d[eE][-+]?\d|0\.0000\d")


def dumps(data) -> str:
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency; json gives the same text
        return json.dumps(data, ensure_ascii=False, indent=2)
    try:
        out = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(data, ensure_ascii=False, indent=2)
    if _EXPONENT.search(out):
        return json.dumps(data, ensure_ascii=False, indent=2)
    return out.decode("utf-8")


def render(reports, errors, *, many: bool = False, **_) -> str:
    data = [r.to_dict() for r in reports]
    if len(data) == 1 and not many:
        return dumps(data[0])
    return dumps(data)
