"""Build small .docx packages from WordprocessingML snippets (tests, fuzzing,
benchmarks). Only what Word needs to open the file, plus optional parts."""

from __future__ import annotations

import zipfile
from pathlib import Path

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = {
    "styles": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "numbering": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "theme/theme1": "application/vnd.openxmlformats-officedocument.theme+xml",
    "comments": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    "footer1": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "header1": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "footnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
}
_REL_TYPE = {
    "styles": "styles",
    "numbering": "numbering",
    "theme/theme1": "theme",
    "comments": "comments",
    "footer1": "footer",
    "header1": "header",
    "footnotes": "footnotes",
}


def para(text: str = "", ppr: str = "", rpr: str = "") -> str:
    """One paragraph with one run."""
    p = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    r = f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{p}{r}</w:p>"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def document_xml(body: str, sect: str = "") -> str:
    return f"{_DECL}<w:document {NS}><w:body>{body}{sect}</w:body></w:document>"


def part_xml(root: str, inner: str) -> str:
    return f"{_DECL}<w:{root} {NS}>{inner}</w:{root}>"


def build_docx(path: str | Path, body: str, *, sect: str = "", parts: dict[str, str] | None = None, raw: dict[str, bytes] | None = None) -> Path:
    """Write a .docx whose body is `body`. `parts` maps a part name under word/
    without .xml ("styles", "numbering", "theme/theme1", "comments", "footer1") to its XML;
    `raw` adds entries verbatim (name → bytes)."""
    parts = parts or {}
    path = Path(path)
    overrides = "".join(f'<Override PartName="/word/{n}.xml" ContentType="{_CT[n]}"/>' for n in parts if n in _CT)
    content_types = (
        f'{_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = f'{_DECL}<Relationships xmlns="{_RELS_NS}"><Relationship Id="rId1" Type="{_DOC_REL}/officeDocument" Target="word/document.xml"/></Relationships>'
    doc_rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{_DOC_REL}/{_REL_TYPE[n]}" Target="{n}.xml"/>' for i, n in enumerate(parts) if n in _REL_TYPE)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("word/_rels/document.xml.rels", f'{_DECL}<Relationships xmlns="{_RELS_NS}">{doc_rels}</Relationships>')
        z.writestr("word/document.xml", document_xml(body, sect))
        for name, xml in parts.items():
            z.writestr(f"word/{name}.xml", xml)
        for name, data in (raw or {}).items():
            z.writestr(name, data)
    return path
