"""Data files: the one list of data kinds and the one way to read them.

Every kind has a built-in file under fazhi/data/; a profile (or fazhi.toml)
adds files of a kind with `data: {kind: [path, ...]}`. `KINDS` says, for each,
the file format, what its entries look like and how added files combine with
the built-in one; `fazhi schema` shows it. Reading goes through `read_text`,
`read_yaml` and `read_tsv` here, so every broken or mis-encoded file gives the
same kind of one-line `ProfileError` (exit 2) naming the file, the line and,
where there is one, the field. The kinds' loaders (which build the rules'
tables from these files) are listed in `fazhi.checker.rules.DATA_LOADERS`."""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from pathlib import Path
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from fazhi.errors import ProfileError

if TYPE_CHECKING:
    from fazhi.schema.models import Profile

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class DataKind:
    name: str  # the key under `data:`
    file: str  # the built-in file in fazhi/data/
    format: Literal["yaml", "tsv"]
    entries: str  # what the file holds (Chinese)
    merge: str  # how a profile's files combine with the built-in one (Chinese)
    columns: tuple[str, ...] = ()  # tsv: the header columns a file must have


_REPLACE_BY = "追加在内置条目之后；与内置条目 {key} 相同的替换内置条目"
KINDS: dict[str, DataKind] = {
    k.name: k
    for k in (
        DataKind("laws", "laws.tsv", "tsv", "法律法规名称、状态、废止日期、替代法律", _REPLACE_BY.format(key="title"),
                 ("title", "short_title", "status")),
        DataKind("law_aliases", "law_aliases.tsv", "tsv", "法律简称/俗称 → 全称", _REPLACE_BY.format(key="alias"), ("alias", "title")),
        DataKind("law_titles", "law_titles.yaml", "yaml", "书名号内哪些是法律法规名称（后缀、排除词）", "列表追加"),
        DataKind("plans", "plans.yaml", "yaml", "规划、纲要的正式名称与期间", "追加；与内置规划 core 相同的合并期间"),
        DataKind("outdated", "outdated.yaml", "yaml", "过时提法、起止年份、说明", _REPLACE_BY.format(key="id")),
        DataKind("repealed", "repealed.yaml", "yaml", "引用已废止法律时哪些字样表示在说历史（原《…》、（已废止））", "同名键替换内置值"),
        DataKind("terms", "terms.yaml", "yaml", "“法制/法治”等用语的对错", "列表追加；wrong 中 term 相同的替换内置条目"),
        DataKind("placeholders", "placeholders.yaml", "yaml", "未填写的占位符（XX、××、【】…）", "列表追加"),
        DataKind("rates", "rates.yaml", "yaml", "百分比、率的取值范围", "列表追加"),
        DataKind("punctuation", "punctuation.yaml", "yaml", "标点规则数据", "列表追加"),
        DataKind("content", "content.yaml", "yaml", "内容规则的线索词、领域、阈值", "映射逐层合并，列表追加，其他值替换"),
        DataKind("divisions", "divisions.tsv", "tsv", "行政区划：代码、名称、上级代码、级别", "追加；代码相同的替换内置行",
                 ("code", "name", "parent", "level")),
        DataKind("typos", "typos.yaml", "yaml", "错别字：always（任何语境都错）、context（某语境下错）、allow", "列表追加；wrong 相同的替换内置条目"),
        DataKind("variants", "variants.tsv", "tsv", "异形词 → 推荐词形", "追加；variant 相同的替换内置行", ("variant", "standard")),
        DataKind("fonts", "fonts.yaml", "yaml", "字体别名、替代字体、字号名称", "后面的文件覆盖前面的同名字体和字号"),
        DataKind("townships", "townships.tsv", "tsv", "乡镇街道：县级代码、县名、以空格分隔的乡镇街道全称",
                 "追加：同一县级代码的乡镇追加在内置乡镇之后；新代码须写县名", ("county", "towns")),
        DataKind("entity", "entity.yaml", "yaml", "正文中泛指某类乡镇、不作报告主体的名称（如“中心镇”）", "列表追加"),
        DataKind("web_page", "web_page.yaml", "yaml", "网站发布版的网页栏目：字段名（索引号、发布时间…）和整行的网页文字（正则）", "列表追加"),
        DataKind("substance", "substance.yaml", "yaml", "部分是否有实际内容：事实的样式、具体措施和机构名称", "列表追加，part_facts 按部分追加，其他值替换"),
    )
}


