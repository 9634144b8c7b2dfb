"""The web app (`fazhi serve`) through FastAPI's TestClient: the same results as
the CLI, bad input as readable per-file errors, limits, safety, pages."""

from __future__ import annotations

import io
import json
import re
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from fastapi.testclient import TestClient  # noqa: E402

from fazhi.batch import RANKING_NOTE, ranked  # noqa: E402
from fazhi.checker import check_path  # noqa: E402
from fazhi.schema import PART_IDS  # noqa: E402
from fazhi.web import Settings, create_app  # noqa: E402
from fazhi.web import service  # noqa: E402

from conftest import SEEDS, junk, plain_docx  # noqa: E402

SEED = SEEDS / "001_f4cae163528c1ce9.txt"  # 岘山镇 2023, all five parts with headings
POOR = SEEDS / "000_34dc2306ccfd2865.txt"  # 石市镇, two parts missing
DOCX_MEDIA = service.DOCX_MEDIA


def client(**settings) -> TestClient:
    return TestClient(create_app(Settings(**settings)), raise_server_exceptions=False, base_url="http://127.0.0.1")


@pytest.fixture(scope="module")
def web():
    return client()


def upload(*files):
    """files: (name, bytes) pairs → the multipart list TestClient expects."""
    return [("files", (name, data, "application/octet-stream")) for name, data in files]


def seed(path=SEED):
    return (path.name, path.read_bytes())




# ---------------------------------------------------------------- API: results


def test_api_check_returns_the_cli_json_for_one_file(web):
    r = web.post("/api/check", files=upload(seed()))
    assert r.status_code == 200
    data = r.json()
    cli = check_path(SEED, "township").to_dict()
    assert data["file"] == SEED.name  # the upload's name, not the temporary path
    cli["file"] = SEED.name
    assert data == json.loads(json.dumps(cli, ensure_ascii=False))
    assert [p["id"] for p in data["parts"]] == list(PART_IDS)


def test_api_check_several_files_returns_a_list_with_error_entries(web):
    r = web.post("/api/check", files=upload(seed(), ("坏文件.docx", junk(3000)), seed(POOR)))
    assert r.status_code == 200
    data = r.json()
    assert [d["file"] for d in data] == [SEED.name, "坏文件.docx", POOR.name]
    assert set(data[1]) == {"file", "error"}
    assert "docx" in data[1]["error"]
    assert data[0]["score"] == check_path(SEED).score
    assert data[2]["score"] == check_path(POOR).score


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("报告.docx", junk(4096), "不是有效的 .docx"),
        ("空.txt", b"", "空"),
        ("旧版.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "WordDocument".encode("utf-16-le") + b"\0" * 600, "另存为"),
        ("表格.xlsx", b"PK\x03\x04", "不支持的文件类型"),
    ],
    ids=["random-docx", "empty", "doc", "xlsx"],
)
def test_api_bad_single_file_is_422_with_a_chinese_reason(web, name, data, words):
    r = web.post("/api/check", files=upload((name, data)))
    assert r.status_code == 422
    body = r.json()
    assert body["file"] == name
    assert words in body["error"]
    assert "upload-" not in body["error"] and tempfile.gettempdir() not in body["error"]
    assert "Traceback" not in r.text


def test_no_files_is_400(web):
    r = web.post("/api/check", data={"profile": "township"})
    assert r.status_code == 400
    assert "没有收到文件" in r.json()["error"]


def test_unknown_profile_is_rejected_not_used_as_a_path(web):
    r = web.post("/api/check", files=upload(seed()), data={"profile": "../../etc/passwd"})
    assert r.status_code == 422
    assert "未知的配置档" in r.json()["error"]


def test_profile_choice_is_applied(web):
    r = web.post("/api/check", files=upload(seed()), data={"profile": "national"})
    assert r.status_code == 200
    assert r.json()["profile"] == "national"


