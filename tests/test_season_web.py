"""The season on the web page: the compare page with two uploads, copying
between uploaded reports, and with `fazhi serve --history FILE` the resubmission
diff, the history pages and a reviewer's dismissal honoured in the next check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from fazhi.web import Settings, create_app  # noqa: E402
from season_batch import generate  # noqa: E402
from season_pairs import build_pair  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "001_f4cae163528c1ce9.txt"
TXT = "text/plain"


def client(**settings) -> TestClient:
    return TestClient(create_app(Settings(**settings)), raise_server_exceptions=False, base_url="http://127.0.0.1")


def _upload(web, name: str, text: str):
    return web.post("/api/check", files=[("files", (name, text.encode("utf-8"), TXT))])


def test_compare_page_with_two_uploads():
    pair = build_pair("003_cfeccfaec11a132e.txt")
    web = client()
    assert "与去年对比" in web.get("/compare").text
    files = {"this": ("2021.txt", pair.this_text.encode("utf-8"), TXT), "last": ("2020.txt", pair.last_text.encode("utf-8"), TXT)}
    page = web.post("/compare", files=files)
    assert page.status_code == 200
    assert "沿用去年的段落" in page.text and "已落实" in page.text and "2021.txt" in page.text
    api = web.post("/api/compare", files=files).json()
    assert {p["this"] for p in api["carried_over"]["paragraphs"]} == set(pair.carried)
    assert any(m["status"] == "done" for m in api["plan_vs_results"])


def test_compare_needs_both_files_and_says_which_is_bad():
    web = client()
    one = web.post("/compare", files={"this": ("a.txt", SEED.read_bytes(), TXT)})
    assert one.status_code == 400 and "去年的报告" in one.text
    bad = web.post(
        "/api/compare", files={"this": ("a.txt", SEED.read_bytes(), TXT), "last": ("坏.docx", b"not a zip", "application/octet-stream")}
    )
    assert bad.status_code == 422 and "坏.docx" in bad.json()["error"]


def test_uploads_copied_from_each_other_get_the_finding():
    batch = generate(6, copies=1, boilerplate_pairs=0, seed=4)
    web = client()
    files = [("files", (name, text.encode("utf-8"), TXT)) for name, text in batch.texts.items()]
    results = {r["file"]: r for r in web.post("/api/check", files=files).json()}
    ((a, i, b, j),) = batch.copied
    hit = next(f for f in results[a]["findings"] if f["rule"] == "copied-paragraph")
    assert (hit["location"]["paragraph"], hit["copied_from"]["file"], hit["copied_from"]["paragraph"]) == (i, b, j)


def test_with_a_history_file_resubmission_and_dismissal_end_to_end(tmp_path):
    db = tmp_path / "审核.db"
    web = client(history=db)
    text = SEED.read_text(encoding="utf-8")
    first = _upload(web, "岘山镇.txt", text).json()
    assert first["history"]["summary"] == "第1稿（首次提交）"
    second_text = text.replace("[bookmark: _GoBack]", "")
    page = web.post("/check", files=[("files", ("岘山镇.txt", second_text.encode("utf-8"), TXT))])
    assert page.status_code == 200
    assert re.search(r"第2稿：已改 1 处，新增 0 处，仍有 \d+ 处", page.text)
    assert "/history/%E5%B2%98%E5%B1%B1%E9%95%87" in page.text
    listing = web.get("/history")
    assert "岘山镇" in listing.text
    unit = web.get("/history/岘山镇")
    assert unit.status_code == 200 and "第1稿（首次提交）" in unit.text and "第2稿：已改 1 处" in unit.text
    target = next(f for f in first["findings"] if f["rule"] == "term-fazhi")
    assert f'data-fingerprint="{target["fingerprint"]}"' in unit.text
    decided = web.post(
        "/history/decide",
        data={"unit": "岘山镇", "fingerprint": target["fingerprint"], "decision": "dismissed", "reason": "误报", "note": "原文引用"},
        follow_redirects=False,
    )
    assert decided.status_code == 303
    assert "已排除（误报）" in web.get("/history/岘山镇").text
    third = _upload(web, "岘山镇.txt", second_text).json()
    assert target["fingerprint"] not in {f["fingerprint"] for f in third["findings"]}
    assert [d["fingerprint"] for d in third["dismissed"]] == [target["fingerprint"]]
    assert third["score"] > first["score"]
    bad = web.post(
        "/history/decide", data={"unit": "岘山镇", "fingerprint": target["fingerprint"], "decision": "dismissed", "reason": "随便"}
    )
    assert bad.status_code == 422 and "误报或已核实无误" in bad.text


def test_without_a_history_file_the_history_page_says_how_to_start_one():
    web = client()
    page = web.get("/history")
    assert page.status_code == 200 and "--history" in page.text
    assert "history" not in web.post("/api/check", files=[("files", ("a.txt", SEED.read_bytes(), TXT))]).json()
