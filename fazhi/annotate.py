"""An annotated copy of a report: one Word comment (批注) per finding, anchored
on the finding's characters where they can be found (runs are split at the
offsets), else on its whole paragraph; plus one summary comment on the title.

    from fazhi.annotate import annotate
    annotate(report, "draft.docx", "out/draft.批注.docx")

The source file is only read. Paragraph indices are the reader's: for .docx the
paragraphs are enumerated in the reader's order (tables, content controls,
tracked insertions; not text boxes) and each paragraph's runs are compared with
the reader's text before character offsets are used; for .txt/.md a new .docx
is built with one paragraph per reader paragraph, so indices and texts agree."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.checker.reader.fields import FieldStack
from fazhi.errors import InputError
from fazhi.checker.scoring import is_layout
from fazhi.safe_output import OutputRefused, atomic_target, same_file
from fazhi.formatters._common import PART_LABEL, SEVERITY_LABEL, STATUS_LABEL, layout_text, severity_counts, xml_safe

AUTHOR, INITIALS = "fazhi", "FZ"
ANNOTATED_SUFFIX = ".批注.docx"
DOCX_SUFFIXES = (".docx",)
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


@dataclass
class _Anchor:
    """One reader paragraph in the copy: its w:p and the runs that make its text."""

    p: object  # the w:p element (python-docx oxml)
    text: str  # the reader's paragraph text (marker included)
    marker: str = ""
    raw_offset: int = 0
    spans: list = field(default_factory=list)  # [(w:r element, visible text)], in order
    exact: bool = False  # spans reproduce `text`, so character offsets can be mapped


def annotated_path(source: Path | str, out_dir: Path | str) -> Path:
    """out_dir/<stem>.批注.docx"""
    return Path(out_dir) / f"{Path(source).stem}{ANNOTATED_SUFFIX}"


def annotate(report, source_path: Path | str, out_path: Path | str) -> Path:
    """Write an annotated .docx copy of `source_path` for `report` to `out_path`
    (written atomically; the source is never modified). Returns `out_path`.
    Raises InputError when the source cannot be annotated."""
    source, out = Path(source_path), Path(out_path)
    if same_file(out, source):
        raise OutputRefused(str(out), "批注副本不能覆盖原文件，请换一个输出文件夹")
    suffix = source.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        doc, anchors = _open_docx(source)
    elif suffix in TEXT_SUFFIXES:
        doc, anchors = _docx_from_text(source)
    else:
        raise InputError(str(source), f"不能为“{suffix or '无扩展名'}”文件生成批注副本，请提供 .docx、.txt 或 .md")
    title_index = _title_index(report, anchors)
    for f in report.findings:
        target = f.paragraph if f.paragraph is not None and 0 < f.paragraph <= len(anchors) else title_index
        if target is None:
            continue
        runs = _runs_for(anchors[target - 1], f.start if target == f.paragraph else None, f.end)
        _add_comment(doc, runs, _finding_text(f))
    if title_index is not None:
        _add_comment(doc, _runs_for(anchors[title_index - 1], None, None), _summary_text(report))
    _save_atomic(doc, out)
    return out


# ---------------------------------------------------------------- opening sources


def _open_docx(source: Path):
    import docx

    from fazhi.checker.reader import read_document

    reader_doc = read_document(source)  # raises InputError for bad files, as `check` did
    try:
        doc = docx.Document(str(source))
    except Exception as exc:  # python-docx refuses some packages (macro-enabled, strict)
        raise InputError(str(source), f"无法为该文件生成批注副本（{type(exc).__name__}），请在 Word 中另存为 .docx 后重试") from None
    elements, spans = _walk_body(doc)
    if len(elements) != len(reader_doc.paragraphs):
        raise InputError(str(source), "无法把问题定位到段落（段落数与检查结果不一致），请在 Word 中另存为 .docx 后重试")
    anchors = []
    for p_el, p_spans, para in zip(elements, spans, reader_doc.paragraphs):
        anchor = _Anchor(p_el, para.text, para.marker, para.raw_offset, list(p_spans))
        raw = "".join(t for _, t in anchor.spans).replace("\u3000", " ")
        anchor.exact = para.marker + raw.strip() == para.text
        anchors.append(anchor)
    return doc, anchors


def _walk_body(doc):
    """The body's w:p elements and their text runs, in the order the reader
    counts paragraphs: body, table cells, content controls, tracked insertions,
    the first choice of mc:AlternateContent; not text boxes. Each paragraph's
    runs are checked against the reader's text before offsets are trusted."""
    walk = _BodyWalk()
    walk.blocks(doc.element.body)
    return walk.elements, walk.spans