def test_config_file_applies_to_every_profile_choice(tmp_path, web):
    default_rules = {f["rule"] for f in web.post("/api/check", files=upload(seed())).json()["findings"]}
    disabled = sorted(default_rules)[0]
    cfg = tmp_path / "fazhi.toml"
    cfg.write_text(f'profile = "national"\nmin_score = 70\ndisable = ["{disabled}"]\n', encoding="utf-8")
    c = client(config=cfg)
    chosen = next(p for p in c.get("/api/profiles").json() if p["default"])
    assert chosen["name"] == "national"
    for choice in ("", "township"):
        data = c.post("/api/check", files=upload(seed()), data={"profile": choice}).json()
        assert data["profile"] == (choice or "national")
        assert disabled not in {f["rule"] for f in data["findings"]}


def test_bad_config_file_stops_the_app(tmp_path):
    from fazhi.errors import ProfileError

    cfg = tmp_path / "fazhi.toml"
    cfg.write_text('disable = ["no-such-rule"]\n', encoding="utf-8")
    with pytest.raises(ProfileError):
        create_app(Settings(config=cfg))


# ---------------------------------------------------------------- limits


def test_too_many_files_is_413():
    c = client(max_files=3)
    r = c.post("/api/check", files=upload(*[(f"{i}.txt", SEED.read_bytes()) for i in range(4)]))
    assert r.status_code == 413
    assert "一次最多上传 3 个文件" in r.json()["error"]


def test_default_limit_is_fifty_files(web):
    r = web.post("/api/check", files=upload(*[(f"{i}.txt", b"x") for i in range(51)]))
    assert r.status_code == 413
    assert "50" in r.json()["error"]


def test_too_large_file_is_an_error_for_that_file_only():
    c = client(max_file_bytes=SEED.stat().st_size)
    big = ("大.txt", SEED.read_bytes() + b"\n")
    r = c.post("/api/check", files=upload(big, seed()))
    assert r.status_code == 200
    data = r.json()
    assert "超过每个文件" in data[0]["error"] and "MB" in data[0]["error"]
    assert data[1]["score"] == check_path(SEED).score


def test_too_large_request_is_413_before_reading_it():
    c = client(max_total_bytes=5_000)
    r = c.post("/api/check", files=upload(seed()))
    assert r.status_code == 413
    assert "上限" in r.json()["error"]


def test_twenty_megabyte_default_per_file(web):
    r = web.post("/api/check", files=upload(("大.txt", b"a" * (20 * 1024 * 1024 + 1))))
    assert r.status_code == 422
    assert "20 MB" in r.json()["error"]


# ---------------------------------------------------------------- safety


def test_uploads_are_deleted_and_nothing_is_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    r = client().post("/api/check", files=upload(seed()))
    assert r.status_code == 200
    assert list(tmp_path.iterdir()) == []


def test_keep_stores_uploads_and_json_under_generated_names(tmp_path):
    keep = tmp_path / "keep"
    c = client(keep=keep)
    r = c.post("/api/check", files=upload(("../../逃逸.txt", SEED.read_bytes()), ("坏.docx", b"junk")))
    assert r.status_code == 200
    assert [d["file"] for d in r.json()] == ["逃逸.txt", "坏.docx"]
    names = sorted(p.name for p in keep.iterdir())
    assert len(names) == 4
    assert all(re.fullmatch(r"\d{8}-\d{6}-[0-9a-f]{6}-\d{2}\.(txt|docx|json)", n) for n in names), names
    assert not (tmp_path / "逃逸.txt").exists()
    kept = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(keep.glob("*.json"))]
    assert kept[0]["file"] == "逃逸.txt" and kept[0]["score"] == check_path(SEED).score
    assert kept[1] == {"file": "坏.docx", "error": r.json()[1]["error"]}
    assert next(keep.glob("*-01.txt")).read_bytes() == SEED.read_bytes()


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\镇\\报告.docx", "报告.docx"),
        ("a\x00b\n.txt", "ab.txt"),
        ("", "未命名文件"),
        ("x" * 300, "x" * 120),
    ],
)
def test_display_name(raw, shown):
    assert service.display_name(raw) == shown


