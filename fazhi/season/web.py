"""The season on the web page (`fazhi serve`): copying between the uploaded
reports, the history when the server runs with `--history FILE`, the compare
page with two uploads, the history pages and the reviewer's decisions.
FastAPI routes only translate HTTP to the functions the CLI uses."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from fazhi.errors import InputError
from fazhi.web.forms import FormError


# ---------------------------------------------------------------- pages


def _render(name: str, **context) -> str:
    from fazhi.web.pages import render

    return render(name, **context)


def _history_path(request: Request) -> Path | None:
    return getattr(request.app.state.settings, "history", None)


def _compare_uploads(form, profile):
    from fazhi.checker import check_path
    from fazhi.web.service import display_name, safe_suffix

    parts = {key: form.get(key) for key in ("this", "last")}
    missing = [
        label
        for key, label in (("this", "今年的报告"), ("last", "去年的报告"))
        if not isinstance(parts[key], UploadFile) or not parts[key].filename
    ]
    if missing:
        raise FormError(f"请同时上传今年和去年的报告（缺少：{'、'.join(missing)}）", 400)
    reports = []
    with tempfile.TemporaryDirectory(prefix="fazhi-web-") as tmp:
        for key in ("this", "last"):
            upload = parts[key]
            name = display_name(upload.filename)
            stored = Path(tmp) / f"{key}{safe_suffix(name)}"
            with stored.open("wb") as out:
                shutil.copyfileobj(upload.file, out)
            try:
                report = check_path(stored, profile)
            except InputError as exc:
                raise FormError(f"{name}：{exc.reason.replace(str(stored), name)}", 422) from None
            report.file = name
            reports.append(report)
    from fazhi.season.compare import compare

    return compare(*reports)


def install(app: FastAPI) -> None:
    """Add the season's pages and endpoints to the web app."""
    from fazhi.web import forms

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    async def compare_form(request: Request):
        return _render("compare.html", active="/compare")

    @app.post("/compare", response_class=HTMLResponse, include_in_schema=False)
    async def compare_page(request: Request):
        from fazhi.season.render import render_body, view

        async with forms.limited_form(request, request.app.state.settings) as form:
            profile = request.app.state.profiles.get(form.get("profile"))
            try:
                result = await run_in_threadpool(_compare_uploads, form, profile)
            except FormError as exc:
                return HTMLResponse(_render("compare.html", active="/compare", error=exc.message), status_code=exc.status)
        return _render("compare.html", active="/compare", body=render_body(view(result)))

    @app.post(
        "/api/compare",
        summary="与去年的报告对比",
        description="上传 this（今年）和 last（去年）两个报告，返回与 `fazhi compare --format json` 相同的结果。",
    )
    async def api_compare(request: Request):
        async with forms.limited_form(request, request.app.state.settings) as form:
            profile = request.app.state.profiles.get(form.get("profile"))
            try:
                result = await run_in_threadpool(_compare_uploads, form, profile)
            except FormError as exc:
                return JSONResponse({"error": exc.message}, status_code=exc.status)
        return result.to_dict()

    @app.get("/history", response_class=HTMLResponse, include_in_schema=False)
    async def history_page(request: Request):
        path = _history_path(request)
        units = await run_in_threadpool(_units, path) if path else None
        return _render("history.html", active="/history", units=units, enabled=path is not None)

    @app.get("/history/{unit}", response_class=HTMLResponse, include_in_schema=False)
    async def unit_page(request: Request, unit: str):
        path = _history_path(request)
        if path is None:
            return _render("history.html", active="/history", units=None, enabled=False)
        data = await run_in_threadpool(_unit, path, unit)
        if data is None:
            return HTMLResponse(_render("error.html", message=f"历史记录中没有“{unit}”的检查记录", status=404), status_code=404)
        return _render("history_unit.html", active="/history", unit=unit, **data)

    @app.post("/history/decide", include_in_schema=False)
    async def decide(request: Request):
        path = _history_path(request)
        async with forms.limited_form(request, request.app.state.settings) as form:
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
        if path is None:
            raise FormError("服务启动时没有指定历史记录文件（fazhi serve --history FILE），无法记录处理意见", 400)
        unit, decision = fields.get("unit", ""), fields.get("decision", "")
        if decision not in ("dismissed", "confirmed"):
            raise FormError("处理方式只能是排除或确认", 400)
        try:
            await run_in_threadpool(
                _decide, path, unit, fields.get("fingerprint", ""), decision, fields.get("reason") or None, fields.get("note", "")
            )
        except ValueError as exc:
            data = await run_in_threadpool(_unit, path, unit)
            if data is None:
                raise FormError(str(exc), 404) from None
            return HTMLResponse(_render("history_unit.html", active="/history", unit=unit, error=str(exc), **data), status_code=422)
        from urllib.parse import quote

        return RedirectResponse(f"/history/{quote(unit)}", status_code=303)


def _units(path: Path):
    from fazhi.season.history import History

    with History(path) as h:
        return [{"unit": u, "versions": n, "year": y, "score": s} for u, n, y, s in h.units()]


def _unit(path: Path, unit: str):
    from fazhi.season.history import DISMISS_REASONS, History

    with History(path) as h:
        versions = h.versions(unit)
        if not versions:
            return None
        rows = [{**v.__dict__, "summary": h.changes(v.check_id).summary()} for v in versions]
        return {"versions": rows, "findings": h.findings(versions[-1].check_id), "reasons": DISMISS_REASONS}


def _decide(path: Path, unit: str, fingerprint: str, decision: str, reason: str | None, note: str) -> None:
    from fazhi.season.history import History

    with History(path) as h:
        h.decide(unit, fingerprint, decision, reason, note)
