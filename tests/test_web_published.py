"""The web page's 网站发布版 option: `published`/`title` on /api/check and the
check form reach the engine as `fazhi check --published --title` do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from fazhi.web import Settings, create_app  # noqa: E402

# A township report as copied from a government web page (our own words).
PAGE = (Path(__file__).parent / "fixtures" / "published" / "helong_2024.txt").read_text(encoding="utf-8")
UNTITLED = PAGE.replace("鹤龙街2024年法治政府建设年度报告\n", "")


@pytest.fixture(scope="module")
def web():
    return TestClient(create_app(Settings()), raise_server_exceptions=False, base_url="http://127.0.0.1")


def _check(web, text: str, name: str = "page.txt", **fields):
    response = web.post("/api/check", files=[("files", (name, text.encode(), "text/plain"))], data=fields)
    return response


def _rules(data) -> set[str]:
    return {f["rule"] for f in data["findings"]}


def test_without_published_a_web_page_lacks_its_addressee(web):
    data = _check(web, PAGE).json()
    assert "addressee-missing" in _rules(data)


def test_published_needs_no_addressee_and_skips_page_furniture(web):
    response = _check(web, PAGE, published="true")
    assert response.status_code == 200
    data = response.json()
    assert not _rules(data) & {"addressee-missing", "title-format"}
    assert (data["entity"], data["year"]) == ("鹤龙街", 2024)


def test_published_page_without_title_reads_the_uploaded_file_name(web):
    data = _check(web, UNTITLED, "鹤龙街2024年法治政府建设年度报告.txt", published="true").json()
    assert (data["entity"], data["year"]) == ("鹤龙街", 2024)
    assert "title-format" not in _rules(data)
    unnamed = _check(web, UNTITLED, "page.txt", published="true").json()
    assert "title-format" in _rules(unnamed)  # a generated name is not a title


def test_title_field_gives_the_missing_title(web):
    data = _check(web, UNTITLED, "page.txt", published="on", title="黄石街2024年法治政府建设年度报告").json()
    assert data["entity"] == "黄石街"


def test_same_result_as_the_cli(web, tmp_path):
    import json

    from typer.testing import CliRunner

    from fazhi.cli.app import app

    path = tmp_path / "page.txt"
    path.write_text(UNTITLED, encoding="utf-8")
    title = "鹤龙街2024年法治政府建设年度报告"
    result = CliRunner().invoke(app, ["check", str(path), "-f", "json", "--no-config", "--published", "--title", title])
    cli = json.loads(result.stdout)
    cli = cli[0] if isinstance(cli, list) else cli
    api = _check(web, UNTITLED, "page.txt", published="true", title=title).json()
    assert (api["score"], _rules(api), api["entity"]) == (cli["score"], _rules(cli), cli["entity"])


@pytest.mark.parametrize(
    "fields, words",
    [
        ({"published": "maybe"}, "published"),
        ({"published": "true", "title": "题" * 81}, "80"),
        ({"title": "鹤龙街2024年法治政府建设年度报告"}, "网站发布版"),
    ],
)
def test_bad_published_options_are_422_in_chinese(web, fields, words):
    response = _check(web, PAGE, **fields)
    assert response.status_code == 422
    error = response.json()["error"]
    assert words in error and "Traceback" not in error


def test_check_form_offers_published_and_title_and_keeps_the_choice(web):
    html = web.get("/").text
    form = re.search(r'<form[^>]*id="upload-form".*?</form>', html, re.S).group(0)
    assert re.search(r'<input[^>]*type="checkbox"[^>]*name="published"', form) and "网站发布版" in form
    assert re.search(r'<input[^>]*name="title"', form)
    assert not re.search(r'name="published"[^>]*checked', form)
    page = web.post("/check", files=[("files", ("page.txt", PAGE.encode(), "text/plain"))], data={"published": "true"})
    assert page.status_code == 200
    assert re.search(r'name="published"[^>]*checked', page.text)
