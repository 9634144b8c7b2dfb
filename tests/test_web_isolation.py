"""`fazhi serve` checks in forked worker processes with a hard stop at the
per-file time budget: a slow check is refused with the limit named, a worker
that ignores the stop is killed and replaced, and other files still work."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from fazhi.checker import engine  # noqa: E402
from fazhi.limits import Limits  # noqa: E402
from fazhi.web import Settings, create_app  # noqa: E402

from conftest import SEEDS  # noqa: E402

SEED = SEEDS / "001_f4cae163528c1ce9.txt"


def served(**settings) -> TestClient:
    """A client whose app has started (startup forks the workers)."""
    return TestClient(create_app(Settings(**settings)), raise_server_exceptions=False, base_url="http://127.0.0.1")


def post(client, name: str, data: bytes):
    return client.post("/api/check", files=[("files", (name, data, "text/plain"))])


def test_workers_give_the_same_result_as_threads():
    with served(workers=1) as client:
        assert client.app.state.checker.pool is not None
        pooled = post(client, SEED.name, SEED.read_bytes()).json()
    threaded = post(served(), SEED.name, SEED.read_bytes()).json()
    assert (pooled["score"], [f["rule"] for f in pooled["findings"]]) == (threaded["score"], [f["rule"] for f in threaded["findings"]])


def test_a_large_text_beyond_a_tiny_budget_is_refused_with_the_limit_named():
    text = ("一、主要举措和成效\n" + "全镇开展普法宣传活动12场次，调解矛盾纠纷58件，化解率100%。\n" * 20_000).encode()
    with served(workers=1, limits=Limits(seconds=0.01)) as client:
        response = post(client, "big.txt", text)
    assert response.status_code == 422
    error = response.json()["error"]
    assert "检查用时超过 0.01 秒" in error and "--max-seconds" in error


def test_a_check_that_never_ticks_is_stopped_in_its_worker(monkeypatch):
    import time

    def stuck(*args, **kwargs):
        time.sleep(5)  # a slow rule between two ticks; SIGALRM interrupts it
        raise AssertionError("the budget did not stop the check")

    monkeypatch.setattr(engine, "check_document", stuck)  # before the workers fork
    with served(workers=1, limits=Limits(seconds=0.3)) as client:
        response = post(client, "slow.txt", SEED.read_bytes())
    assert response.status_code == 422
    assert "检查用时超过 0.3 秒" in response.json()["error"]


def test_a_worker_that_ignores_the_stop_is_killed_and_replaced(monkeypatch):
    import signal
    import time

    def deaf(*args, **kwargs):
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        time.sleep(30)

    real = engine.check_document
    monkeypatch.setattr(engine, "check_document", lambda doc, *a, **kw: deaf() if any("停住" in p.text for p in doc.paragraphs) else real(doc, *a, **kw))
    with served(workers=1, limits=Limits(seconds=0.2)) as client:
        first = client.app.state.checker.pool._pool
        response = post(client, "deaf.txt", "停住\n一、主要举措和成效\n".encode())
        assert response.status_code == 422 and "检查用时超过 0.2 秒" in response.json()["error"]
        assert client.app.state.checker.pool._pool is not first  # replaced
        after = post(client, SEED.name, SEED.read_bytes())
        assert after.status_code == 200 and after.json()["score"] > 0


def test_without_workers_nothing_is_forked():
    with served() as client:
        assert client.app.state.checker.pool is None


def test_serve_refuses_a_budget_that_is_not_positive():
    from typer.testing import CliRunner

    from fazhi.cli.app import app

    result = CliRunner().invoke(app, ["serve", "--max-seconds", "0", "--port", "1"])
    assert result.exit_code == 2 and "--max-seconds 必须大于 0" in result.output
    assert "Traceback" not in result.output