# Built-in files a profile cannot add to (yet): read by the module named.
BUILTIN_ONLY = {
    "season.yaml": "fazhi/season/data.py",
    "spelling_confusion.tsv": "fazhi/checker/rules/spelling/_detector.py",
    "traditional_chars.tsv": "fazhi/checker/rules/spelling/nonstandard_char.py",
}


def suggest(name: object, known, what: str) -> str:
    """未知的{what} “nmae”（是否想写 “name”？可用：…）."""
    known = list(known)
    near = difflib.get_close_matches(str(name), known, n=3, cutoff=0.5)
    hint = f"是否想写 {'、'.join(f'“{n}”' for n in near)}？" if near else f"可用：{'、'.join(known)}"
    return f"未知的{what} “{name}”（{hint}）"


def check_kinds(data: dict, where: str) -> None:
    """`data:` keys must be known kinds: a typo would silently load nothing."""
    for kind in data:
        if kind not in KINDS:
            raise ProfileError(f"{where}: {suggest(kind, KINDS, '数据类型 data.')}")


def builtin(name: str) -> Path:
    return DATA_DIR / name


def extra_paths(profile: "Profile", kind: str) -> tuple[str, ...]:
    """The profile's extra files of one kind, resolved against the current directory."""
    return tuple(str(Path(p).expanduser().resolve()) for p in profile.data.get(kind, []))


def paths(profile: "Profile", kind: str) -> tuple[str, ...]:
    """The built-in file of `kind` and then the profile's files of that kind.
    Asked for by rules on every document: no Path objects when there are no extra files."""
    own = builtin_str(KINDS[kind].file)
    return (own, *extra_paths(profile, kind)) if profile.data.get(kind) else (own,)


def builtin_str(name: str) -> str:
    """`str(builtin(name))`, without building a Path each time."""
    return _builtin_str(DATA_DIR, name)


@lru_cache(maxsize=64)
def _builtin_str(root: Path, name: str) -> str:
    return str(root / name)


# ---------------------------------------------------------------- reading


def read_text(path: str | Path, what: str = "数据文件", kind: str | None = None) -> str:
    """A user file's text: UTF-8 (with or without BOM), else GB18030 (what
    Chinese Windows saves as "ANSI"), else a one-line error."""
    path = Path(path)
    if not path.is_file():
        listed = f"（配置档 data.{kind} 中列出；相对路径按当前目录解析）" if kind else ""
        raise ProfileError(f"找不到{what} {path}{listed}，请检查路径")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileError(f"{what} {path} 无法读取（{exc.strerror or exc}），请检查文件权限") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProfileError(f"{what} {path} 第{line}行: 既不是 UTF-8 也不是 GBK/GB18030 编码，请另存为 UTF-8") from None


class Mapping(dict):
    """A YAML mapping that remembers the line it starts on (for error messages)."""

    line: int = 0


def _mapping(loader, node) -> Mapping:
    out = Mapping(loader.construct_mapping(node, deep=True))
    out.line = node.start_mark.line + 1
    return out


@lru_cache(maxsize=1)
def _loader() -> type:
    """libyaml's safe loader, building `Mapping`s (yaml is imported on first use:
    a start-up from the settings cache may need no YAML at all)."""
    import yaml

    class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    return _Loader


