"""Run the pipeline for one document: read → outline → parts → rules → report."""

from __future__ import annotations

import re
from pathlib import Path

from fazhi.checker.context import Context
from fazhi.checker.findings import Finding
from fazhi.checker.model import Document
from fazhi.checker.entity import report_entity
from fazhi.checker.outline import build_outline
from fazhi.checker.parts import find_parts, part_index, report_year
from fazhi.checker.report import Report, sort_findings
from fazhi.checker.scoring import score_report
from fazhi.checker.substance import mark_empty
from fazhi.schema.models import Profile


def build_context(doc: Document, profile: Profile, year: int | None = None) -> Context:
    meta = profile.meta
    outline = build_outline(
        doc,
        [re.compile(p) for p in meta.addressee_patterns],
        [re.compile(p) for p in meta.signature_patterns],
    )
    year = year or report_year(outline)
    parts = find_parts(outline, profile, year)
    paragraph_part = part_index(parts)  # before `empty`: an empty part's guidance still belongs to it
    mark_empty(parts, outline, profile)
    return Context(
        doc=doc,
        profile=profile,
        outline=outline,
        parts=parts,
        year=year,
        entity=report_entity(outline, profile.meta.entity_pattern),
        paragraph_part=paragraph_part,
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
        for f in rule.run(ctx):
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
    parts = [ctx.parts[p.id] for p in profile.parts]
    total, layout = score_report(findings, parts, profile, _caps(ctx), doc.has_layout)
    return Report(
        file=doc.path,
        profile=profile.name,
        entity=ctx.entity,
        year=ctx.year,
        doc_date=ctx.meta.doc_date,
        parts=parts,
        findings=findings,
        score=total,
        grade=profile.grade(total),
        min_score=profile.min_score,
        kind=doc.kind,
        title=ctx.meta.title.text.strip() if ctx.meta.title else "",
        layout=layout,
    )


def check_path(path: str | Path, profile: Profile | str = "township", **kw) -> Report:
    """Read and check one file. Raises `fazhi.errors.InputError` for bad input."""
    from fazhi.checker.reader import read_document
    from fazhi.schema import load_profile

    if isinstance(profile, str):
        profile = load_profile(profile)
    return check_document(read_document(path), profile, **kw)
