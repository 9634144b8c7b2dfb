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
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from fazhi.checker.reader.fields import FieldStack
from fazhi.checker.reader.safety import parse_xml
from fazhi.errors import InputError
from fazhi.checker.scoring import is_layout
from fazhi.formatters import SEVERITY_LABEL, STATUS_LABEL, layout_text, part_label, rule_name, severity_counts, xml_safe
from fazhi.limits import current, file_budget
from fazhi.safe_output import OutputRefused, atomic_target, same_file

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


def annotated_paths(sources: list[str], out_dir: Path | str) -> dict[str, Path]:
    """A distinct annotated copy for each source, named so a clerk sees which is
    which: 报告.docx → 报告.批注.docx; a 报告.txt beside it → 报告.txt.批注.docx;
    the same name in two folders → 报告（乙镇）.批注.docx (the folder's name), and
    only as a last resort a number."""
    out_dir = Path(out_dir)
    by_stem: dict[str, list[Path]] = {}
    for source in sources:
        by_stem.setdefault(Path(source).stem.casefold(), []).append(Path(source))
    names: dict[str, str] = {}
    for group in by_stem.values():
        docx = [p for p in group if p.suffix.lower() in DOCX_SUFFIXES]
        for p in group:
            if len(group) == 1 or (p.suffix.lower() in DOCX_SUFFIXES and len(docx) == 1):
                names[str(p)] = p.stem
            elif p.suffix.lower() not in DOCX_SUFFIXES and sum(q.name.casefold() == p.name.casefold() for q in group) == 1:
                names[str(p)] = p.name  # 报告.txt.批注.docx
            else:  # the same file name in several folders
                names[str(p)] = f"{p.stem}（{p.parent.name}）" if p.parent.name else p.stem
    paths, used = {}, set()
    for source in sources:
        stem, n = names[str(source)], 2
        candidate = stem
        while candidate.casefold() in used:
            candidate, n = f"{stem}-{n}", n + 1
        used.add(candidate.casefold())
        paths[source] = out_dir / f"{candidate}{ANNOTATED_SUFFIX}"
    return paths


def annotate(report, source_path: Path | str, out_path: Path | str) -> Path:
    """Write an annotated .docx copy of `source_path` for `report` to `out_path`
    (written atomically; the source is never modified). Returns `out_path`.
    Raises InputError when the source cannot be annotated.

    Only the parts written to are read and parsed (the main document, its
    relationships, the comments part, [Content_Types].xml); every other part
    (headers, footers, media) is copied in bounded chunks. The work counts
    against the file's budget (fazhi.limits)."""
    source, out = Path(source_path), Path(out_path)
    if same_file(out, source):
        raise OutputRefused(str(out), "批注副本不能覆盖原文件，请换一个输出文件夹")
    suffix = source.suffix.lower()
    if suffix not in DOCX_SUFFIXES and suffix not in TEXT_SUFFIXES:
        raise InputError(str(source), f"不能为“{suffix or '无扩展名'}”文件生成批注副本，请提供 .docx、.txt 或 .md")
    with file_budget(source) as budget:
        if suffix in DOCX_SUFFIXES:
            package, anchors = _open_docx(source)
        else:
            package, anchors = _docx_from_text(source)
        with package:
            title_index = _title_index(report, anchors)
            for f in report.findings:
                budget.tick()
                target = f.paragraph if f.paragraph is not None and 0 < f.paragraph <= len(anchors) else title_index
                if target is None:
                    continue
                runs = _runs_for(anchors[target - 1], f.start if target == f.paragraph else None, f.end)
                package.add_comment(runs, _finding_text(f))
            if title_index is not None:
                package.add_comment(_runs_for(anchors[title_index - 1], None, None), _summary_text(report))
            with atomic_target(out) as tmp:
                package.save(tmp, budget)
    return out


# ---------------------------------------------------------------- opening sources


