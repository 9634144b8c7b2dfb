"""Loading domain data files: the built-in ones under fazhi/data/ plus the
files a profile lists under `data:` (kind → paths, relative to the current
directory). A broken user file raises `ProfileError` with a one-line Chinese
message naming the file, so the CLI exits with code 2 instead of a traceback.

Loaders are cached per (kind, extra paths), so each data file is parsed and
each matcher compiled once per process."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from fazhi.errors import ProfileError

if TYPE_CHECKING:
    from fazhi.schema.models import Profile

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def builtin(name: str) -> Path:
    return DATA_DIR / name


def extra_paths(profile: "Profile", kind: str) -> tuple[str, ...]:
    """The profile's extra files of one kind, resolved against the current directory."""
    return tuple(str(Path(p).expanduser().resolve()) for p in profile.data.get(kind, []))


def _check_file(path: Path, kind: str) -> None:
    if not path.is_file():
        raise ProfileError(f"找不到数据文件 {path}（配置档 data.{kind} 中列出；相对路径按当前目录解析），请检查路径")


def read_yaml(path: str | Path, kind: str):
    path = Path(path)
    _check_file(path, kind)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ProfileError(f"数据文件 {path}: 不是 UTF-8 编码，请另存为 UTF-8") from None
    except yaml.YAMLError as exc:
        raise ProfileError(f"数据文件 {path}: YAML 语法错误：{exc}".replace("\n", " ")) from None


def read_tsv(path: str | Path, kind: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line; `required` columns must exist."""
    path = Path(path)
    _check_file(path, kind)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise ProfileError(f"数据文件 {path}: 不是 UTF-8 编码，请另存为 UTF-8") from None
    content = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    if not content:
        return []  # an empty file adds nothing
    reader = csv.DictReader(content, delimiter="\t")
    header = set(reader.fieldnames or ())
    rows = list(reader)
    missing = [c for c in required if c not in header]
    if missing:
        raise ProfileError(f"数据文件 {path}: 缺少列 {'、'.join(missing)}（第一行应为以制表符分隔的列名）")
    return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in rows]


def need(entry: dict, key: str, path: str | Path, where: str) -> str:
    """A required string field of a YAML entry."""
    value = entry.get(key) if isinstance(entry, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise ProfileError(f"数据文件 {path}: {where} 缺少字段 {key}（应为非空字符串）")
    return value


def entries(data, path: str | Path, key: str | None = None) -> list:
    """The list of entries of a YAML file: the file itself or its `key` mapping entry."""
    if key is not None and isinstance(data, dict):
        data = data.get(key, [])
    if data is None:
        return []
    if not isinstance(data, list):
        where = f"字段 {key}" if key else "顶层"
        raise ProfileError(f"数据文件 {path}: {where}应为列表")
    return data


def validate_profile_data(profile: "Profile") -> None:
    """Load every data kind of the reference and language rules for `profile`, so a
    missing or broken file listed under `data:` is reported (ProfileError, exit 2)
    before any report is checked, instead of failing inside a rule."""
    from fazhi.checker.rules.language import _data as language
    from fazhi.checker.rules.references import law_title_unknown, outdated_reference, plan_title_wrong, term_fazhi
    from fazhi.checker.rules.references._laws import law_table

    for load in (
        law_table,
        law_title_unknown.shapes,
        plan_title_wrong.plans,
        outdated_reference.outdated_entries,
        term_fazhi.terms,
        language.placeholders,
        language.rates,
        language.punctuation,
    ):
        load(profile)
