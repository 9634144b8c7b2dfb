"""Load profiles from YAML with inheritance (`extends:`) and validate them."""

from __future__ import annotations

import typing
from functools import lru_cache
from typing import Any
from pathlib import Path

from pydantic import BaseModel, ValidationError

from fazhi.errors import ProfileError
from fazhi.schema.datafiles import parse_yaml, read_text, suggest
from fazhi.schema.models import Profile

PROFILE_DIR = Path(__file__).with_name("profiles")


def available_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))


def _path(ref: str, base: Path | None) -> Path:
    path = Path(ref)
    if not path.suffix:
        return PROFILE_DIR / f"{ref}.yaml"
    if base is not None and not path.is_absolute():
        return base / path
    return path


def _read_yaml(ref: str, base: Path | None) -> tuple[dict, Path | None]:
    path = _path(ref, base)
    if not path.is_file():
        raise ProfileError(f"找不到配置档 {ref}（可用：{', '.join(available_profiles())}，或给出 .yaml 文件路径）")
    data = parse_yaml(read_text(path, "配置档"), path, "配置档") or {}
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: 配置档顶层必须是映射（键: 值）")
    return data, path.parent


def _merge(parent: dict, child: dict) -> dict:
    """Child overrides parent; mappings merge recursively; `parts` merge by id."""
    out = dict(parent)
    for key, value in child.items():
        if key == "parts" and isinstance(value, list) and isinstance(parent.get("parts"), list):
            by_id = {p.get("id"): dict(p) for p in parent["parts"]}
            for p in value:
                pid = p.get("id")
                by_id[pid] = _merge(by_id.get(pid, {}), p)
            out["parts"] = list(by_id.values())
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_profile_dict(ref: str, base: Path | None = None, _seen: tuple = ()) -> dict:
    if ref in _seen:
        raise ProfileError(f"配置档继承出现循环：{' → '.join(_seen + (ref,))}")
    data, folder = _read_yaml(ref, base)
    parent_ref = data.get("extends")
    if parent_ref:
        parent = load_profile_dict(parent_ref, folder, _seen + (ref,))
        data = _merge({k: v for k, v in parent.items() if k not in ("name", "description")}, data)
    return data


def profile_files(ref: str, base: Path | None = None, _seen: tuple = ()) -> list[Path]:
    """The files `load_profile(ref)` reads: the profile and those it extends."""
    if ref in _seen:
        return []
    data, folder = _read_yaml(ref, base)
    parent = data.get("extends")
    return [_path(ref, base), *(profile_files(parent, folder, (*_seen, ref)) if parent else [])]


_MESSAGES = {
    "extra_forbidden": "未知字段（检查拼写）",
    "missing": "缺少必填字段",
    "float_parsing": "应为数字",
    "int_parsing": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "string_type": "应为文本",
    "list_type": "应为列表",
    "dict_type": "应为映射（键: 值）",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
}


def _where(loc: tuple, data: dict) -> str:
    """parts.4.weight → parts[other].weight, so a county sees which part is wrong."""
    out: list[str] = []
    node: object = data
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            ident = node.get("id") if isinstance(node, dict) else None
            out[-1] += f"[{ident or key}]"
            continue
        out.append(str(key))
        node = node.get(key) if isinstance(node, dict) else None
    return ".".join(out) or "(顶层)"


def known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at `loc` (the last item is the unknown key)."""
    node: Any = model
    for key in loc[:-1]:
        if isinstance(node, type) and issubclass(node, BaseModel):
            field = node.model_fields.get(str(key))
            node = field.annotation if field is not None else None
        else:  # list[X], dict[str, X], X | None: step into X
            args = [a for a in typing.get_args(node) if a is not type(None)]
            node = args[-1] if args else None
            if isinstance(node, type) and issubclass(node, BaseModel):
                continue
    if isinstance(node, type) and issubclass(node, BaseModel):
        return list(node.model_fields)
    return []


def _explain(exc: ValidationError, ref: str, data: dict) -> str:
    lines = []
    for err in exc.errors()[:5]:
        msg = _MESSAGES.get(err["type"], err["msg"])
        if err["type"] == "extra_forbidden":
            lines.append(f"{_where(err['loc'][:-1], data)}: {suggest(err['loc'][-1], known_keys(Profile, err['loc']), '字段')}")
            continue
        if err["type"] == "literal_error":
            msg = "取值无效，" + err["msg"].replace("Input should be", "应为")
        lines.append(f"字段 {_where(err['loc'], data)}: {msg}")
    return f"配置档 {ref} 无效：" + "；".join(lines)


@lru_cache(maxsize=32)
def load_profile(ref: str = "township") -> Profile:
    data = load_profile_dict(ref)
    data.setdefault("name", Path(ref).stem)
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(_explain(exc, ref, data)) from None
