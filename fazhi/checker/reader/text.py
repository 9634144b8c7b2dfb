"""Plain text and Markdown: one line = one paragraph (as Word opens a .txt)."""

from __future__ import annotations

import re
from pathlib import Path

from fazhi.checker.model import Document, Paragraph
from fazhi.checker.reader.safety import utf16_without_bom
from fazhi.errors import InputError
from fazhi.limits import current

MAX_TEXT_BYTES = 20 * 1024 * 1024
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_BOLD = re.compile(r"^\*\*(.+)\*\*$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below U+0020 but tab, LF, FF, CR


def decode(data: bytes, path: str) -> str:
    """BOM first (UTF-8, UTF-16 LE/BE), then UTF-16 recognised by its NUL pattern,
    then UTF-8, then GB18030 (a superset of GBK/GB2312, what Chinese Windows writes)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le", errors="replace")
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be", errors="replace")
    utf16 = utf16_without_bom(data[:4096])
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(path, "无法识别文本编码（既不是 UTF-8 也不是 GB18030/GBK），请用记事本或 WPS 打开后另存为 UTF-8 编码的文本") from None


def read_text_file(path: Path) -> Document:
    size = path.stat().st_size
    if size == 0:
        raise InputError(str(path), "文件是空的（0 字节），可能没有保存完整，请重新保存或重新获取文件")
    if size > MAX_TEXT_BYTES:
        raise InputError(str(path), f"文件过大（{size // 1024 // 1024} MB，上限 {MAX_TEXT_BYTES // 1024 // 1024} MB），不像一份年度报告；请只提供报告正文")
    text = decode(path.read_bytes(), str(path)).replace("\x00", "")
    if _mostly_controls(text):
        raise InputError(str(path), "不是文本文件（含有大量二进制内容），请提供 .docx、.txt 或 .md 报告")
    if not text.strip():
        raise InputError(str(path), "文件没有文字内容（只有空白），请检查是否选错了文件")
    kind = "md" if path.suffix.lower() in {".md", ".markdown"} else "txt"
    budget = current()
    budget.count("characters", len(text))
    budget.count("paragraphs", text.count("\n") + text.count("\r") - text.count("\r\n") + 1)  # before any line is split
    return document_from_lines(_LINE_BREAK.split(text), str(path), kind)


def _mostly_controls(text: str) -> bool:
    sample = text[:20000]
    controls = len(sample) - len(_CONTROLS.sub("", sample))
    return controls > max(8, len(sample) // 20)


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
