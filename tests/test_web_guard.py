"""The local web page only answers its own page: Host allow-list (DNS
rebinding), Origin check on POST (cross-site forms); an annotated copy is made
once per upload however many clicks arrive at once."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from conftest import SEEDS  # noqa: E402
from fazhi.web import Settings, create_app  # noqa: E402
from fazhi.web import service  # noqa: E402
from fazhi.web.guard import host_name  # noqa: E402

SEED = SEEDS / "001_f4cae163528c1ce9.txt"


def client(host="127.0.0.1", base="http://127.0.0.1:8000") -> TestClient:
    return TestClient(create_app(Settings(host=host)), base_url=base, raise_server_exceptions=False)


def files():
    return [("files", (SEED.name, SEED.read_bytes(), "text/plain"))]


@pytest.mark.parametrize("value,name", [("127.0.0.1:8000", "127.0.0.1"), ("[::1]:8000", "::1"), ("LocalHost", "localhost"), ("evil.example", "evil.example")])
def test_host_name(value, name):
    assert host_name(value) == name


def test_foreign_host_is_refused():
    c = client()
    for path in ("/", "/api/rules"):
        r = c.get(path, headers={"Host": "rebind.evil.example:8000"})
        assert r.status_code == 400 and "不是本机地址" in r.text
    assert c.get("/api/rules", headers={"Host": "rebind.evil.example"}).json()["error"]
    for ok in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000"):
        assert c.get("/healthz", headers={"Host": ok}).status_code == 200


def test_host_given_to_serve_is_allowed_and_wildcard_allows_any():
    assert client(host="192.168.1.5").get("/healthz", headers={"Host": "192.168.1.5:8000"}).status_code == 200
    assert client(host="192.168.1.5").get("/healthz", headers={"Host": "10.0.0.1"}).status_code == 400
    assert client(host="0.0.0.0").get("/healthz", headers={"Host": "reviewer-pc:8000"}).status_code == 200


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}])
def test_cross_site_post_is_refused(headers):
    c = client()
    r = c.post("/api/check", files=files(), headers=headers)
    assert r.status_code == 403 and "跨站" in r.json()["error"]
    r = c.post("/check", files=files(), headers=headers)
    assert r.status_code == 403 and "跨站" in r.text


@pytest.mark.parametrize("headers", [{}, {"Origin": "http://127.0.0.1:8000"}, {"Origin": "http://localhost:8000", "Sec-Fetch-Site": "same-origin"}])
def test_same_origin_and_programs_may_post(headers):
    assert client().post("/api/check", files=files(), headers=headers).status_code == 200


def test_concurrent_downloads_build_one_copy(monkeypatch):
    real = service.annotate_function()
    calls = []
    started = threading.Event()

    def counting(*args):
        calls.append(1)
        started.set()
        return real(*args)

    monkeypatch.setattr(service, "annotate_function", lambda: counting)
    checker = service.Checker(Settings())
    from fazhi.schema import load_profile

    batch = checker.check([service.Incoming(SEED.name, SEED.open("rb"))], load_profile("township"))
    token = batch.results[0].download
    results = []
    threads = [threading.Thread(target=lambda: results.append(checker.annotated(token))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(calls) == 1 and len(results) == 4 and len({id(r) for r in results}) == 1
    assert results[0].data.startswith(b"PK")
