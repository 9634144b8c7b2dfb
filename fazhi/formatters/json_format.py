"""JSON exactly per the contract: one object for one file, an array for several."""

from __future__ import annotations

import json


def render(reports, errors, *, many: bool = False, **_) -> str:
    data = [r.to_dict() for r in reports]
    if len(data) == 1 and not many:
        return json.dumps(data[0], ensure_ascii=False, indent=2)
    return json.dumps(data, ensure_ascii=False, indent=2)
