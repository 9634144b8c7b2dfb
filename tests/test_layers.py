"""The layering of docs/architecture.md, checked over the import graph: a module
imports only from its own layer or the layers below it, and a private module
(`_name.py`) only from inside its own package. Function-level imports count:
a lazy import is still a dependency."""

import ast
from pathlib import Path

from conftest import ROOT

# Lowest first. A module belongs to the first entry (the longest prefix) naming it.
LAYERS = [
    ["fazhi.errors", "fazhi.limits", "fazhi.safe_output", "fazhi.cache", "fazhi.regex_cache"],
    ["fazhi.schema"],  # profiles, data files, font book: the domain facts
    ["fazhi.checker.reader", "fazhi.checker.model"],
    ["fazhi.checker.outline", "fazhi.checker.year", "fazhi.checker.townships", "fazhi.checker.entity"],
    ["fazhi.checker.parts"],
    ["fazhi.checker.findings", "fazhi.checker.context"],
    ["fazhi.checker.rules"],
    ["fazhi.checker.report", "fazhi.checker.scoring", "fazhi.checker.substance"],
    ["fazhi.checker.engine", "fazhi.checker.testing", "fazhi.checker"],
    ["fazhi.loading", "fazhi.templates"],
    # presentation of checked reports; these know each other
    ["fazhi.formatters", "fazhi.annotate", "fazhi.fixer", "fazhi.season"],
    ["fazhi.batch"],
    ["fazhi.config", "fazhi.config_models", "fazhi.config_cache"],
    # the season's glue to `fazhi check` and `fazhi serve` lives with the season
    ["fazhi.web", "fazhi.cli", "fazhi.__main__", "fazhi.season.hooks", "fazhi.season.web"],
]
# Modules outside a package that may use its private modules (cli._common.stop).
FRIENDS = {"fazhi.season.hooks": "fazhi.cli"}
TOP = ["fazhi"]  # fazhi/__init__.py: the version only
RULES = "fazhi.checker.rules"


def is_rule(module: str) -> bool:
    """fazhi.checker.rules.<group>.<rule>: a rule module, not a helper."""
    parts = module.split(".")
    return module.startswith(RULES + ".") and len(parts) == 5 and not parts[-1].startswith("_") and parts[-1] != "base"


def layer_of(module: str) -> int:
    best, where = "", -1
    for i, prefixes in enumerate(LAYERS):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > len(best):
                best, where = p, i
    return where


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path):
    """(imported module, line) for every `fazhi…` import, relative ones resolved."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            for alias in node.names:
                # `from fazhi.x import y` may name a submodule y
                yield (f"{base}.{alias.name}" if (ROOT / (base.replace(".", "/") + f"/{alias.name}.py")).exists() else base), node.lineno


def violations():
    for path in sorted((ROOT / "fazhi").rglob("*.py")):
        me = module_name(path)
        mine = layer_of(me)
        for target, line in imports(path):
            if not target.startswith("fazhi") or target in TOP:
                continue
            where = f"{path.relative_to(ROOT)}:{line} imports {target}"
            theirs = layer_of(target)
            if mine == -1 or theirs == -1:
                yield f"{where}: module not placed in a layer (tests/test_layers.py LAYERS)"
            elif theirs > mine:
                yield f"{where}: a higher layer"
            private = [i for i, part in enumerate(target.split(".")) if part.startswith("_") and not part.startswith("__")]
            if private:
                owner = ".".join(target.split(".")[: private[0]])
                if owner.startswith(RULES):  # rule helpers are shared by the rules of every group
                    owner = RULES
                if not (me == owner or me.startswith(owner + ".") or FRIENDS.get(me) == owner):
                    yield f"{where}: private to {owner}"
            if is_rule(target) and me.startswith(RULES + ".") and target != me:
                yield f"{where}: a rule imports another rule (move the shared part to a _helper)"


def test_imports_follow_the_layers():
    assert sorted(set(violations())) == []


def test_the_check_sees_a_violation(tmp_path):
    """The check itself can fail: an upward import is caught."""
    assert layer_of("fazhi.checker.rules.content.causes_missing") < layer_of("fazhi.formatters.text")
    assert layer_of("fazhi.schema.fonts") < layer_of("fazhi.templates.docx_builder") < layer_of("fazhi.cli.app")
