"""The template as LibreOffice prints it: A4, GB/T 9704 margins, 22 lines a page,
title centred, page numbers "— n —" right on odd and left on even pages.

Positions come from `pdftotext -bbox` (points from the top-left corner)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from lxml import etree

from fazhi.templates import write_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (SOFFICE and PDFTOTEXT), reason="需要 LibreOffice（soffice）和 poppler-utils（pdftotext）"),
]
MM = 72 / 25.4
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("render")
    docx = write_docx(folder / "模板.docx", "township", entity="岘山镇", year=2024, signer="衡阳县岘山镇人民政府")
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{folder}/lo-profile", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
        capture_output=True,
        timeout=240,
        check=False,
    )
    out = folder / "模板.pdf"
    assert out.exists(), "LibreOffice did not convert the template"
    return out


@pytest.fixture(scope="module")
def pages(pdf):
    """[(width, height, [(text, xMin, yMin, xMax, yMax) …]) per page], in mm."""
    xml = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, timeout=60, check=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    out = []
    for page in root.iter(f"{XHTML}page"):
        words = [
            (w.text or "", *(float(w.get(k)) / MM for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter(f"{XHTML}word")
        ]
        out.append((float(page.get("width")) / MM, float(page.get("height")) / MM, words))
    return out


def _body_words(words):
    return [w for w in words if w[4] < 297 - 35 + 1]  # above the 版心's lower edge


def _page_number(words):
    return [w for w in words if w[2] > 297 - 35]


def test_pages_are_a4(pages):
    assert len(pages) >= 2
    for width, height, _ in pages:
        assert width == pytest.approx(210, abs=0.5) and height == pytest.approx(297, abs=0.5)


def test_title_is_centred_in_the_type_area_below_the_top_margin(pages):
    words = pages[0][2]
    title = [w for w in words if w[2] == pytest.approx(words[0][2], abs=0.5)]
    assert "".join(w[0] for w in title) == "岘山镇2024年度法治政府建设情况报告"
    left, right = min(w[1] for w in title), max(w[3] for w in title)
    assert (left + right) / 2 == pytest.approx(28 + 156 / 2, abs=2)
    assert 37 - 1 <= title[0][2] <= 37 + 5


def test_text_starts_at_the_left_margin(pages):
    lefts = [w[1] for w in _body_words(pages[0][2])]
    assert min(lefts) == pytest.approx(28, abs=1)


def test_a_page_has_22_lines(pages):
    # Page 2 is all body text; its lines sit on the grid of 22 lines in the
    # 225 mm type area (a heading kept with its text may leave the last lines empty).
    tops = sorted({round(w[2], 1) for w in _body_words(pages[1][2])})
    pitch = 225 / 22
    assert 18 <= len(tops) <= 22
    for above, below in zip(tops, tops[1:]):
        assert below - above == pytest.approx(pitch, abs=0.4)


@pytest.mark.parametrize("page_index", [0, 1])
def test_page_numbers_with_dashes_odd_right_even_left(pages, page_index):
    words = _page_number(pages[page_index][2])
    assert [w[0] for w in words] == ["—", str(page_index + 1), "—"]
    one_char = 14 / MM  # one 4号 (14 pt) character, in mm
    if page_index % 2 == 0:  # odd page: 右空一字
        assert max(w[3] for w in words) == pytest.approx(210 - 26 - one_char, abs=1.5)
    else:  # even page: 左空一字
        assert min(w[1] for w in words) == pytest.approx(28 + one_char, abs=1.5)
    middle = (words[0][2] + words[0][4]) / 2
    assert middle - (297 - 35) == pytest.approx(7, abs=2.5)  # 一字线 about 7 mm below the 版心


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="需要 poppler-utils（pdftoppm）")
def test_pages_render_to_png(pdf, tmp_path):
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], timeout=60, check=True)
    (png,) = tmp_path.glob("p*.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 2000