@pytest.mark.parametrize("name, suffix", [("a.DOCX", ".docx"), ("a.txt", ".txt"), ("a", ""), ("a.t/x", ""), ("a.报告", ""), ("a.b c", "")])
def test_safe_suffix(name, suffix):
    assert service.safe_suffix(name) == suffix


def test_a_crash_in_one_file_does_not_hide_the_others(monkeypatch):
    import fazhi.checker as checker

    real = checker.check_path

    def flaky(path, profile="township", **kw):
        if path.read_bytes().startswith(b"BOOM"):
            raise RuntimeError("bug in a rule")
        return real(path, profile, **kw)

    monkeypatch.setattr(checker, "check_path", flaky)
    r = client().post("/api/check", files=upload(("a.txt", b"BOOM\n" + SEED.read_bytes()), seed()))
    assert r.status_code == 200
    first, second = r.json()
    assert first["error"] == service.INTERNAL_ERROR
    assert "score" in second


def test_internal_error_page_has_no_traceback(monkeypatch):
    from fazhi.web import catalogue

    def broken():
        raise RuntimeError("secret detail")

    monkeypatch.setattr(catalogue, "rules_json", broken)
    c = client()
    r = c.get("/api/rules")
    assert r.status_code == 500
    assert "服务器内部错误" in r.json()["error"] and "secret" not in r.text
    r = c.get("/rules")
    assert r.status_code == 500 and "服务器内部错误" in r.text and "Traceback" not in r.text


def test_unknown_page_is_a_chinese_404(web):
    r = web.get("/nope")
    assert r.status_code == 404 and "页面不存在" in r.text
    assert web.get("/api/nope").json() == {"error": "页面不存在，请从页面顶部的导航进入"}


# ---------------------------------------------------------------- HTML pages


def test_check_page_form_works_without_javascript(web):
    html = web.get("/").text
    form = re.search(r"<form[^>]*id=\"upload-form\"[^>]*>", html).group(0)
    assert 'method="post"' in form and 'action="/check"' in form and 'enctype="multipart/form-data"' in form
    assert re.search(r'<input[^>]*type="file"[^>]*name="files"[^>]*multiple', html)
    assert "开始检查" in html


@pytest.mark.parametrize("path", ["/", "/template", "/rules", "/docs", "/static/style.css", "/static/app.js"])
def test_pages_need_nothing_from_the_internet(web, path):
    r = web.get(path)
    assert r.status_code == 200
    assert not re.search(r"(src|href)=\"(https?:)?//", r.text)
    assert "@import" not in r.text and "url(http" not in r.text


def test_result_page_shows_score_parts_and_marked_evidence(web):
    r = web.post("/check", files=upload(seed(POOR)))
    assert r.status_code == 200
    html = r.text
    report = check_path(POOR)
    assert f'data-score="{report.score}"' in html and report.grade in html
    statuses = re.findall(r'data-part="(\w+)" data-status="(\w+)"', html)
    assert statuses == [(p.id, p.status) for p in report.parts]
    for label in ("有标题", "无标题", "缺失"):
        if any(p.status == {"有标题": "heading", "无标题": "inline", "缺失": "missing"}[label] for p in report.parts):
            assert label in html
    located = next(f for f in report.findings if f.paragraph and f.start is not None and f.end > f.start)
    hit = located.context[located.start : located.end]
    assert f"<mark>{_escape(hit)}</mark>" in html
    assert "修改建议" in html and "依据" in html
    for f in report.findings:
        assert f'data-rule="{f.rule}"' in html


def _escape(s: str) -> str:
    from markupsafe import escape

    return str(escape(s))


