"""Reader: bytes on disk → `Document`. The only layer that sees zip, XML or encodings.

    read_document(path)            # .docx / .txt / .md, raises InputError
    document_from_text(text)       # for tests and the web app

What a file is gets decided by its content, not only its name: a .doc that is
really a .docx is read, a .docx that is really a .doc, a PDF or a web page is
refused with a message that says what to do. The input file is never written."""

from __future__ import annotations

from pathlib import Path

from fazhi.checker.model import Document
from fazhi.errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
DOCX_SUFFIXES = {".docx", ".docm", ".dotx", ".dotm"}
LEGACY_SUFFIXES = {".doc", ".wps", ".dot", ".wpt"}
_HEAD_BYTES = 4096


def read_document(path: str | Path) -> Document:
    from fazhi.checker.reader.safety import read_head
    from fazhi.limits import file_budget

    path = Path(path)
    with file_budget(path):  # the check_path budget when called from there
        head = read_head(path, _HEAD_BYTES)  # only regular files; FIFOs and devices are never opened
        return _read_by_content(path, head)


def _read_by_content(path: Path, head: bytes) -> Document:
    from fazhi.checker.reader.safety import refuse_foreign, sniff

    suffix = path.suffix.lower()
    kind = sniff(head)
    if suffix in DOCX_SUFFIXES or suffix in LEGACY_SUFFIXES:
        if kind == "zip":
            return _guarded(path, _read_docx)
        refuse_foreign(path, kind, "docx")
    elif suffix in TEXT_SUFFIXES:
        if kind == "text":
            return _guarded(path, _read_text)
        refuse_foreign(path, kind, "text")
    elif kind in ("empty", "cfb", "pdf", "rtf", "html", "wordxml"):
        refuse_foreign(path, kind, "other")
    raise InputError(str(path), f"不支持的文件类型“{suffix or '无扩展名'}”，请提供 .docx、.txt 或 .md 文件")


def _read_docx(path: Path) -> Document:
    from fazhi.checker.reader.docx import read_docx

    return read_docx(path)


def _read_text(path: Path) -> Document:
    from fazhi.checker.reader.text import read_text_file

    return read_text_file(path)


def _guarded(path: Path, reader) -> Document:
    """Run a reader; anything but InputError becomes one (a reader bug, but the user
    still gets one clear line instead of a traceback)."""
    from fazhi.checker.reader.safety import RESAVE, UnexpectedReadError

    try:
        return reader(path)
    except InputError:
        raise
    except RecursionError:
        raise InputError(str(path), f"文件结构嵌套过深，无法读取；{RESAVE}") from None
    except MemoryError:
        raise InputError(str(path), "文件过大，内存不足以读取；请拆分文件或删除大图片后另存") from None
    except Exception as exc:  # noqa: BLE001 - last line of defence, see docstring
        raise UnexpectedReadError(str(path), f"读取时出现意外错误（{type(exc).__name__}），{RESAVE}；如仍失败请把文件反馈给维护者") from exc


def document_from_text(text: str, path: str = "<text>", kind: str = "txt") -> Document:
    from fazhi.checker.reader.text import document_from_lines

    return document_from_lines(text.splitlines(), path, kind)