class _BodyWalk:
    def __init__(self):
        self.elements: list = []
        self.spans: list[list] = []
        self.fields = FieldStack()  # the same field logic as the reader, so offsets agree

    def blocks(self, parent) -> None:
        for el in parent:
            tag = el.tag
            if tag == _W + "p":
                self.elements.append(el)
                self.spans.append([])
                self.inline(el)
            elif tag in _TABLE_PARTS or tag in _BLOCK_CONTAINERS:
                self.blocks(el)
            elif tag == _W + "sdt":
                self.blocks_of(el.find(_W + "sdtContent"))
            elif tag == _ALTERNATE:
                self.blocks_of(_first_choice(el))

    def blocks_of(self, el) -> None:
        if el is not None:
            self.blocks(el)

    def inline(self, parent) -> None:
        for el in parent:
            tag = el.tag
            if tag == _W + "r":
                self.run(el)
            elif tag in _INLINE_CONTAINERS:
                self.inline(el)
            elif tag == _W + "sdt" and el.find(_W + "sdtContent") is not None:
                self.inline(el.find(_W + "sdtContent"))
            elif tag == _ALTERNATE and _first_choice(el) is not None:
                self.inline(_first_choice(el))

    def run(self, r) -> None:
        parts = []
        for c in r:
            tag = c.tag
            if tag == _W + "fldChar":
                self.fields.step(c.get(_W + "fldCharType"))
            elif not self.fields.visible():
                continue
            elif tag == _W + "t":
                parts.append(c.text or "")
            elif tag in _SPACES:
                parts.append(" ")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag == _W + "sym":
                parts.append("\ufffd")  # a symbol font character: offsets in this paragraph are not trusted
        rpr = r.find(_W + "rPr")
        hidden = rpr is not None and rpr.find(_W + "vanish") is not None
        text = "".join(parts)
        if text and not hidden:
            self.spans[-1].append((r, text))


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_ALTERNATE = _MC + "AlternateContent"
_TABLE_PARTS = frozenset(_W + t for t in ("tbl", "tr", "tc"))
_INSERTIONS = frozenset(_W + t for t in ("ins", "moveTo"))
_BLOCK_CONTAINERS = frozenset({_W + "customXml", *_INSERTIONS})
_INLINE_CONTAINERS = frozenset({*(_W + t for t in ("hyperlink", "fldSimple", "smartTag", "customXml", "dir", "bdo")), *_INSERTIONS})
_SPACES = frozenset(_W + t for t in ("tab", "ptab", "br", "cr"))


def _first_choice(alternate):
    choice = alternate.find(_MC + "Choice")
    return choice if choice is not None else alternate.find(_MC + "Fallback")


def _docx_from_text(source: Path):
    """A new .docx with one paragraph per reader paragraph (same indices, same text)."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from fazhi.checker.reader import read_document

    reader_doc = read_document(source)
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    anchors = []
    for para in reader_doc.paragraphs:
        p = doc.add_paragraph(xml_safe(para.text))
        if para.outline_level is not None or para.bold:
            for run in p.runs:
                run.bold = True
        spans = [(r._r, r.text) for r in p.runs]
        anchors.append(_Anchor(p._p, para.text, "", 0, spans, exact=xml_safe(para.text) == para.text))
    return doc, anchors


def _title_index(report, anchors: list[_Anchor]) -> int | None:
    """The paragraph of the report's title, else the first paragraph with text."""
    if report.title:
        for i, a in enumerate(anchors, 1):
            if a.text.strip() == report.title:
                return i
    return next((i for i, a in enumerate(anchors, 1) if a.text.strip()), 1 if anchors else None)


# ---------------------------------------------------------------- anchoring