def test_result_page_bad_file_shows_reason_and_others_still_show(web):
    html = web.post("/check", files=upload(("坏.docx", junk(500)), seed())).text
    assert "无法检查" in html and "不是有效的 .docx" in html
    assert f'data-score="{check_path(SEED).score}"' in html


def test_result_page_ranks_several_files(web):
    html = web.post("/check", files=upload(seed(POOR), seed(), ("坏.txt", b""))).text
    table = html[html.index('class="ranking"') : html.index("</table>")]
    rows = re.findall(r'<a href="#file-\d+">([^<]+)</a>', table)
    reports = {SEED.name: check_path(SEED), POOR.name: check_path(POOR)}
    # the same ranking as the CLI: the report that most needs work first, said on the page
    assert rows[:2] == [Path(r.file).name for r in ranked(list(reports.values()))] == [POOR.name, SEED.name]
    assert rows[2] == "坏.txt"
    assert RANKING_NOTE in html


def test_result_page_escapes_file_names(web):
    html = web.post("/check", files=upload(("<img src=x onerror=alert(1)>.txt", SEED.read_bytes()))).text
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in html


def test_html_form_errors_show_on_the_check_page():
    c = client(max_files=1)
    r = c.post("/check", files=upload(seed(), seed()))
    assert r.status_code == 413
    assert "一次最多上传 1 个文件" in r.text and 'id="upload-form"' in r.text
    r = c.post("/check", files=[("files", ("", b"", "application/octet-stream"))])
    assert r.status_code == 400 and "没有收到文件" in r.text


def test_checks_a_docx_upload(tmp_path, web):
    path = plain_docx(SEED, tmp_path)
    r = web.post("/api/check", files=upload((path.name, path.read_bytes())))
    assert r.status_code == 200
    assert r.json()["score"] == check_path(path).score


# ---------------------------------------------------------------- annotated copy


def test_expired_or_unknown_download_is_a_chinese_404(web):
    r = web.get("/download/nonexistent")
    assert r.status_code == 404 and "下载链接已失效" in r.text


def test_annotated_copy_download(tmp_path):
    c = client()
    path = plain_docx(POOR, tmp_path)
    html = c.post("/check", files=upload((path.name, path.read_bytes()))).text
    token = re.search(r'href="/download/([\w-]+)"', html).group(1)
    r = c.get(f"/download/{token}")
    assert r.status_code == 200
    assert r.headers["content-type"] == DOCX_MEDIA
    assert "filename*=UTF-8''" in r.headers["content-disposition"]
    assert quote(f"{POOR.stem}.批注.docx") in r.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        assert "word/document.xml" in z.namelist()
        comments = z.read("word/comments.xml").decode("utf-8")
    report = check_path(path)
    assert report.findings and report.findings[0].message[:10] in comments
    again = c.get(f"/download/{token}")  # made once, then served from memory
    assert again.content == r.content


def test_api_check_makes_no_annotated_copies():
    app = create_app(Settings())
    TestClient(app, base_url="http://127.0.0.1").post("/api/check", files=upload(seed()))
    assert len(app.state.checker.cache) == 0


def test_annotating_failure_is_a_readable_500(monkeypatch):

    def broken(report, source, out):
        raise RuntimeError("boom")

    c = client()
    html = c.post("/check", files=upload(seed())).text
    token = re.search(r'href="/download/([\w-]+)"', html).group(1)
    monkeypatch.setattr(service, "annotate_function", lambda: broken)
    r = c.get(f"/download/{token}")
    assert r.status_code == 500 and "生成批注稿时程序内部出错" in r.text and "boom" not in r.text


# ---------------------------------------------------------------- template


def _document_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


def test_api_template_docx(web):
    r = web.post("/api/template", json={"entity": "岘山镇", "year": 2024, "signer": "岘山镇人民政府"})
    assert r.status_code == 200
    assert r.headers["content-type"] == DOCX_MEDIA
    text = _document_text(r.content)
    assert "岘山镇" in text and "2024" in text


