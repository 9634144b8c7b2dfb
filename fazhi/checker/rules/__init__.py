"""The rule registry.

Each rule is one module under a group package (`structure/`, `content/`,
`language/`, `layout/`) that defines `RULE` (a `base.Rule`) with its check
function attached. Drop a module in a group folder and it is registered: the
registry imports every module of the groups listed in `GROUPS`."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

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
