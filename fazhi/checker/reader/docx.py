"""Minimal .docx reader (paragraph text in body order). Extended by the full reader."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from fazhi.checker.model import Document, Paragraph
from fazhi.errors import InputError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def read_docx(path: Path) -> Document:
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        raise InputError(str(path), "不是有效的 .docx 文件，请用 Word 或 WPS 重新保存为 .docx") from None
    root = etree.fromstring(xml, _PARSER)
    paras = []
    for p in root.iter(f"{{{W}}}p"):
        text = "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
        paras.append(Paragraph(index=len(paras) + 1, text=text.strip()))
    return Document(path=str(path), kind="docx", paragraphs=paras, has_layout=True)