def _runs_for(anchor: _Anchor, start: int | None, end: int | None) -> list:
    """The first and last w:r covering [start, end) of the reader's text; runs are
    split at the offsets when they hold plain text. Whole paragraph otherwise."""
    if not anchor.spans:
        return [_empty_run(anchor.p)]
    if start is None or end is None or not anchor.exact or end <= start or end <= len(anchor.marker):
        # no offsets, offsets we cannot map, or only the numbering marker (which has no runs)
        return [anchor.spans[0][0], anchor.spans[-1][0]]
    raw_len = sum(len(t) for _, t in anchor.spans)
    lo = max(start - len(anchor.marker), 0) + anchor.raw_offset
    hi = max(end - len(anchor.marker), 0) + anchor.raw_offset
    lo, hi = min(lo, raw_len - 1), min(max(hi, lo + 1), raw_len)
    first = _run_starting_at(anchor, lo)
    last = _run_ending_at(anchor, hi)
    return [first, last]


def _run_starting_at(anchor: _Anchor, offset: int):
    """The run whose text starts at `offset`, splitting a run that spans it."""
    pos = 0
    for i, (r, text) in enumerate(anchor.spans):
        end = pos + len(text)
        if offset < end:
            return r if offset == pos else _split_at(anchor, i, offset - pos, keep="right")
        pos = end
    return anchor.spans[-1][0]


def _run_ending_at(anchor: _Anchor, offset: int):
    """The run whose text ends at `offset`, splitting a run that spans it."""
    pos = 0
    for i, (r, text) in enumerate(anchor.spans):
        end = pos + len(text)
        if offset <= end:
            return r if offset == end else _split_at(anchor, i, offset - pos, keep="left")
        pos = end
    return anchor.spans[-1][0]


def _split_at(anchor: _Anchor, i: int, k: int, *, keep: str):
    r, text = anchor.spans[i]
    left, right = _split_run(r, text, k)
    if left is None:  # a run with tabs, fields or symbols: take it whole
        return r
    anchor.spans[i : i + 1] = [(left, text[:k]), (right, text[k:])]
    return right if keep == "right" else left


def _split_run(r, text: str, k: int):
    """Split a run made of one w:t into two runs with the same properties."""
    from docx.oxml.ns import qn

    content = [c for c in r if c.tag != qn("w:rPr")]
    if len(content) != 1 or content[0].tag != qn("w:t") or (content[0].text or "") != text:
        return None, None
    right = copy.deepcopy(r)
    _set_text(content[0], text[:k])
    _set_text(next(c for c in right if c.tag == qn("w:t")), text[k:])
    r.addnext(right)
    return r, right


def _set_text(t, value: str) -> None:
    t.text = value
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _empty_run(p):
    """A paragraph without text runs (empty, or only a numbering marker) gets an
    empty run to hold the comment."""
    return p.add_r()


def _add_comment(doc, runs: list, text: str) -> None:
    from docx.text.run import Run

    first, last = Run(runs[0], None), Run(runs[-1], None)  # type: ignore[arg-type]  # no story part needed to anchor a comment
    doc.add_comment([first, last], text=xml_safe(text), author=AUTHOR, initials=INITIALS)


# ---------------------------------------------------------------- comment texts


def _finding_text(f) -> str:
    head = f"【{f.rule}】{SEVERITY_LABEL.get(f.severity, f.severity)}：{f.message}"
    if f.points:
        head += f"（版式扣{f.points:g}分，不影响总分）" if is_layout(f) else f"（扣{f.points:g}分）"
    lines = [head]
    if f.suggestion:
        lines.append(f"修改建议：{f.suggestion}")
    lines.append(f"依据：{f.basis}")
    return "\n".join(lines)


def _summary_text(report) -> str:
    counts = severity_counts(report)
    parts = "；".join(f"{PART_LABEL[p.id]}：{STATUS_LABEL[p.status]}" for p in report.parts)
    rule = "" if report.passed else f"（通过须无错误且得分不低于 {report.min_score:g} 分）"
    return "\n".join(
        [
            f"【fazhi 检查结果】{report.verdict}{rule}",
            f"得分 {report.score:g} · {report.grade_short}（内容和结构）；{layout_text(report)}",
            f"五个部分：{parts}",
            f"问题：错误 {counts['error']} 条，警告 {counts['warning']} 条，提示 {counts['info']} 条；每条问题都有一条批注。",
            f"主体：{report.entity or '未识别'}；年度：{report.year or '未识别'}；配置档：{report.profile}",
        ]
    )


# ---------------------------------------------------------------- saving


def _save_atomic(doc, out: Path) -> None:
    with atomic_target(out) as tmp:
        doc.save(str(tmp))
