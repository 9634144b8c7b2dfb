"""The schema: pydantic models of a report profile, loaded from YAML.

    from fazhi.schema import load_profile
    profile = load_profile("township")        # built-in name or a path to a .yaml

`load_profile`, `available_profiles` and `Profile` are imported on first use:
a start-up served from the settings cache (fazhi.config) never imports
pydantic, and the checker's modules import only PART_IDS from here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

PART_IDS = ("achievements", "shortcomings", "leader_duties", "next_year", "other")

if TYPE_CHECKING:
    from fazhi.schema.loader import available_profiles, load_profile  # noqa: F401
    from fazhi.schema.models import Profile  # noqa: F401

_LAZY = {"load_profile": "fazhi.schema.loader", "available_profiles": "fazhi.schema.loader", "Profile": "fazhi.schema.models"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'fazhi.schema' has no attribute {name!r}")
