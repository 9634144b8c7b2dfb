"""Plain text and Markdown: one line = one paragraph (as Word opens a .txt)."""

from __future__ import annotations

import re
from pathlib import Path

from fazhi.checker.model import Document, Paragraph
from fazhi.errors import InputError

MAX_TEXT_BYTES = 20 * 1024 * 1024
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_BOLD = re.compile(r"^\*\*(.+)\*\*$")


def decode(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(path, "无法识别文本编码（既不是 UTF-8 也不是 GB18030/GBK），请另存为 UTF-8 编码的文本") from None


def read_text_file(path: Path) -> Document:
    size = path.stat().st_size
    if size == 0:
        raise InputError(str(path), "文件是空的")
    if size > MAX_TEXT_BYTES:
        raise InputError(str(path), f"文件过大（{size // 1024 // 1024} MB，上限 {MAX_TEXT_BYTES // 1024 // 1024} MB），不像一份年度报告")
    text = decode(path.read_bytes(), str(path)).replace("\x00", "")
    if not text.strip():
        raise InputError(str(path), "文件没有文字内容")
    kind = "md" if path.suffix.lower() in {".md", ".markdown"} else "txt"
    return document_from_lines(re.split(r"\r\n|\r|\n", text), str(path), kind)


def document_from_lines(lines: list[str], path: str, kind: str = "txt") -> Document:
    paras: list[Paragraph] = []
    for line in lines:
        line = line.replace("\u3000", " ").rstrip()
        outline_level = None
        bold = False
        if kind == "md":
            m = _MD_HEADING.match(line.strip())
            if m:
                outline_level = max(0, len(m.group(1)) - 2)  # "#" = title, "##" = 一级
                line = m.group(2)
                bold = True
            else:
                b = _MD_BOLD.match(line.strip())
                if b:
                    line, bold = b.group(1), True
        paras.append(Paragraph(index=len(paras) + 1, text=line.strip(), outline_level=outline_level, bold=bold))
    return Document(path=path, kind=kind, paragraphs=paras, has_layout=False)