def _open_docx(source: Path):
    from fazhi.checker.reader import read_document

    reader_doc = read_document(source)  # raises InputError for bad files, as `check` did
    package = CommentedPackage.open(source)
    elements, spans = _walk_body_element(package.body)
    if len(elements) != len(reader_doc.paragraphs):
        package.close()
        raise InputError(str(source), "无法把问题定位到段落（段落数与检查结果不一致），请在 Word 中另存为 .docx 后重试")
    anchors = []
    for p_el, p_spans, para in zip(elements, spans, reader_doc.paragraphs):
        anchor = _Anchor(p_el, para.text, para.marker, para.raw_offset, list(p_spans))
        raw = "".join(t for _, t in anchor.spans).replace("\u3000", " ")
        anchor.exact = para.marker + raw.strip() == para.text
        anchors.append(anchor)
    return package, anchors


def _walk_body(doc):
    """As `_walk_body_element` for a python-docx Document."""
    return _walk_body_element(doc.element.body)


def _walk_body_element(body):
    """The body's w:p elements and their text runs, in the order the reader
    counts paragraphs: body, table cells, content controls, tracked insertions,
    the first choice of mc:AlternateContent; not text boxes. Each paragraph's
    runs are checked against the reader's text before offsets are trusted."""
    walk = _BodyWalk()
    walk.blocks(body)
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
    import io

    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from fazhi.checker.reader import read_document

    reader_doc = read_document(source)
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    for para in reader_doc.paragraphs:
        p = doc.add_paragraph(xml_safe(para.text))
        if para.outline_level is not None or para.bold:
            for run in p.runs:
                run.bold = True
    buffer = io.BytesIO()
    doc.save(buffer)
    package = CommentedPackage(zipfile.ZipFile(buffer), Path(source))
    anchors = []
    for p_el, spans, para in zip(*_walk_body_element(package.body), reader_doc.paragraphs):
        anchors.append(_Anchor(p_el, para.text, "", 0, list(spans), exact=xml_safe(para.text) == para.text))
    return package, anchors


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
    content = [c for c in r if c.tag != _W + "rPr"]
    if len(content) != 1 or content[0].tag != _W + "t" or (content[0].text or "") != text:
        return None, None
    right = copy.deepcopy(r)
    _set_text(content[0], text[:k])
    _set_text(next(c for c in right if c.tag == _W + "t"), text[k:])
    r.addnext(right)
    return r, right


def _set_text(t, value: str) -> None:
    t.text = value
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _empty_run(p):
    """A paragraph without text runs (empty, or only a numbering marker) gets an
    empty run to hold the comment."""
    r = etree.SubElement(p, _W + "r")
    return r


# ---------------------------------------------------------------- comment texts


def _finding_text(f) -> str:
    head = f"【{rule_name(f.rule)}】{SEVERITY_LABEL.get(f.severity, f.severity)}：{f.message}"
    if f.points:
        head += f"（版式扣{f.points:g}分，不影响总分）" if is_layout(f) else f"（扣{f.points:g}分）"
    lines = [head]
    if f.suggestion:
        lines.append(f"修改建议：{f.suggestion}")
    lines.append(f"依据：{f.basis}")
    lines.append(f"规则：{f.rule}")  # the slug, for configuring or silencing the rule
    return "\n".join(lines)


def _summary_text(report) -> str:
    counts = severity_counts(report)
    parts = "；".join(f"{part_label(report, p.id)}：{STATUS_LABEL[p.status]}" for p in report.parts)
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


# ---------------------------------------------------------------- the package


_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_COPY_CHUNK = 1 << 20


