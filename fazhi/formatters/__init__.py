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
    layout_text,
    part_label,
    part_short,
    points_text,
    rule_name,
    severity_counts,
    xml_safe,
)
from fazhi.formatters._view import PART_NUMBER, finding_view, part_view  # noqa: F401

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
    return module.render(*printable(reports, errors), **options)


def stream(fmt: str, reports, errors, **options):
    """`render` in pieces, for the formats that can write one report at a time
    (JSON); the others give their whole text as one piece."""
    try:
        module = importlib.import_module(FORMATS[fmt])
    except KeyError:
        raise ValueError(f"未知的输出格式 {fmt}（可用：{', '.join(FORMATS)}）") from None
    if not hasattr(module, "stream"):
        yield module.render(*printable(reports, errors), **options)
        return
    _, errors = printable([], errors)
    yield from module.stream(_Printable(reports), errors, **options)


class _Printable:
    """`printable` one report at a time, as the stream asks for it (a batch's
    reports may be kept packed until then: see fazhi.batch.PackedReports)."""

    def __init__(self, reports) -> None:
        self.reports = reports

    def __len__(self) -> int:
        return len(self.reports)

    def __iter__(self):
        for report in self.reports:
            yield printable([report], [])[0][0]


def printable(reports, errors):
    """Copies whose file names can be written as UTF-8: a name that is not valid
    UTF-8 on disk (a GBK name from a Windows zip) is decoded as GB18030 where it
    can be, else its bad bytes become U+FFFD. The reports themselves keep the
    real path (annotate opens it)."""
    import dataclasses

    from fazhi.errors import InputError

    out_reports = [r if _clean(r.file) else dataclasses.replace(r, file=printable_name(r.file)) for r in reports]
    out_errors = []
    for e in errors:
        if _clean(e.path) and _clean(e.reason):
            out_errors.append(e)
        else:
            out_errors.append(InputError(printable_name(e.path), printable_name(e.reason)))
    return out_reports, out_errors


def _clean(text: str) -> bool:
    return not any("\udc80" <= c <= "\udcff" for c in text)


def printable_name(text: str) -> str:
    if _clean(text):
        return text
    import os

    raw = os.fsencode(text)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")
