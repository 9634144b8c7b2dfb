"""Load test of `fazhi serve` on 127.0.0.1: a bounded number of POST /api/check
requests (the seed reports in turn), a few at a time; prints errors and latency.

    python benchmarks/load_web.py                  # starts its own server
    python benchmarks/load_web.py --url http://127.0.0.1:8000 --requests 200 --concurrency 4
    python benchmarks/load_web.py --docx           # upload the seeds as .docx instead of .txt
    python benchmarks/load_web.py --page           # POST /check: the HTML page + annotated copy
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def local_server():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "fazhi", "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(url + "/healthz", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("fazhi serve did not start")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def as_docx(txt: Path, folder: Path) -> Path:
    import docx

    d = docx.Document()
    for line in txt.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    out = folder / (txt.stem + ".docx")
    d.save(out)
    return out


async def run(url: str, files: list[tuple[str, bytes]], total: int, concurrency: int, path: str):
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    queue = iter(range(total))

    async def worker(client: httpx.AsyncClient):
        for i in queue:
            name, data = files[i % len(files)]
            start = time.perf_counter()
            try:
                r = await client.post(url + path, files={"files": (name, data)})
                checked = 'data-score="' in r.text if path == "/check" else '"score"' in r.text
                if r.status_code != 200 or not checked:
                    errors[f"HTTP {r.status_code}: {r.text[:80]}"] += 1
            except httpx.HTTPError as exc:
                errors[type(exc).__name__] += 1
            latencies.append(time.perf_counter() - start)

    async with httpx.AsyncClient(timeout=60) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return latencies, errors, elapsed


def report(latencies: list[float], errors: Counter, elapsed: float, concurrency: int, kind: str, path: str) -> None:
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    print(f"POST {path} ({kind} seeds): {len(ms)} requests, {concurrency} concurrent, {elapsed:.1f} s, {len(ms) / elapsed:.1f} req/s")
    print(f"latency ms: p50 {q[49]:.0f}  p95 {q[94]:.0f}  max {ms[-1]:.0f}")
    print(f"errors: {sum(errors.values())}")
    for what, n in errors.most_common():
        print(f"  {n} × {what}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="a running fazhi serve (default: start one on a free port)")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--docx", action="store_true", help="upload the seeds as .docx")
    ap.add_argument("--page", action="store_true", help="POST /check (HTML page, annotated copy) instead of /api/check")
    args = ap.parse_args()
    if args.url and not args.url.startswith(("http://127.0.0.1", "http://localhost")):
        raise SystemExit("load tests run against 127.0.0.1 only")
    total = max(1, min(args.requests, 1000))
    concurrency = max(1, min(args.concurrency, 16))
    with tempfile.TemporaryDirectory() as tmp:
        paths = [as_docx(p, Path(tmp)) for p in SEEDS] if args.docx else SEEDS
        files = [(p.name, p.read_bytes()) for p in paths]
    path = "/check" if args.page else "/api/check"
    if args.url:
        result = asyncio.run(run(args.url.rstrip("/"), files, total, concurrency, path))
    else:
        with local_server() as url:
            result = asyncio.run(run(url, files, total, concurrency, path))
    report(*result, concurrency, "docx" if args.docx else "txt", path)
    return 1 if result[1] else 0


if __name__ == "__main__":
    sys.exit(main())
