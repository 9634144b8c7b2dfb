"""`fazhi fix`: the certain, mechanical fixes of fixable rules (`Finding.fix`),
written as Word tracked changes in a copy of a .docx, or applied to a copy of
a .txt/.md; a unified diff of the paragraph texts shows them either way.

    from fazhi.fixer import fix_file
    result = fix_file("draft.docx", profile)        # nothing written yet
    result.fixes          # [Fix(rule, paragraph, start, end, before, after)]
    result.diff()         # unified diff of the texts
    result.data           # the bytes of the fixed copy

The input is only read. Edits of different rules that touch the same
characters: the first rule in registry order wins (`edits.choose`)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.checker.findings import Edit, Finding
from fazhi.checker.model import Document
from fazhi.fixer.edits import apply, choose, minimal

FIXED_STEM_SUFFIX = ".修订"


@dataclass(frozen=True)
class Fix:
    """One fix applied: `before` → `after` at paragraph/start/end of the input's text."""

    rule: str
    paragraph: int
    start: int
    end: int
    before: str
    after: str

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "location": {"paragraph": self.paragraph, "start": self.start, "end": self.end},
            "before": self.before,
            "after": self.after,
        }


@dataclass
class FixResult:
    path: str
    kind: str  # docx / txt / md
    fixes: list[Fix]
    before: list[str]  # paragraph texts of the input (the reader's)
    after: list[str]  # the same paragraphs with the fixes applied
    data: bytes = b""  # the fixed copy
    skipped: list[Fix] = field(default_factory=list)  # certain fixes the .docx runs did not allow (fields, symbols …)

    def diff(self) -> str:
        name = Path(self.path).name
        lines = difflib.unified_diff(self.before, self.after, f"{name}（原文）", f"{name}（修改后）", lineterm="", n=1)
        return "\n".join(lines) + ("\n" if self.before != self.after else "")

    def to_dict(self) -> dict:
        return {"file": self.path, "fixes": [f.to_dict() for f in self.fixes], "skipped": [f.to_dict() for f in self.skipped]}


def fixed_path(source: Path | str, out_dir: Path | str | None = None) -> Path:
    """<stem>.修订<suffix> next to the source (or in out_dir)."""
    source = Path(source)
    suffix = ".docx" if source.suffix.lower() == ".docx" else source.suffix
    return Path(out_dir or source.parent) / f"{source.stem}{FIXED_STEM_SUFFIX}{suffix}"


def planned_fixes(findings: list[Finding], doc: Document, excluded: frozenset[Edit] = frozenset()) -> list[tuple[str, Edit]]:
    """(rule, edit) of the findings' fixes, non-overlapping, in document order;
    `excluded` edits (ones the .docx runs did not allow) give way to the others."""
    from fazhi.checker.rules import registry

    order = {slug: i for i, slug in enumerate(registry())}
    rule_of: dict[Edit, str] = {}
    for f in sorted(findings, key=lambda f: order.get(f.rule, len(order))):
        for e in f.fix:
            if e not in excluded:
                rule_of.setdefault(e, f.rule)
    texts = {p.index: p.text for p in doc.paragraphs}
    return [(rule_of[e], e) for e in choose(list(rule_of), texts)]


def fix_document(doc: Document, findings: list[Finding], source: Path | None = None) -> FixResult:
    """Apply the findings' fixes to `doc` (read from `source`); builds the fixed copy's bytes."""
    texts = [p.text for p in doc.paragraphs]
    excluded: frozenset[Edit] = frozenset()
    skipped: list[Fix] = []
    data = b""
    for _ in range(3):  # an edit the runs refuse gives way to smaller ones it overlapped
        planned = planned_fixes(findings, doc, excluded)
        fixes = [Fix(rule, e.paragraph, e.start, e.end, texts[e.paragraph - 1][e.start : e.end], e.replacement) for rule, e in planned]
        groups = [minimal(e, texts[e.paragraph - 1]) for _, e in planned]
        if source is None or doc.kind != "docx":
            break
        from fazhi.fixer.tracked import write_tracked

        data, written = write_tracked(source, doc, groups)
        done = set(written)
        refused = [i for i in range(len(fixes)) if i not in done and groups[i]]
        skipped += [fixes[i] for i in refused]
        fixes = [f for i, f in enumerate(fixes) if i in done]
        groups = [g for i, g in enumerate(groups) if i in done]
        if not refused:
            break
        excluded = excluded | {planned[i][1] for i in refused}
    after = list(texts)
    by_para: dict[int, list[Edit]] = {}
    for g in groups:
        for e in g:
            by_para.setdefault(e.paragraph, []).append(e)
    for index, edits in by_para.items():
        after[index - 1] = apply(texts[index - 1], edits)
    result = FixResult(doc.path, doc.kind, fixes, texts, after, data, skipped)
    if source is not None and doc.kind != "docx":
        result.data = fixed_text_file(source, doc, by_para)
    return result


def fix_file(path: Path | str, profile, *, year: int | None = None) -> FixResult:
    """Check `path` and apply the certain fixes (nothing is written)."""
    from fazhi.checker.engine import check_document
    from fazhi.checker.reader import read_document

    source = Path(path)
    doc = read_document(source)
    report = check_document(doc, profile, year=year)
    return fix_document(doc, report.findings, source)


# ---------------------------------------------------------------- .txt / .md


_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


def _encoding(data: bytes) -> tuple[str, bytes]:
    """(codec, BOM) the text reader decoded `data` with, to write the copy the same way."""
    from fazhi.checker.reader.safety import utf16_without_bom

    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return codec, bom
    utf16 = utf16_without_bom(data[:4096])
    if utf16:
        return utf16, b""
    try:
        data.decode("utf-8")
        return "utf-8", b""
    except UnicodeDecodeError:
        return "gb18030", b""


def fixed_text_file(source: Path, doc: Document, by_para: dict[int, list[Edit]]) -> bytes:
    """The text file with the edits applied to its lines, in its encoding and line breaks."""
    data = source.read_bytes()
    codec, bom = _encoding(data)
    text = data[len(bom) :].decode(codec, errors="replace")
    pieces = _LINE_BREAK.split(text)  # line, break, line, break, …
    for index, edits in by_para.items():
        line_at = 2 * (index - 1)
        if line_at >= len(pieces):
            continue
        line = pieces[line_at]
        para_text = doc.paragraph(index).text
        at = line.replace("\u3000", " ").find(para_text)
        if at < 0:
            continue
        moved = [Edit(e.paragraph, e.start + at, e.end + at, e.replacement) for e in edits]
        pieces[line_at] = apply(line, moved)
    return bom + "".join(pieces).encode(codec, errors="replace")
