"""fazhi/data/season.yaml, read once per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "season.yaml"


@lru_cache(maxsize=1)
def season_data() -> dict:
    import yaml

    data = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    return {"generic_words": list(data.get("generic_words") or []), "boilerplate": list(data.get("boilerplate") or [])}
