"""Everything a check needs for a profile, loaded and validated in one place.

    profile = load("township")            # a built-in name or a .yaml path
    profile = prepare(profile, source)    # e.g. after fazhi.toml was applied

`prepare` is the single entry point: the profile's rule settings (known rule
slugs, declared option keys, option values of the declared type) and every
data kind (fazhi.schema.datafiles.KINDS) are checked, so a typo or a broken
file is one line naming the file, exit 2, before any report is read. The
checker (`fazhi check`/`ci`), `fazhi schema`, `fazhi rules` and the web page
all go through it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fazhi.errors import ProfileError
from fazhi.schema.datafiles import check_kinds, suggest

if TYPE_CHECKING:
    from fazhi.schema.models import Profile, RuleSetting

_TYPE_NAMES = {int: "整数", float: "数字", bool: "true 或 false", str: "文本"}


def load(ref: str = "township") -> Profile:
    """A profile by built-in name or path, validated strictly, its data loaded."""
    from fazhi.schema import load_profile

    return prepare(load_profile(ref), ref)


def prepare(profile: Profile, source: str | None = None) -> Profile:
    """`profile` with its rule options converted to their declared types, after
    checking its rule settings and loading every data file it uses."""
    from fazhi.checker.rules import load_data

    where = source or f"配置档 {profile.name}"
    check_kinds(profile.data, where)
    rules = check_rule_settings(profile.rules, where)
    if any(rules[slug] is not setting for slug, setting in profile.rules.items()):
        profile = profile.model_copy(update={"rules": rules})
    load_data(profile)
    return profile


def check_rule_settings(settings: dict[str, RuleSetting], where: str) -> dict[str, RuleSetting]:
    """Unknown slugs and option keys are errors (with a suggestion); option values
    are converted to the declared type or rejected."""
    from fazhi.checker.rules import registry

    known = registry()
    out = {}
    for slug, setting in settings.items():
        if slug not in known:
            raise ProfileError(f"{where}: {suggest(slug, known, '规则')}，运行 fazhi rules 查看全部规则")
        declared = known[slug].options
        options = {}
        for key, value in setting.options.items():
            if key not in declared:
                what = f"规则 {slug} 的选项"
                hint = suggest(key, declared, what) if declared else f"规则 {slug} 没有可设置的选项 “{key}”"
                raise ProfileError(f"{where}: {hint}")
            options[key] = _typed(value, declared[key].type, f"{where}: 规则 {slug} 的选项 {key}")
        out[slug] = setting.model_copy(update={"options": options}) if options else setting
    return out


def _typed(value, kind: type, where: str):
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, kind) and not (kind is not bool and isinstance(value, bool)):
        return value
    raise ProfileError(f"{where} 应为{_TYPE_NAMES.get(kind, kind.__name__)}，实际为“{value}”")
