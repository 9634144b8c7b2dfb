"""Accepting or rejecting tracked changes of a .docx (Word's 审阅 → 接受/拒绝
所有修订), for testing what `fazhi fix` writes and for the web page's preview.

Inline `w:ins`/`w:del` (and `w:moveTo`/`w:moveFrom`) are resolved; by default
only those by `author` "fazhi", so a clerk's own earlier revisions stay."""

from __future__ import annotations

from pathlib import Path

from fazhi.checker.reader.safety import SafeZip, parse_xml
from fazhi.checker.reader.xmlnames import w
from fazhi.fixer.tracked import AUTHOR, main_part, rewrite_package, serialize

_KEPT_WHEN_ACCEPTED = (w("ins"), w("moveTo"))
_KEPT_WHEN_REJECTED = (w("del"), w("moveFrom"))


def resolve(root, accept: bool, author: str | None = AUTHOR) -> int:
    """Accept (or reject) the inline revisions of `author` (None: everyone's)
    in a parsed document part. Returns how many were resolved."""
    keep = _KEPT_WHEN_ACCEPTED if accept else _KEPT_WHEN_REJECTED
    marks = [el for el in root.iter(*_KEPT_WHEN_ACCEPTED, *_KEPT_WHEN_REJECTED) if el.getparent() is not None and el.getparent().tag != w("rPr")]
    count = 0
    for el in marks:
        if author is not None and el.get(w("author")) != author:
            continue
        parent = el.getparent()
        if el.tag in keep:
            for child in el.iterchildren(w("r")):
                for t in child.iterchildren(w("delText")):
                    t.tag = w("t")
            for child in list(el):
                el.addprevious(child)
        parent.remove(el)
        count += 1
    return count


def resolve_docx(source: Path | bytes, accept: bool, author: str | None = AUTHOR) -> bytes:
    """A .docx (path or bytes) with the tracked changes of `author` accepted or rejected."""
    import tempfile

    if isinstance(source, bytes):
        with tempfile.NamedTemporaryFile(suffix=".docx") as tmp:
            tmp.write(source)
            tmp.flush()
            return resolve_docx(Path(tmp.name), accept, author)
    with SafeZip(source) as z:
        name = main_part(z)
        root = parse_xml(z.read(name), source, name)
    resolve(root, accept, author)
    return rewrite_package(source, {name: serialize(root)})
