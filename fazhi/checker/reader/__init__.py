"""Reader: bytes on disk → `Document`. The only layer that sees zip, XML or encodings.

    read_document(path)            # .docx / .txt / .md, raises InputError
    document_from_text(text)       # for tests and the web app
"""

from __future__ import annotations

from pathlib import Path

from fazhi.checker.model import Document
from fazhi.errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
DOCX_SUFFIXES = {".docx", ".docm"}


def read_document(path: str | Path) -> Document:
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "文件不存在，请检查路径")
    if path.is_dir():
        raise InputError(str(path), "这是一个文件夹，不是报告文件")
    suffix = path.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        from fazhi.checker.reader.docx import read_docx

        return read_docx(path)
    if suffix in TEXT_SUFFIXES:
        from fazhi.checker.reader.text import read_text_file

        return read_text_file(path)
    if suffix in {".doc", ".wps"}:
        raise InputError(str(path), f"不支持旧版 Word/WPS 格式（{suffix}），请在 Word 或 WPS 中“另存为” .docx 后再检查")
    raise InputError(str(path), f"不支持的文件类型“{suffix or '无扩展名'}”，请提供 .docx、.txt 或 .md 文件")


def document_from_text(text: str, path: str = "<text>", kind: str = "txt") -> Document:
    from fazhi.checker.reader.text import document_from_lines

    return document_from_lines(text.splitlines(), path, kind)