class CommentedPackage:
    """A .docx opened for adding comments: the main document, its relationships,
    the comments part and [Content_Types].xml are parsed; nothing else is read
    until `save` copies it through in chunks. Repairs what python-docx would
    choke on in the copy: a <Relationship> without Id gets one, an Override
    without PartName or ContentType is dropped (the Default by extension applies)."""

    def __init__(self, zf: zipfile.ZipFile, path: Path):
        self.zf, self.path = zf, path
        self.names = {i.filename for i in zf.infolist()}
        self.main = self._main_part()
        self.document = self._parse(self.main)
        body = self.document.find(_W + "body")
        if body is None:
            raise InputError(str(path), f"文件已损坏（“{self.main}”没有正文 w:body）；请在 Word 中另存为 .docx 后重试")
        self.body = body
        folder, name = posixpath.split(self.main)
        self.rels_name = posixpath.join(folder, "_rels", name + ".rels")
        self.rels = self._parse(self.rels_name) if self.rels_name in self.names else etree.Element(f"{{{_PKG_REL}}}Relationships", nsmap={None: _PKG_REL})
        self._repair_relationships()
        self.comments_name = self._comments_target(folder)
        if self.comments_name in self.names:
            self.comments = self._parse(self.comments_name)
        else:
            self.comments = etree.Element(_W + "comments", nsmap={"w": _W[1:-1]})
        self.content_types = self._parse("[Content_Types].xml") if "[Content_Types].xml" in self.names else etree.Element(f"{{{_CT_NS}}}Types", nsmap={None: _CT_NS})
        self._repair_content_types()
        used = [int(v) for v in self.comments.xpath("./w:comment/@w:id", namespaces={"w": _W[1:-1]}) if v.lstrip("-").isdigit()]
        self._next_id = max(used, default=-1) + 1  # counted once: adding a comment is O(1)
        self._date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    @classmethod
    def open(cls, path: Path) -> CommentedPackage:
        try:
            zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise InputError(str(path), f"无法为该文件生成批注副本（{type(exc).__name__}），请在 Word 中另存为 .docx 后重试") from None
        try:
            return cls(zf, path)
        except BaseException:
            zf.close()
            raise

    def close(self) -> None:
        self.zf.close()

    def __enter__(self) -> CommentedPackage:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # reading
    def _read(self, name: str) -> bytes:
        budget = current()
        limit = budget.part_bytes()
        out = bytearray()
        try:
            with self.zf.open(name) as f:
                while chunk := f.read(_COPY_CHUNK):
                    out += chunk
                    if len(out) > limit:
                        raise budget.refuse("part_mb", f"“{name}”")
                    budget.inflate(len(chunk), name)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
            raise InputError(str(self.path), f"无法为该文件生成批注副本（“{name}”无法解压：{type(exc).__name__}），请在 Word 中另存为 .docx 后重试") from None
        return bytes(out)

    def _parse(self, name: str):
        return parse_xml(self._read(name), self.path, name)

    def _main_part(self) -> str:
        if "_rels/.rels" in self.names:
            try:
                rels = self._parse("_rels/.rels")
            except InputError:
                rels = None
            for r in rels.iter(f"{{{_PKG_REL}}}Relationship") if rels is not None else ():
                if r.get("Type", "").endswith("/officeDocument") and r.get("TargetMode") != "External":
                    target = r.get("Target", "").lstrip("/")
                    if target in self.names:
                        return target
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise InputError(str(self.path), "无法为该文件生成批注副本（找不到 Word 正文），请在 Word 中另存为 .docx 后重试")

    def _repair_relationships(self) -> None:
        rels = list(self.rels.iter(f"{{{_PKG_REL}}}Relationship"))
        used = {r.get("Id") for r in rels}
        n = len(rels) + 1
        for r in rels:
            if not r.get("Id"):
                while f"rId{n}" in used:
                    n += 1
                r.set("Id", f"rId{n}")
                used.add(f"rId{n}")

    def _comments_target(self, folder: str) -> str:
        for r in self.rels.iter(f"{{{_PKG_REL}}}Relationship"):
            if r.get("Type") == _COMMENTS_TYPE and r.get("TargetMode") != "External":
                target = r.get("Target", "")
                return posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
        used = {r.get("Id") for r in self.rels}
        n = len(used) + 1
        while f"rId{n}" in used:
            n += 1
        name = posixpath.join(folder, "comments.xml")
        while name in self.names:  # a stray part of that name not related to the document
            name = name[: -len(".xml")] + "1.xml"
        etree.SubElement(self.rels, f"{{{_PKG_REL}}}Relationship", Id=f"rId{n}", Type=_COMMENTS_TYPE, Target=posixpath.relpath(name, folder or "."))
        return name

    def _repair_content_types(self) -> None:
        override = f"{{{_CT_NS}}}Override"
        for el in list(self.content_types.iter(override)):
            if not el.get("PartName") or not el.get("ContentType"):
                el.getparent().remove(el)
        part = "/" + self.comments_name
        if not any(el.get("PartName") == part for el in self.content_types.iter(override)):
            etree.SubElement(self.content_types, override, PartName=part, ContentType=_COMMENTS_CT)

    # writing
    def add_comment(self, runs: list, text: str) -> None:
        """A comment with `text` on the runs from runs[0] to runs[-1] (as
        python-docx's add_comment writes it: range start, range end, reference run)."""
        cid = str(self._next_id)
        self._next_id += 1
        first, last = runs[0], runs[-1]
        first.addprevious(_w_element("commentRangeStart", id=cid))
        ref_run = _w_element("r")
        rpr = etree.SubElement(ref_run, _W + "rPr")
        etree.SubElement(rpr, _W + "rStyle").set(_W + "val", "CommentReference")
        etree.SubElement(ref_run, _W + "commentReference").set(_W + "id", cid)
        last.addnext(ref_run)
        last.addnext(_w_element("commentRangeEnd", id=cid))
        comment = etree.SubElement(self.comments, _W + "comment")
        comment.set(_W + "id", cid)
        comment.set(_W + "author", AUTHOR)
        comment.set(_W + "date", self._date)
        comment.set(_W + "initials", INITIALS)
        for i, line in enumerate(xml_safe(text).split("\n")):
            p = etree.SubElement(comment, _W + "p")
            ppr = etree.SubElement(p, _W + "pPr")
            etree.SubElement(ppr, _W + "pStyle").set(_W + "val", "CommentText")
            if i == 0:
                mark = etree.SubElement(p, _W + "r")
                mark_rpr = etree.SubElement(mark, _W + "rPr")
                etree.SubElement(mark_rpr, _W + "rStyle").set(_W + "val", "CommentReference")
                etree.SubElement(mark, _W + "annotationRef")
            r = etree.SubElement(p, _W + "r")
            t = etree.SubElement(r, _W + "t")
            t.text = line
            t.set(_XML_SPACE, "preserve")

    def save(self, target: Path, budget) -> None:
        """The copy: our four parts serialised, every other entry streamed through."""
        written = {
            self.main: self.document,
            self.rels_name: self.rels,
            self.comments_name: self.comments,
            "[Content_Types].xml": self.content_types,
        }
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            if "[Content_Types].xml" not in self.names:
                out.writestr("[Content_Types].xml", _xml_bytes(written.pop("[Content_Types].xml")))
            for info in self.zf.infolist():
                budget.tick()
                if info.filename in written:
                    out.writestr(_entry(info.filename, info), _xml_bytes(written.pop(info.filename)))
                elif not info.is_dir():
                    self._copy(info, out, budget)
            for name, root in written.items():  # new parts: comments (and the main part's rels)
                out.writestr(_entry(name), _xml_bytes(root))

    def _copy(self, info: zipfile.ZipInfo, out: zipfile.ZipFile, budget) -> None:
        """One untouched entry, in chunks (a 150 MB header never sits in memory)."""
        entry = _entry(info.filename, info)
        if info.file_size > _COPY_CHUNK:
            entry.compress_type = info.compress_type if info.compress_type == zipfile.ZIP_STORED else zipfile.ZIP_DEFLATED
            _fast(entry)  # big parts: fast deflate; they are only copies
        try:
            with self.zf.open(info) as src, out.open(entry, "w", force_zip64=info.file_size > 0x7FFFFFFF) as dst:
                while chunk := src.read(_COPY_CHUNK):
                    dst.write(chunk)
                    budget.tick()
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
            raise InputError(str(self.path), f"无法为该文件生成批注副本（“{info.filename}”无法解压：{type(exc).__name__}），请在 Word 中另存为 .docx 后重试") from None


def _entry(name: str, like: zipfile.ZipInfo | None = None) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=like.date_time if like is not None else (1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _fast(info: zipfile.ZipInfo) -> None:
    for attr in ("compress_level", "_compresslevel"):  # Python 3.13 renamed it
        try:
            setattr(info, attr, 1)
            return
        except AttributeError:
            continue


def _w_element(tag: str, **attrs):
    el = etree.Element(_W + tag)
    for k, v in attrs.items():
        el.set(_W + k, v)
    return el


def _xml_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
