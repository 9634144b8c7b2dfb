"""The rule registry.

Each rule is one module under a group package (`structure/`, `content/`,
`language/`, `layout/`) that defines `RULE` (a `base.Rule`) with its check
function attached. Drop a module in a group folder and it is registered: the
registry imports every module of the groups listed in `GROUPS`."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from fazhi.checker.rules._prefilter import prefilter  # noqa: F401 - for the layers above (substance)
from fazhi.checker.rules.base import Rule

GROUPS = ("structure", "content", "references", "language", "layout", "spelling")


@lru_cache(maxsize=1)
def registry() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for group in GROUPS:
        try:
            pkg = importlib.import_module(f"fazhi.checker.rules.{group}")
        except ModuleNotFoundError:
            continue
        for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{pkg.__name__}.{info.name}")
            rule = getattr(module, "RULE", None)
            if rule is None:
                continue
            if rule.slug in rules:
                raise RuntimeError(f"duplicate rule slug {rule.slug!r} in {module.__name__}")
            if rule.check is None:
                raise RuntimeError(f"rule {rule.slug!r} has no check function")
            rule.group = group
            rules[rule.slug] = rule
    return rules


def get(slug: str) -> Rule:
    return registry()[slug]


# What builds the rules' tables from each data kind (fazhi.schema.datafiles.KINDS).
DATA_LOADERS = {
    "laws": "fazhi.checker.rules.references._laws:law_table",
    "law_aliases": "fazhi.checker.rules.references._laws:law_table",
    "law_titles": "fazhi.checker.rules.references._titles:shapes",
    "plans": "fazhi.checker.rules.references.plan_title_wrong:plans",
    "outdated": "fazhi.checker.rules.references.outdated_reference:outdated_entries",
    "terms": "fazhi.checker.rules.references.term_fazhi:terms",
    "repealed": "fazhi.checker.rules.references.law_repealed:historical_marks",
    "placeholders": "fazhi.checker.rules.language._data:placeholders",
    "rates": "fazhi.checker.rules.language._data:rates",
    "punctuation": "fazhi.checker.rules.language._data:punctuation",
    "content": "fazhi.checker.rules.content._data:content",
    "divisions": "fazhi.checker.rules.content._places:division_table",
    "typos": "fazhi.checker.rules.spelling._data:pairs",
    "variants": "fazhi.checker.rules.spelling._data:pairs",
    "fonts": "fazhi.schema.fonts:font_book",
    "substance": "fazhi.checker.substance:vocabulary",
    "townships": "fazhi.checker.townships:township_table",
    "entity": "fazhi.checker.entity:generic_body_names",
    "web_page": "fazhi.checker.outline:web_page",
}


def load_data(profile) -> None:
    """Load every data kind for `profile` (built-in files and the profile's
    own), so a missing or broken file is a `ProfileError` before any report
    is checked rather than an error inside a rule. The loaders cache."""
    for target in dict.fromkeys(DATA_LOADERS.values()):
        module, name = target.split(":")
        getattr(importlib.import_module(module), name)(profile)
