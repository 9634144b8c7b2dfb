"""Project configuration: `fazhi.toml` or `[tool.fazhi]` in pyproject.toml.

    profile = "township"              # built-in name or a .yaml path (relative to this file)
    published = false                 # the text as posted on a website (no 主送机关, page furniture skipped)
    min_score = 70
    disable = ["part-order"]
    enable = []
    select = ["spelling"]             # only these rules or groups (as ruff's select)
    ignore = ["nonstandard-char"]     # never these rules or groups
    allow = ["岘山"]
    exclude = ["drafts/**", "*.old.docx"]
    jobs = 4
    fail_on = "error"                 # error | warning | never (for `fazhi ci`)
    paths = ["reports"]               # what `fazhi ci` checks when given no paths
    [rules.term-fazhi]                # in pyproject.toml: [tool.fazhi.rules.term-fazhi]
    severity = "error"
    [data]
    laws = ["data/local_laws.tsv"]

The file is found by walking up from the checked folder (first found wins, a
fazhi.toml before a pyproject.toml in the same folder); the walk stops at a
folder holding `.git` or at the filesystem root. Command-line flags override it.
The configuration applies by producing a new Profile; the cached one is never
mutated."""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi.errors import ProfileError
from fazhi.schema.datafiles import check_kinds, suggest
from fazhi.limits import Limits

if TYPE_CHECKING:
    from pydantic import ValidationError

    from fazhi.config_models import FileConfig, LimitsConfig  # noqa: F401
    from fazhi.schema.models import Profile, RuleSetting

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FAIL_ON = ("error", "warning", "never")


def __getattr__(name: str) -> Any:
    """FileConfig and LimitsConfig live in fazhi.config_models (pydantic, imported on use)."""
    if name in ("FileConfig", "LimitsConfig"):
        from fazhi import config_models

        return getattr(config_models, name)
    raise AttributeError(f"module 'fazhi.config' has no attribute {name!r}")


@dataclass
class Settings:
    """Configuration file + command line, resolved: what a check run uses."""

    profile: Profile
    exclude: list[str] = field(default_factory=list)
    jobs: int | None = None
    fail_on: str = "error"
    config_path: Path | None = None
    limits: Limits = field(default_factory=Limits)


# ---------------------------------------------------------------- finding the file


