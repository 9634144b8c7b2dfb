"""Builders of the crafted inputs of the red-team pass (issue 18): small files
that used to cost minutes or gigabytes. Sizes are parameters: the tests build
small ones and lower the limits; benchmarks/hostile.py builds the full ones."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from fazhi.checker.reader.minidocx import build_docx, para, part_xml

TITLE = "岘山镇2023年度法治政府建设工作报告"


def deep_style_chain(path: Path, depth: int) -> Path:
    """Styles s1 … s`depth`, each basedOn the previous; one paragraph per style,
    deepest first (the worst order for a resolver without memo)."""
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="s{i}"><w:name w:val="s{i}"/>'
        + (f'<w:basedOn w:val="s{i - 1}"/>' if i > 1 else "")
        + f'<w:pPr><w:spacing w:line="{240 + i % 7}" w:lineRule="auto"/></w:pPr></w:style>'
        for i in range(1, depth + 1)
    )
    body = para(TITLE) + "".join(para(f"第{i}段。", ppr=f'<w:pStyle w:val="s{i}"/>') for i in range(depth, 0, -1))
    return build_docx(path, body, parts={"styles": part_xml("styles", styles)})


def unknown_styles(path: Path, paragraphs: int, defined: int) -> Path:
    """`paragraphs` paragraphs each naming a style id that styles.xml (with
    `defined` real styles) does not define."""
    styles = "".join(f'<w:style w:type="paragraph" w:styleId="real{i}"><w:name w:val="real {i}"/><w:rPr><w:sz w:val="28"/></w:rPr></w:style>' for i in range(defined))
    body = para(TITLE) + "".join(para("我镇依法行政。", ppr=f'<w:pStyle w:val="missing{i}"/>') for i in range(paragraphs))
    return build_docx(path, body, parts={"styles": part_xml("styles", styles)})


def inflated_document(path: Path, megabytes: float) -> Path:
    """A document.xml that inflates to `megabytes` MB (compressing ~70:1, under
    the zip-bomb ratio) from one repeated paragraph."""
    one = len(para("我镇深入推进依法行政0000000，持续加强法治政府建设。").encode("utf-8"))
    count = int(megabytes * 1024 * 1024 / one)
    body = "".join(para(f"我镇深入推进依法行政{i * 7919 % 10_000_019:07d}，持续加强法治政府建设。") for i in range(count))
    return build_docx(path, para(TITLE) + body)


def many_paragraphs(path: Path, paragraphs: int) -> Path:
    """A .docx of many short paragraphs (the annotate stress: a placeholder
    finding in each)."""
    body = para(TITLE) + "".join(para(f"{i}我镇XX村开展普法活动。") for i in range(paragraphs))
    return build_docx(path, body)


def big_header(path: Path, megabytes: float) -> Path:
    """A small report whose header part inflates to `megabytes` MB: the checker
    never reads it, the annotated copy must not load it either."""
    count = int(megabytes * 1024 * 1024 / 48)
    filler = "".join(f"<w:p><w:r><w:t>页眉{i * 7919 % 10_000_019:07d}</w:t></w:r></w:p>" for i in range(count))
    header = part_xml("hdr", filler)
    body = para(TITLE) + para("一、主要举措和成效") + para("我镇依法行政,成效明显。")
    sect = '<w:sectPr><w:headerReference w:type="default" r:id="rId2"/></w:sectPr>'
    return build_docx(path, body, sect=sect, parts={"header1": header})


def many_entries(path: Path, entries: int) -> Path:
    """A zip of `entries` empty entries, written with a hand-made central
    directory (zipfile would take as long to write it as to read it)."""
    local, central, offset = bytearray(), bytearray(), 0
    for i in range(entries):
        name = f"e{i}".encode()
        header = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0) + name
        central += struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0, 0, 0, 0, 0, offset) + name
        local += header
        offset += len(header)
    n = min(entries, 0xFFFF)
    eocd = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, n, n, len(central), offset, 0)
    path.write_bytes(bytes(local) + bytes(central) + eocd)
    return path


def text_lines(path: Path, lines: int, line: str = "一") -> Path:
    path.write_text(TITLE + "\n" + (line + "\n") * lines, encoding="utf-8")
    return path


def with_broken_package(path: Path, kind: str) -> Path:
    """A report whose package python-docx refuses to open or save: a
    <Relationship> without Id, or a [Content_Types] Override without PartName."""
    body = para(TITLE) + para("一、主要举措和成效") + para("我镇依法行政,成效明显。")
    build_docx(path, body, parts={"styles": part_xml("styles", "")})
    with zipfile.ZipFile(path) as z:
        entries = {i.filename: z.read(i.filename) for i in z.infolist()}
    if kind == "rel-without-id":
        rels = entries["word/_rels/document.xml.rels"].decode()
        entries["word/_rels/document.xml.rels"] = rels.replace('Id="rId1" ', "", 1).encode()
    elif kind == "override-without-partname":
        ct = entries["[Content_Types].xml"].decode()
        entries["[Content_Types].xml"] = ct.replace(
            "</Types>", '<Override ContentType="application/xml"/></Types>'
        ).encode()  # fmt: skip
    else:
        raise ValueError(kind)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return path
