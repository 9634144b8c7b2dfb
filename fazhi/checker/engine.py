"""Run the pipeline for one document: read → outline → parts → rules → report."""

from __future__ import annotations

import re
from pathlib import Path

from fazhi.checker.context import Context
from fazhi.checker.findings import Finding
from fazhi.checker.model import Document
from fazhi.checker.outline import Outline, build_outline
from fazhi.checker.parts import find_parts, part_index, report_year
from fazhi.checker.report import Report, score, sort_findings
from fazhi.schema.models import Profile


_NOT_A_NAME = re.compile(r"^(全|我|本|各|该|城|乡|村|一|两|镇)|[我本全各该在和及与的了给对为由把将被向从到按以于是有等治、，。]")
# In the title or signature a name is where a name belongs: 城关镇, 和平镇, 向阳街道, 两河口镇 are real.
_GENERIC = re.compile(r"^(全|我|本|各|该|城|乡|村)(镇|乡)$|[、，。]")


def _clean_entity(name: str, where: str = "body") -> str | None:
    """"衡阳县岘山镇" → "岘山镇", "石市镇" stays (the 市 is part of the name)."""
    name = re.sub(r"^(中共|关于)", "", name)
    name = name.rsplit("人民政府", 1)[-1] if "人民政府" in name[:-2] else name  # 渝北区人民政府双龙湖街道
    for i in range(len(name) - 3, 0, -1):
        if name[i - 1] in "县市区州省旗" and len(name) - i >= 3:
            name = name[i:]
            break
    if len(name) < 2:
        return None
    if where == "body" and _NOT_A_NAME.search(name[:-1]) or _GENERIC.search(name):
        return None
    return name


def _entity(outline: Outline, profile: Profile) -> str | None:
    rx = re.compile(profile.meta.entity_pattern)
    for p in (outline.meta.title, outline.meta.signature):
        if p is not None:
            for m in rx.finditer(p.text):
                name = _clean_entity(m.group(0), "meta")
                if name:
                    return name
    # Body: the most frequent 2-3 character name before 镇/乡/街道 (longer wins a tie).
    counts: dict[str, int] = {}
    for p in outline.body:
        for m in re.finditer(r"(?=(镇|乡|街道))", p.text):
            for n in (2, 3):
                if m.start() >= n:
                    name = _clean_entity(p.text[m.start() - n : m.start()] + m.group(1))
                    if name and re.fullmatch(r"[\u4e00-\u9fff]+", name):
                        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda k: (counts[k], len(k))) if counts else None


def build_context(doc: Document, profile: Profile, year: int | None = None) -> Context:
    meta = profile.meta
    outline = build_outline(
        doc,
        [re.compile(p) for p in meta.addressee_patterns],
        [re.compile(p) for p in meta.signature_patterns],
    )
    year = year or report_year(outline)
    parts = find_parts(outline, profile, year)
    return Context(
        doc=doc,
        profile=profile,
        outline=outline,
        parts=parts,
        year=year,
        entity=_entity(outline, profile),
        paragraph_part=part_index(parts),
    )


def _settings(ctx: Context) -> dict:
    """Each rule's setting, looked up once per document (a default setting is
    a pydantic model built on every lookup)."""
    from fazhi.checker.rules import registry

    return ctx.memo("engine.settings", lambda: {slug: ctx.profile.rule_setting(slug) for slug in registry()})


def run_rules(ctx: Context, only: set[str] | None = None) -> list[Finding]:
    from fazhi.checker.rules import registry

    findings: list[Finding] = []
    settings = _settings(ctx)
    for slug, rule in registry().items():
        setting = settings[slug]
        if not setting.enabled or (only is not None and slug not in only):
            continue
        if rule.group == "layout" and not ctx.doc.has_layout:
            continue
        for f in rule.check(ctx):
            if f.paragraph is not None and f.start is not None and ctx.allowed(ctx.doc.paragraph(f.paragraph), f.start, f.end or f.start):
                continue
            if setting.severity:
                f.severity = setting.severity
            if setting.points is not None:
                f.points = setting.points
            if f.severity == "info":
                f.points = 0.0
            if f.part is None and f.paragraph is not None:
                f.part = ctx.part_of(f.paragraph)
            if f.paragraph is not None and 0 < f.paragraph <= len(ctx.doc.paragraphs):
                f.context = ctx.doc.paragraph(f.paragraph).text
            findings.append(f)
    return findings


def _caps(ctx: Context) -> dict[str, float | None]:
    from fazhi.checker.rules import registry

    caps = {}
    settings = _settings(ctx)
    for slug, rule in registry().items():
        setting = settings[slug]
        caps[slug] = setting.max_points if setting.max_points is not None else rule.max_points
    return caps


def check_document(doc: Document, profile: Profile, *, year: int | None = None, only: set[str] | None = None) -> Report:
    ctx = build_context(doc, profile, year)
    findings = sort_findings(run_rules(ctx, only))
    total = score(findings, _caps(ctx))
    return Report(
        file=doc.path,
        profile=profile.name,
        entity=ctx.entity,
        year=ctx.year,
        doc_date=ctx.meta.doc_date,
        parts=[ctx.parts[p.id] for p in profile.parts],
        findings=findings,
        score=total,
        grade=profile.grade(total),
        min_score=profile.min_score,
        kind=doc.kind,
        title=ctx.meta.title.text.strip() if ctx.meta.title else "",
    )


def check_path(path: str | Path, profile: Profile | str = "township", **kw) -> Report:
    """Read and check one file. Raises `fazhi.errors.InputError` for bad input."""
    from fazhi.checker.reader import read_document
    from fazhi.schema import load_profile

    if isinstance(profile, str):
        profile = load_profile(profile)
    return check_document(read_document(path), profile, **kw)