def parse_yaml(text: str, path: str | Path, what: str = "数据文件") -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f" 第{mark.line + 1}行" if mark is not None else ""
        problem = exc.problem or exc.context or "无法解析"
        raise ProfileError(f"{what} {path}{line}: YAML 语法错误（{problem}），请修正后重试") from None
    except yaml.YAMLError as exc:
        raise ProfileError(f"{what} {path}: YAML 语法错误（{exc}）".replace("\n", " ")) from None


def read_yaml(path: str | Path, kind: str) -> Any:
    """The parsed file; kept in fazhi's cache (keyed by the file's bytes), so a
    warm start neither imports nor runs the YAML parser. A file that does not
    parse never gets an entry: its error is raised on every read."""
    from fazhi.cache import blake2b, compiled

    tag = blake2b(str(Path(path).resolve()).encode(), digest_size=6).hexdigest()
    return compiled(f"yaml-{Path(path).stem}-{tag}", [Path(path)], lambda: parse_yaml(read_text(path, kind=kind), path), _plain, _unplain)


# A parsed file as marshal-able builtins: YAML's safe loader makes no tuples,
# so a tuple (line, {key: value}) stands for a Mapping.
def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return (value.line, {k: _plain(v) for k, v in value.items()})
    if isinstance(value, dict):
        return (0, {k: _plain(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value  # str, int, float, bool, None (a date or a set: marshal refuses a date, so no entry)


def _unplain(value: Any) -> Any:
    if isinstance(value, tuple):
        out = Mapping({k: _unplain(v) for k, v in value[1].items()})
        out.line = value[0]
        return out
    if isinstance(value, list):
        return [_unplain(v) for v in value]
    return value


def at(path: str | Path, entry: Any = None) -> str:
    """"数据文件 x.yaml 第12行" for an entry read by `read_yaml` or `read_tsv`."""
    line = getattr(entry, "line", 0)
    return f"数据文件 {path}" + (f" 第{line}行" if line else "")


class Row(dict):
    """One row of a TSV file (column → stripped value) and its line number."""

    line: int = 0


def content_lines(path: str | Path, kind: str) -> list[tuple[int, str]]:
    """(line number, line) of a TSV file, blank and # comment lines left out."""
    text = read_text(path, kind=kind)
    return [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.startswith("#")]


def read_tsv(path: str | Path, kind: str, required: tuple[str, ...] | None = None) -> list[Row]:
    """Rows of a tab-separated file with a header line; `required` columns
    (default: the kind's columns) must be in it."""
    required = KINDS[kind].columns if required is None and kind in KINDS else (required or ())
    numbered = content_lines(path, kind)
    if not numbered:
        return []  # an empty file adds nothing
    reader = csv.reader([ln for _, ln in numbered], delimiter="\t")
    header = [h.strip() for h in next(reader)]
    missing = [c for c in required if c not in header]
    if missing:
        raise ProfileError(f"数据文件 {path} 第{numbered[0][0]}行: 缺少列 {'、'.join(missing)}（第一行应为以制表符分隔的列名）")
    rows = []
    for (n, _), cells in zip(numbered[1:], reader):
        row = Row({h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h})
        row.line = n
        rows.append(row)
    return rows


def need(entry: Any, key: str, path: str | Path, where: str) -> str:
    """A required string field of a YAML entry."""
    value = entry.get(key) if isinstance(entry, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise ProfileError(f"{at(path, entry)}: {where} 缺少字段 {key}（应为非空字符串）")
    return value


def entries(data: Any, path: str | Path, key: str | None = None) -> list:
    """The list of entries of a YAML file: the file itself or its `key` mapping entry."""
    if key is not None and isinstance(data, dict):
        data = data.get(key, [])
    if data is None:
        return []
    if not isinstance(data, list):
        where = f"字段 {key} " if key else "顶层"
        raise ProfileError(f"{at(path, data)}: {where}应为列表")
    return data


def read_mapping(path: str | Path, kind: str) -> dict:
    """A YAML file whose top level is a mapping (an empty file is an empty one)."""
    data = read_yaml(path, kind)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ProfileError(f"数据文件 {path}: 顶层必须是映射（键: 值）")
    return data