def test_api_template_markdown(web):
    r = web.post("/api/template", json={"entity": "岘山镇", "year": 2024, "format": "md"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    assert "岘山镇" in r.text and "2025" in r.text  # the next-year part names the year after


@pytest.mark.parametrize(
    "body, words",
    [
        ({"year": 1990}, "年度：不能小于 2000"),
        ({"year": "明年"}, "年度：须为整数"),
        ({"format": "pdf"}, "格式：只能是"),
        ({"colour": "red"}, "未知字段"),
        ({"profile": "nope"}, "未知的配置档"),
    ],
)
def test_api_template_rejects_bad_input_in_chinese(web, body, words):
    r = web.post("/api/template", json=body)
    assert r.status_code == 422
    assert words in r.json()["error"]


@pytest.mark.parametrize("raw, words", [(b"{oops", "请求体：不是有效的 JSON"), (b"[1]", "须为 JSON 对象")])
def test_api_template_rejects_a_body_that_is_not_an_object(web, raw, words):
    r = web.post("/api/template", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422 and words in r.json()["error"]


def test_api_template_without_body_uses_the_defaults(web):
    r = web.post("/api/template")
    assert r.status_code == 200 and r.headers["content-type"] == DOCX_MEDIA


def test_template_form_downloads_a_docx(web):
    assert "下载模板" in web.get("/template").text
    r = web.post("/template", data={"profile": "township", "entity": "石市镇", "year": "2023", "format": "docx"})
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    assert "石市镇" in _document_text(r.content)
    r = web.post("/template", data={"year": "99999"})
    assert r.status_code == 422 and "年度：不能大于 2100" in r.text


# ---------------------------------------------------------------- rules and API docs


def test_rules_api_and_page_list_the_registry(web):
    from fazhi.checker.rules import registry

    slugs = list(registry())
    data = web.get("/api/rules").json()
    assert [r["slug"] for r in data] == slugs
    assert all(r["basis"] and r["bad"] and r["good"] for r in data)
    html = web.get("/rules").text
    for slug in slugs:
        assert f'id="rule-{slug}"' in html


def test_rules_page_escapes_examples(monkeypatch):
    from fazhi.checker.rules.base import Rule
    from fazhi.web import catalogue

    rule = Rule("demo", "示例", "warning", 1, "常见实务", "说明", bad="<b>坏</b>", good="好", group="language")
    monkeypatch.setattr(catalogue, "rules_json", lambda: [catalogue._rule_dict(rule)])
    html = client().get("/rules").text
    assert "&lt;b&gt;坏&lt;/b&gt;" in html and "<b>坏</b>" not in html


def test_docs_page_lists_the_api_offline(web):
    html = web.get("/docs").text
    for path in ("/api/check", "/api/template", "/api/rules"):
        assert path in html
    spec = web.get("/openapi.json").json()
    assert "multipart/form-data" in spec["paths"]["/api/check"]["post"]["requestBody"]["content"]
    assert web.get("/redoc").status_code == 404


def test_docs_page_uses_the_address_it_was_opened_on_and_renders_code_spans():
    lan = TestClient(create_app(Settings()), base_url="http://localhost:8765")  # the host guard admits local names
    html = lan.get("/docs").text
    assert "curl -F files=@岘山镇2023.docx http://localhost:8765/api/check" in html
    assert ":8000" not in html
    assert "`" not in html.split("<main", 1)[-1].split("<pre>", 1)[0]  # no Markdown backticks shown literally
    assert "<code>fazhi check</code>" in html or "<code>fazhi check --format json</code>" in html


def test_code_spans_escape_everything_else():
    from fazhi.web.catalogue import code_spans

    assert str(code_spans("用 `a<b>` 和 <i>x</i>")) == "用 <code>a&lt;b&gt;</code> 和 &lt;i&gt;x&lt;/i&gt;"
