"""JSON exactly per the contract: one object for one file, an array for several.

orjson writes the same text as `json.dumps(..., ensure_ascii=False, indent=2)`
about six times faster and without the pure-Python indenting encoder's
million small strings (a county's 1,000 reports are ~16 MB of JSON);
benchmarks/identity.py checks the two agree. Anything orjson refuses
(a lone surrogate, an integer beyond 64 bits) goes through `json`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

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
    return "".join(stream(list(reports), errors, many=many))


def stream(reports, errors, *, many: bool = False, **_) -> Iterator[str]:
    """The same text in pieces, one report at a time: an array's items are each
    report's own JSON indented by two more spaces, which is what one `dumps` of
    the whole array writes (strings hold no raw newline), so the output need
    never be built whole."""
    if len(reports) == 1 and not many:
        yield dumps(next(iter(reports)).to_dict())
        return
    if not len(reports):
        yield "[]"
        return
    yield "["
    for i, report in enumerate(reports):  # one report at a time: `reports` may unpack each as it goes
        yield ("\n  " if i == 0 else ",\n  ") + dumps(report.to_dict()).replace("\n", "\n  ")
    yield "\n]"
