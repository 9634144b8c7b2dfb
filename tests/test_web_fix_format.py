"""The web page and API offer `fazhi fix` and `fazhi format`: buttons beside the
annotated copy, /api/fix and /api/format."""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from fazhi.checker.reader import read_document  # noqa: E402
from fazhi.web import Settings, create_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DOCX = ROOT / "seeds" / "docx" / "001_f4cae163528c1ce9.docx"
TEXT = ROOT / "seeds" / "001_f4cae163528c1ce9.txt"


@pytest.fixture(scope="module")
def web():
    return TestClient(create_app(Settings()), raise_server_exceptions=False, base_url="http://127.0.0.1")


def _upload(path: Path, name: str | None = None):
    return [("files", (name or path.name, path.read_bytes(), "application/octet-stream"))]


def _texts(data: bytes, suffix: str) -> list[str]:
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        tmp.write(data)
        tmp.flush()
        return [p.text for p in read_document(Path(tmp.name)).paragraphs]


def test_the_page_offers_the_fixed_and_the_formatted_copy(web):
    page = web.post("/check", files=_upload(DOCX, "报告.docx")).text
    fix = re.search(r'href="(/download/[^"]+)"[^>]*>下载修订稿', page)
    fmt = re.search(r'href="(/download/[^"]+)"[^>]*>下载排版稿', page)
    assert fix and fmt
    fixed = web.get(fix.group(1))
    assert fixed.status_code == 200 and "filename*=UTF-8''" in fixed.headers["content-disposition"]
    assert b'w:author="fazhi"' in __import__("zipfile").ZipFile(io.BytesIO(fixed.content)).read("word/document.xml")
    formatted = web.get(fmt.group(1))
    assert formatted.status_code == 200
    assert _texts(formatted.content, ".docx") == [p.text for p in read_document(DOCX).paragraphs]


def test_a_text_upload_gets_a_fixed_copy_but_no_formatted_one(web):
    page = web.post("/check", files=_upload(TEXT)).text
    assert "下载修订稿" in page and "下载排版稿" not in page


def test_api_fix_returns_the_copy_or_the_fixes(web):
    copy = web.post("/api/fix", files=_upload(TEXT))
    assert copy.status_code == 200
    assert "法治" in copy.content.decode("utf-8")
    listing = web.post("/api/fix", files=_upload(DOCX), data={"format": "json"})
    data = listing.json()
    assert listing.status_code == 200 and data["file"] == DOCX.name and data["fixes"]
    assert {"rule", "location", "before", "after"} <= set(data["fixes"][0])


def test_api_format_returns_a_docx_and_refuses_text(web):
    ok = web.post("/api/format", files=_upload(DOCX))
    assert ok.status_code == 200 and ok.content[:2] == b"PK"
    refused = web.post("/api/format", files=_upload(TEXT))
    assert refused.status_code == 422 and ".docx" in refused.json()["error"]
    bad = web.post("/api/fix", files=[("files", ("x.docx", b"not a zip", "application/octet-stream"))])
    assert bad.status_code == 422 and bad.json()["file"] == "x.docx"
