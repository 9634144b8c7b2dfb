"""The web page in a real headless browser (system Chromium via Playwright):
upload a seed, see the score and the five-part strip, download the annotated
copy and the template, drag and drop, no JavaScript, print layout, offline."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[browser]'; scripts/test.sh does)")

from conftest import SEEDS, junk  # noqa: E402

pytestmark = pytest.mark.slow

SEED = SEEDS / "001_f4cae163528c1ce9.txt"
POOR = SEEDS / "000_34dc2306ccfd2865.txt"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOT_DIR = os.environ.get("FAZHI_SCREENSHOTS")  # set to keep the screenshots for a look




def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`fazhi serve` in a subprocess on a free port; yields the base URL."""
    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "fazhi", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(base + "/healthz", timeout=2)
            break
        except httpx.TransportError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"fazhi serve did not start: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium found (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A 1366×768 page that records every URL it requests."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN", accept_downloads=True)
    pg = context.new_page()
    pg.requested = []
    pg.on("request", lambda req: pg.requested.append(req.url))
    pg.set_default_timeout(20_000)
    yield pg
    assert all(u.startswith(server) or u.startswith(("data:", "blob:")) for u in pg.requested), pg.requested
    context.close()


def shot(pg, tmp_path: Path, name: str, **kw) -> Path:
    folder = Path(SCREENSHOT_DIR) if SCREENSHOT_DIR else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    pg.screenshot(path=str(path), **kw)
    assert path.stat().st_size > 10_000
    return path


def check_seed(pg, server, *files: Path):
    pg.goto(server + "/")
    pg.set_input_files("#file-input", [str(f) for f in files])
    with pg.expect_navigation():
        pg.click("#check-button")


def test_upload_shows_score_and_five_part_strip(page, server, tmp_path):
    from fazhi.checker import check_path

    check_seed(page, server, SEED)
    report = check_path(SEED)
    assert page.locator(".score-number").inner_text() == f"{report.score:g}"
    assert report.grade in page.locator(".grade").inner_text()
    strip = page.locator(".strip .part")
    assert strip.count() == 5
    assert [strip.nth(i).get_attribute("data-status") for i in range(5)] == [p.status for p in report.parts]
    assert "有标题" in strip.nth(0).inner_text()
    for i in range(5):  # the strip fits the office screen: no part is squeezed out
        box = strip.nth(i).bounding_box()
        assert box["width"] > 150 and box["x"] + box["width"] <= 1366
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    shot(page, tmp_path, "result-1366x768.png")


def test_annotated_copy_downloads(page, server, tmp_path):
    check_seed(page, server, POOR)
    with page.expect_download() as info:
        page.click("a.download")
    download = info.value
    assert download.suggested_filename == f"{POOR.stem}.批注.docx"
    target = tmp_path / "annotated.docx"
    download.save_as(str(target))
    with zipfile.ZipFile(target) as z:
        assert "word/comments.xml" in z.namelist()


def test_template_downloads(page, server, tmp_path):
    page.goto(server + "/template")
    page.fill("input[name=entity]", "岘山镇")
    page.fill("input[name=year]", "2024")
    with page.expect_download() as info:
        page.click("#template-button")
    download = info.value
    assert download.suggested_filename.endswith(".docx") and "岘山镇" in download.suggested_filename
    target = tmp_path / "template.docx"
    download.save_as(str(target))
    with zipfile.ZipFile(target) as z:
        assert "岘山镇" in z.read("word/document.xml").decode("utf-8")


def test_drag_and_drop_of_several_files_ranks_them(page, server):
    page.goto(server + "/")
    files = [(SEED.name, SEED.read_text(encoding="utf-8")), (POOR.name, POOR.read_text(encoding="utf-8"))]
    with page.expect_navigation():
        page.evaluate(
            """files => {
                const dt = new DataTransfer();
                for (const [name, text] of files) dt.items.add(new File([text], name, {type: "text/plain"}));
                document.body.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
            }""",
            files,
        )
    assert page.locator(".ranking tbody tr").count() == 2
    assert page.locator(".file .strip").count() == 2


def test_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1366, "height": 768})
    pg = context.new_page()
    pg.goto(server + "/")
    pg.set_input_files("#file-input", str(SEED))
    with pg.expect_navigation():
        pg.click("#check-button")
    assert pg.locator(".strip .part").count() == 5
    context.close()


def test_bad_file_shows_a_readable_error(page, server, tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(junk(2000))
    check_seed(page, server, bad, SEED)
    assert "不是有效的 .docx" in page.locator(".file .alert").first.inner_text()
    assert page.locator(".strip").count() == 1


def test_print_layout_hides_the_form_and_keeps_findings(page, server, tmp_path):
    check_seed(page, server, POOR)
    page.emulate_media(media="print")
    assert page.locator("#upload-form").is_hidden()
    assert page.locator("header.top").is_hidden()
    assert page.locator(".finding").first.is_visible()
    colour = page.evaluate("getComputedStyle(document.querySelector('.finding .sev')).color")
    assert colour == "rgb(0, 0, 0)"  # black and white
    shot(page, tmp_path, "result-print.png", full_page=True)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_rules_page_renders(page, server):
    from fazhi.checker.rules import registry

    page.goto(server + "/rules")
    assert page.locator("article.rule").count() == len(registry())
