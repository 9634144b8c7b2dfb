"""Requests only from this machine's own page: a Host allow-list (DNS rebinding:
a web page on evil.example whose name now resolves to 127.0.0.1 must not reach
the tool) and an Origin check on POST (a cross-site form must not upload or
trigger work). An ASGI middleware, so nothing of a refused request is read."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

LOCAL_NAMES = ("127.0.0.1", "localhost", "::1")
WILDCARDS = ("0.0.0.0", "::", "")


def allowed_hosts(host: str | None) -> frozenset[str] | None:
    """Host names accepted for a server listening on `host`; None = any (the
    user chose to listen on every address, so the LAN names are not known)."""
    if host is not None and host in WILDCARDS:
        return None
    names = set(LOCAL_NAMES)
    if host:
        names.add(host.lower().strip("[]"))
    return frozenset(names)


def host_name(value: str) -> str:
    """"127.0.0.1:8000" → "127.0.0.1", "[::1]:8000" → "::1"."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class RequestGuard:
    def __init__(self, app, hosts: frozenset[str] | None):
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.hosts is None:
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = host_name(headers.get("host", ""))
        if host not in self.hosts:
            return await _refuse(scope, send, 400, f"请求的主机名“{host[:60]}”不是本机地址，已拒绝（fazhi 网页只接受 {'、'.join(sorted(self.hosts))}）；请用启动时显示的地址打开")
        if scope.get("method") == "POST" and not self._same_origin(headers):
            return await _refuse(scope, send, 403, "跨站提交已拒绝：只能在本机打开的 fazhi 网页上提交；请直接在浏览器中打开 fazhi 的地址后再上传")
        return await self.app(scope, receive, send)

    def _same_origin(self, headers: dict) -> bool:
        origin = headers.get("origin")
        if origin is None:  # programs (curl, scripts) send none; browsers always do on POST
            return headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")
        if origin == "null":
            return False
        parts = urlsplit(origin)
        return self.hosts is not None and (parts.hostname or "") in self.hosts and parts.scheme in ("http", "https")


async def _refuse(scope, send, status: int, message: str) -> None:
    if scope.get("path", "").startswith("/api/"):
        body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
        media = "application/json"
    else:
        from fazhi.web.pages import render

        body = render("error.html", message=message, status=status).encode("utf-8")
        media = "text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", media.encode()), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
