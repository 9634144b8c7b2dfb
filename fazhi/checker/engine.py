"""Run the pipeline for one document: read → outline → parts → rules → report."""

from __future__ import annotations

from typing import TYPE_CHECKING

import re
from pathlib import Path

from fazhi.checker.context import Context
from fazhi.checker.findings import Finding
from fazhi.checker.model import Document
from fazhi.checker.entity import TOWNSHIP, find_entity
from fazhi.checker.outline import build_outline, web_page
from fazhi.checker.parts import find_parts, part_index
from fazhi.checker.year import Year, find_year
from fazhi.checker.report import Report, sort_findings
from fazhi.checker.scoring import score_report
from fazhi.checker.substance import mark_empty
from fazhi.limits import current, file_budget

if TYPE_CHECKING:
    from fazhi.schema.models import Profile


def build_context(doc: Document, profile: Profile, year: int | None = None) -> Context:
    outline = _outline(doc, profile)
    entity = find_entity(outline, Path(doc.path).stem if doc.path else "", profile)
    kind_profile = profile.meta.kind_profiles.get(entity.kind) if entity is not None and entity.kind != TOWNSHIP else None
    if kind_profile:
        profile = _switched(profile, kind_profile)
        outline = _outline(doc, profile)
    found = Year(year, "given", True) if year else find_year(outline)
    parts = find_parts(outline, profile, found.value)
    paragraph_part = part_index(parts)  # before `empty`: an empty part's guidance still belongs to it
    mark_empty(parts, outline, profile)
    return Context(
        doc=doc,
        profile=profile,
        outline=outline,
        parts=parts,
        year=found.value,
        entity=entity.name if entity else None,
        paragraph_part=paragraph_part,
        entity_info=entity,
        year_info=found,
    )


def _outline(doc: Document, profile: Profile):
    meta = profile.meta
    return build_outline(
        doc,
        [] if meta.published else [re.compile(p) for p in meta.addressee_patterns],
        [re.compile(p) for p in meta.signature_patterns],
        given_title=meta.given_title or (Path(doc.path).stem if meta.published and doc.path else ""),
        page=web_page(profile),
    )


def _switched(active: Profile, name: str) -> Profile:
    """The profile for another kind of report (a county department's), keeping the
    settings the user's configuration added to the active one."""
    from fazhi.schema import load_profile

    other = load_profile(name)
    meta = other.meta.model_copy(update={"published": active.meta.published, "given_title": active.meta.given_title})
    return other.model_copy(update={"rules": active.rules, "allow": active.allow, "data": active.data, "meta": meta})


def _settings(ctx: Context) -> dict:
    """Each rule's setting, looked up once per document (a default setting is
    a pydantic model built on every lookup)."""
    from fazhi.checker.rules import registry

    return ctx.memo("engine.settings", lambda: {slug: ctx.profile.rule_setting(slug) for slug in registry()})


def run_rules(ctx: Context, only: set[str] | None = None) -> list[Finding]:
    from fazhi.checker.rules import registry

    findings: list[Finding] = []
    settings = _settings(ctx)
    budget = current()
    for slug, rule in registry().items():
        setting = settings[slug]
        if not setting.enabled or (only is not None and slug not in only):
            continue
        budget.tick()
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
    parts = [ctx.parts[p.id] for p in ctx.profile.parts]
    for part in parts:
        part.label = ctx.profile.part(part.id).short
    total, layout = score_report(findings, parts, ctx.profile, _caps(ctx), doc.has_layout)
    return Report(
        file=doc.path,
        profile=ctx.profile.name,
        entity=ctx.entity,
        year=ctx.year,
        doc_date=ctx.meta.doc_date,
        parts=parts,
        findings=findings,
        score=total,
        grade=ctx.profile.grade(total),
        min_score=ctx.profile.min_score,
        kind=doc.kind,
        title=ctx.meta.title.text.strip() if ctx.meta.title else "",
        layout=layout,
        paragraphs=[p.text for p in doc.paragraphs],
        extra=_reading(ctx),
    )


def _reading(ctx: Context) -> dict:
    """How the entity and the year were read: their source, the kind of unit, its
    county, and whether the year is certain (JSON `entity_kind`, `year_sure` …)."""
    info, found = ctx.entity_info, ctx.year_info
    out: dict = {}
    if info is not None:
        out.update(entity_kind=info.kind, entity_source=info.source)
        if info.county:
            out["entity_county"] = info.county
    if found is not None and found.value is not None:
        out.update(year_source=found.source, year_sure=found.sure)
    return out


def rescore(report: Report, profile: Profile) -> None:
    """Score and grade again after findings were added or set aside once the
    document was checked (copying within a batch, a reviewer's decisions)."""
    from fazhi.checker.rules import registry

    caps = {}
    for slug, rule in registry().items():
        setting = profile.rule_setting(slug)
        caps[slug] = setting.max_points if setting.max_points is not None else rule.max_points
    report.score, report.layout = score_report(report.findings, report.parts, profile, caps, report.layout is not None)
    report.grade = profile.grade(report.score)


def check_path(path: str | Path, profile: Profile | str = "township", **kw) -> Report:
    """Read and check one file. Raises `fazhi.errors.InputError` for bad input."""
    from fazhi.checker.reader import read_document

    if isinstance(profile, str):
        from fazhi.schema import load_profile  # pydantic: only for a profile named here

        profile = load_profile(profile)
    with file_budget(path):  # limits on size and time for reading and checking (fazhi.limits)
        return check_document(read_document(path), profile, **kw)
