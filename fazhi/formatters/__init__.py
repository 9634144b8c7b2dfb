"""Formatters: turn Reports (and input errors) into text for people or machines.

Each format is a module with `render(reports, errors, **options) -> str`.
A formatter never re-reads the input file."""

from __future__ import annotations

import importlib

# Shared presentation helpers other layers may use (annotate, web, season).
from fazhi.formatters._common import (  # noqa: F401
    PART_LABEL,
    SEVERITY_LABEL,
    STATUS_LABEL,
    display_path,
    excerpt,
    grouped_by_part,
    severity_counts,
    xml_safe,
)

FORMATS = {
    "text": "fazhi.formatters.text",
    "json": "fazhi.formatters.json_format",
    "html": "fazhi.formatters.html",
    "md": "fazhi.formatters.md",
    "sarif": "fazhi.formatters.sarif",
    "junit": "fazhi.formatters.junit",
    "github": "fazhi.formatters.github",
}


def render(fmt: str, reports, errors, **options) -> str:
    try:
        module = importlib.import_module(FORMATS[fmt])
    except KeyError:
        raise ValueError(f"未知的输出格式 {fmt}（可用：{', '.join(FORMATS)}）") from None
    return module.render(reports, errors, **options)