def _has_tool_fazhi(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # not ours to judge; a broken pyproject without fazhi is skipped
    return isinstance(data.get("tool"), dict) and "fazhi" in data["tool"]


def find_config(start: Path | str) -> Path | None:
    """The first fazhi.toml or pyproject.toml with [tool.fazhi] from `start` upwards."""
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for d in (folder, *folder.parents):
        if (d / "fazhi.toml").is_file():
            return d / "fazhi.toml"
        if (d / "pyproject.toml").is_file() and _has_tool_fazhi(d / "pyproject.toml"):
            return d / "pyproject.toml"
        if (d / ".git").exists():
            break
    return None


# ---------------------------------------------------------------- reading it


def _raw_table(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"{path}: 无法读取配置文件（{exc.strerror or exc}）") from None
    except UnicodeDecodeError:
        raise ProfileError(f"{path}: 配置文件不是 UTF-8 编码，请另存为 UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: TOML 语法错误：{exc}，请修正后重试") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("fazhi", {})
        if not isinstance(data, dict):
            raise ProfileError(f"{path}: [tool.fazhi] 必须是一个表（键 = 值）")
    return data


def _explain(exc: ValidationError, path: Path) -> str:
    from fazhi.config_models import FileConfig, LimitsConfig
    from fazhi.schema.models import RuleSetting

    err = exc.errors()[0]
    where = ".".join(str(x) for x in err["loc"])
    prefix = "tool.fazhi." if path.name == "pyproject.toml" else ""
    if err["type"] == "extra_forbidden":
        model = FileConfig if len(err["loc"]) == 1 else LimitsConfig if err["loc"][0] == "limits" else RuleSetting
        return f"{path}: {suggest(prefix + where, [prefix + '.'.join([*map(str, err['loc'][:-1]), k]) for k in model.model_fields], '配置项')}"
    return f"{path}: 配置项 “{prefix}{where}” 的值无效：{err['msg']}"


def load_config(path: Path | str) -> FileConfig:
    from pydantic import ValidationError

    from fazhi.config_models import FileConfig

    path = Path(path)
    try:
        return FileConfig.model_validate(_raw_table(path))
    except ValidationError as exc:
        raise ProfileError(_explain(exc, path)) from None


# ---------------------------------------------------------------- applying it


def _check_slugs(cfg: FileConfig, path: Path | None) -> dict[str, RuleSetting]:
    """enable/disable/rules name known rules; rule options are declared and typed."""
    from fazhi.loading import check_rule_settings
    from fazhi.schema.models import RuleSetting

    where = str(path) if path else "配置"
    check_rule_settings({slug: RuleSetting() for slug in [*cfg.enable, *cfg.disable]}, where)
    check_kinds(cfg.data, where)
    return check_rule_settings(cfg.rules, where)


def expand_selectors(selectors, where: str = "") -> set[str]:
    """Rule slugs named by `selectors`: a slug, a group name (`spelling`) or
    `ALL`, as ruff's --select. Unknown names are a one-line ProfileError."""
    from fazhi.checker.rules import registry

    known = registry()
    groups = {r.group for r in known.values()}
    slugs: set[str] = set()
    for name in selectors:
        name = name.strip()
        if not name:
            continue
        if name.upper() == "ALL":
            slugs.update(known)
        elif name in groups:
            slugs.update(s for s, r in known.items() if r.group == name)
        elif name in known:
            slugs.add(name)
        else:
            near = difflib.get_close_matches(name, [*known, *groups], n=3, cutoff=0.5)
            hint = f"是否想写：{'、'.join(near)}？" if near else ""
            raise ProfileError(f"{where}未知的规则或规则组 “{name}”（{hint}运行 fazhi rules 查看全部规则和分组）")
    return slugs


def split_selectors(values) -> list[str]:
    """`--select a,b --select c` → [a, b, c]."""
    return [x.strip() for v in values or () for x in str(v).split(",") if x.strip()]


def select_rules(profile: Profile, select=(), ignore=(), where: str = "") -> Profile:
    """A new Profile where only the `select`ed rules run (all when empty) and
    the `ignore`d ones never do. Selecting a rule switches it on."""
    if not select and not ignore:
        return profile
    from fazhi.checker.rules import registry
    from fazhi.schema.models import RuleSetting

    chosen = expand_selectors(select, where) if select else None
    dropped = expand_selectors(ignore, where)
    rules = {slug: s.model_copy() for slug, s in profile.rules.items()}
    for slug in registry():
        on = (chosen is None or slug in chosen) and slug not in dropped
        base = rules.get(slug, RuleSetting())
        if chosen is None and on:
            continue  # not selected explicitly: keep the profile's own switch
        rules[slug] = base.model_copy(update={"enabled": on})
    return profile.model_copy(update={"rules": rules})


def _resolve_data(data: dict[str, list[str]], base: Path, path: Path | None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for kind, files in data.items():
        resolved = []
        for f in files:
            p = Path(f) if Path(f).is_absolute() else base / f
            if not p.is_file():
                raise ProfileError(f"{path or base}: data.{kind} 中的数据文件 {f} 不存在（相对路径以配置文件所在文件夹为准）")
            resolved.append(str(p))
        out[kind] = resolved
    return out


def apply_config(profile: Profile, cfg: FileConfig, path: Path | None = None) -> Profile:
    """A new Profile with the configuration's rule settings, allow phrases, data
    files and minimum score; `profile` itself is left untouched."""
    from pydantic import ValidationError

    from fazhi.schema.models import Profile, RuleSetting

    settings = _check_slugs(cfg, path)
    expand_selectors([*cfg.select, *cfg.ignore], f"{path}: " if path else "")
    if not (cfg.rules or cfg.enable or cfg.disable or cfg.allow or cfg.data or cfg.min_score is not None):
        return profile  # nothing to apply: skip re-validating the whole profile on every run
    rules = {slug: s.model_copy() for slug, s in profile.rules.items()}
    for slug, setting in settings.items():
        base = rules.get(slug, RuleSetting())
        rules[slug] = base.model_copy(update={k: getattr(setting, k) for k in setting.model_fields_set})
    for slug in cfg.enable:
        rules[slug] = rules.get(slug, RuleSetting()).model_copy(update={"enabled": True})
    for slug in cfg.disable:
        rules[slug] = rules.get(slug, RuleSetting()).model_copy(update={"enabled": False})
    data = {k: list(v) for k, v in profile.data.items()}
    base_dir = path.parent if path else Path.cwd()
    for kind, files in _resolve_data(cfg.data, base_dir, path).items():
        data[kind] = data.get(kind, []) + [f for f in files if f not in data.get(kind, [])]
    dump = profile.model_dump()
    dump.update(
        rules={k: v.model_dump() for k, v in rules.items()},
        allow=list(dict.fromkeys([*profile.allow, *cfg.allow])),
        data=data,
    )
    if cfg.min_score is not None:
        dump["min_score"] = cfg.min_score
    try:
        return Profile.model_validate(dump)
    except ValidationError as exc:  # pragma: no cover - inputs were validated above
        raise ProfileError(f"{path}: 配置无法应用到配置档：{exc.errors()[0]['msg']}") from None


def _profile_ref(cfg: FileConfig, path: Path | None) -> str | None:
    ref = cfg.profile
    if ref and path is not None and Path(ref).suffix and not Path(ref).is_absolute():
        return str(path.parent / ref)
    return ref


def resolve_settings(
    paths: list[Path] | list[str],
    *,
    profile: str | None = None,
    min_score: float | None = None,
    exclude: list[str] | None = None,
    jobs: int | None = None,
    fail_on: str | None = None,
    config: Path | str | None = None,
    use_config: bool = True,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    limits: dict | None = None,
    published: bool | None = None,
    title: str | None = None,
    cached: bool = False,
) -> Settings:
    """Find and read the configuration (unless `use_config` is False or `config`
    names the file), then let the command-line values override it. `cached`:
    reuse what an earlier run resolved from the same files (fazhi.config_cache);
    its profile is then a fazhi.schema.records.ProfileRecord, not a pydantic model."""
    cfg_path: Path | None = None
    if config is not None:
        cfg_path = Path(config)
        if not cfg_path.is_file():
            raise ProfileError(f"{cfg_path}: 配置文件不存在，请检查 --config 的路径")
    elif use_config:
        cfg_path = find_config(_start_folder(paths))
    values = dict(profile=profile, min_score=min_score, exclude=exclude, jobs=jobs, fail_on=fail_on, select=select,
                  ignore=ignore, limits=limits, published=published, title=title)
    if not cached:
        return _resolve(cfg_path, values)
    from fazhi import config_cache
    from fazhi.cache import cache_dir
    from fazhi.checker.rules import load_data

    folder, name = cache_dir(), config_cache.key(values, cfg_path)
    settings = config_cache.load(folder, name)
    if settings is not None:
        load_data(settings.profile)  # the rules' tables; a data file's own cache keeps it cheap
        return settings
    if folder is not None:  # what this process read before may have changed since: read it again
        from fazhi.schema.loader import load_profile

        load_profile.cache_clear()
    settings = _resolve(cfg_path, values)
    if folder is not None:
        _store(folder, name, settings, values)
    return settings


def _store(folder: Path, name: str, settings: Settings, values: dict) -> None:
    """Keep `settings` for the next run, with the files they were built from."""
    from dataclasses import replace

    from fazhi import config_cache
    from fazhi.schema.datafiles import extra_paths
    from fazhi.schema.loader import profile_files
    from fazhi.schema.records import records

    prof = settings.profile
    sources = [settings.config_path] if settings.config_path else []
    ref = values["profile"] or (_profile_ref(load_config(settings.config_path), settings.config_path) if settings.config_path else None)
    sources += profile_files(ref or "township")
    sources += [Path(p) for kind in prof.data for p in extra_paths(prof, kind)]
    config_cache.store(folder, name, replace(settings, profile=records(prof)), sources)


def _resolve(cfg_path: Path | None, values: dict) -> Settings:
    from fazhi.config_models import FileConfig
    from fazhi.loading import prepare
    from fazhi.schema import load_profile

    cfg = load_config(cfg_path) if cfg_path else FileConfig()
    chosen = values["profile"] or _profile_ref(cfg, cfg_path)
    prof = apply_config(load_profile(chosen or "township"), cfg, cfg_path)
    meta: dict = {}
    if chosen:
        meta["kind_profiles"] = {}  # a chosen profile is used for every report, whoever wrote it
    if values["published"] if values["published"] is not None else cfg.published:
        meta["published"] = True
    if values["title"]:
        meta["given_title"] = values["title"].strip()
    if meta:
        prof = prof.model_copy(update={"meta": prof.meta.model_copy(update=meta)})
    # As ruff: a --select on the command line replaces the file's; ignores add up.
    cli_select, cli_ignore = split_selectors(values["select"]), split_selectors(values["ignore"])
    prof = select_rules(prof, cli_select or cfg.select, [*cfg.ignore, *cli_ignore], "--select/--ignore: ")
    prof = prepare(prof, chosen or "township")  # a broken data file is exit 2, not a bug in a rule
    if values["min_score"] is not None:
        prof = prof.model_copy(update={"min_score": values["min_score"]})
    return Settings(
        profile=prof,
        exclude=[*cfg.exclude, *(values["exclude"] or [])],
        jobs=values["jobs"] or cfg.jobs,
        fail_on=values["fail_on"] or cfg.fail_on or "error",
        config_path=cfg_path,
        limits=Limits().replace(**cfg.limits.model_dump()).replace(**(values["limits"] or {})),
    )


def _start_folder(paths) -> Path:
    """The folder the configuration search starts from: the first path that exists
    (a glob's fixed prefix counts), else the working directory."""
    for p in paths:
        p = Path(str(p).split("*")[0].split("?")[0] or ".")
        while not p.exists() and p != p.parent:
            p = p.parent
        if p.exists():
            return p if p.is_dir() else p.parent
    return Path.cwd()
