"""The FastAPI application: HTML pages for people, /api/ for programs.

Every page and endpoint calls the same functions as the CLI; this module only
translates HTTP to those calls and back."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from fazhi.errors import ProfileError
from fazhi.web import catalogue, forms
from fazhi.web.forms import FormError, TemplateRequest
from fazhi.web.guard import RequestGuard, allowed_hosts
from fazhi.web.pages import STATIC_DIR, render
from fazhi.web.service import Checker
from fazhi.web.settings import Settings

log = logging.getLogger("fazhi.web")

HTTP_MESSAGES = {
    404: "页面不存在，请从页面顶部的导航进入",
    405: "不支持该请求方式",
    413: "上传内容太大",
}
INTERNAL = "服务器内部错误，请重试；如仍出错，请把操作步骤告诉维护者"

CHECK_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["files"],
                "properties": {
                    "files": {"type": "array", "items": {"type": "string", "format": "binary"}, "description": ".docx/.txt/.md 报告，可多个"},
                    "profile": {"type": "string", "description": "配置档名称，默认为服务启动时的 --profile"},
                    "published": {"type": "boolean", "description": "网站发布版：不要求主送机关，跳过网页栏目文字（同 --published）"},
                    "title": {"type": "string", "description": "网站发布版没有标题时给出的报告标题（同 --title），否则从文件名读取"},
                },
            }
        }
    },
}


@asynccontextmanager
async def _lifespan(app: FastAPI):
    """The check processes (`--workers`) fork at start, before any request thread."""
    app.state.checker.start()
    try:
        yield
    finally:
        app.state.checker.close()


def build_app(settings: Settings) -> FastAPI:
    app = FastAPI(
        lifespan=_lifespan,
        title="fazhi 法治政府建设年度报告检查",
        description="与命令行 `fazhi check` 相同的检查；JSON 格式见 docs/contract.md。",
        docs_url=None,  # Swagger UI loads its JS from a CDN; /docs is a local page instead
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.profiles = forms.Profiles(settings)  # raises ProfileError for a bad profile or config
    app.state.checker = Checker(settings)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.add_middleware(RequestGuard, hosts=allowed_hosts(settings.host))
    _install_error_handlers(app)
    _html_routes(app)
    _api_routes(app)
    from fazhi.season.web import install

    install(app)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: str) -> Response:
    if _is_api(request):
        return JSONResponse({"error": message}, status_code=status)
    return HTMLResponse(render("error.html", message=message, status=status), status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = HTTP_MESSAGES.get(exc.status_code) or (exc.detail if _has_chinese(exc.detail) else f"请求无效（HTTP {exc.status_code}）")
        return _error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        return _error(request, 422, forms.explain_validation(exc.errors()))

    @app.exception_handler(FormError)
    async def rejected(request: Request, exc: FormError):
        if _is_api(request):
            return JSONResponse({"error": exc.message}, status_code=exc.status)
        return HTMLResponse(_check_page(request, error=exc.message), status_code=exc.status)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        log.exception("internal error on %s", request.url.path)
        return _error(request, 500, INTERNAL)


def _has_chinese(text) -> bool:
    return isinstance(text, str) and any("\u4e00" <= c <= "\u9fff" for c in text)


def _check_page(request: Request, **context) -> str:
    settings: Settings = request.app.state.settings
    profiles: forms.Profiles = request.app.state.profiles
    context.setdefault("selected", profiles.default_name)
    return render("check.html", active="/", profiles=profiles.choices(), settings=settings, **context)


async def _check_uploads(request: Request, *, annotate: bool):
    settings: Settings = request.app.state.settings
    async with forms.limited_form(request, settings) as form:
        files = forms.uploads(form)
        profile = forms.published_options(form, request.app.state.profiles.get(form.get("profile")))
        batch = await run_in_threadpool(lambda: request.app.state.checker.check(files, profile, annotate=annotate))
    return batch, profile


def _attachment(data: bytes, media_type: str, filename: str, fallback: str) -> Response:
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition})


def _html_routes(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def check_form(request: Request):
        return _check_page(request)

    @app.post("/check", response_class=HTMLResponse, include_in_schema=False)
    async def check_files(request: Request):
        batch, profile = await _check_uploads(request, annotate=True)
        views = [catalogue.file_view(r, profile, i) for i, r in enumerate(batch.results, start=1)]
        from fazhi.checker.report import RANKING_NOTE, rank_key

        ranked = sorted((v for v in views if v["report"] is not None), key=lambda v: rank_key(v["report"]))
        return _check_page(request, files=views, ranked=ranked, ranking_note=RANKING_NOTE, selected=profile.name,
                           published=profile.meta.published, given_title=profile.meta.given_title)

    @app.get("/download/{token}", include_in_schema=False)
    async def download(request: Request, token: str):
        try:
            item = await run_in_threadpool(request.app.state.checker.annotated, token)
        except Exception:
            log.exception("could not annotate for download %s", token)
            return _error(request, 500, "生成批注稿时程序内部出错（不是文件的问题），检查结果仍然有效；请把该文件发给维护者")
        if item is None:
            minutes = request.app.state.settings.cache_seconds // 60
            return _error(request, 404, f"下载链接已失效（批注稿只保留 {minutes} 分钟），请重新上传文件检查后再下载")
        return _attachment(item.data, item.media_type, item.filename, "fazhi-download" + (Path(item.filename).suffix or ".docx"))

    @app.get("/template", response_class=HTMLResponse, include_in_schema=False)
    async def template_form(request: Request):
        return _template_page(request, TemplateRequest(profile=request.app.state.profiles.default_name))

    @app.post("/template", include_in_schema=False)
    async def template_download(request: Request):
        async with forms.limited_form(request, request.app.state.settings) as form:
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
        try:
            req = forms.template_request(fields)
            return await run_in_threadpool(_build_template, req, request.app.state.profiles)
        except FormError as exc:
            return HTMLResponse(_template_page(request, fields, error=str(exc)), status_code=exc.status)

    @app.get("/rules", response_class=HTMLResponse, include_in_schema=False)
    async def rules_page():
        return render("rules.html", active="/rules", groups=catalogue.rule_groups())

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def api_page(request: Request):
        base = str(request.base_url).rstrip("/")  # the address the reader used, not a fixed port
        return render("api.html", active="/docs", endpoints=catalogue.endpoints(request.app.openapi()), settings=request.app.state.settings, base=base)


def _template_page(request: Request, values, **context) -> str:
    if isinstance(values, TemplateRequest):
        values = values.model_dump()
    values = {"year": date.today().year - 1, **{k: v for k, v in values.items() if v not in (None, "")}}
    return render(
        "template.html",
        active="/template",
        profiles=request.app.state.profiles.choices(),
        values=values,
        available=forms.template_builders() is not None,
        **context,
    )


def _build_template(req: TemplateRequest, profiles: forms.Profiles) -> Response:
    builders = forms.template_builders()
    if builders is None:
        raise FormError("本机安装的 fazhi 没有模板生成功能，请升级 fazhi 后再试", 501)
    profile = profiles.get(req.profile)
    build_docx, build_markdown = builders
    kw = {"entity": req.entity or None, "year": req.year, "addressee": req.addressee or None, "signer": req.signer or None}
    try:
        if req.format == "md":
            text = build_markdown(profile, **kw)
            return _attachment(text.encode("utf-8"), "text/markdown; charset=utf-8", f"{req.filename_stem()}.md", "fazhi-template.md")
        data = build_docx(profile, **kw)
    except ProfileError as exc:
        raise FormError(str(exc), 422) from None
    from fazhi.web.service import DOCX_MEDIA

    return _attachment(data, DOCX_MEDIA, f"{req.filename_stem()}.docx", "fazhi-template.docx")


async def _derived(request: Request, kind: str) -> Response:
    """One uploaded file → its fixed (kind "fix") or re-laid-out ("format") copy."""
    settings: Settings = request.app.state.settings
    async with forms.limited_form(request, settings) as form:
        files = forms.uploads(form)
        if len(files) != 1:
            return JSONResponse({"error": "请只上传一个文件"}, status_code=422)
        profile = forms.published_options(form, request.app.state.profiles.get(form.get("profile")))
        as_json = form.get("format") == "json"
        result = await run_in_threadpool(request.app.state.checker.derive, files[0], profile, kind, as_json)
    if isinstance(result, dict):
        return JSONResponse(result, status_code=422 if "error" in result else 200)
    return _attachment(result.data, result.media_type, result.filename, "fazhi-download" + (Path(result.filename).suffix or ".docx"))


def _api_routes(app: FastAPI) -> None:
    @app.post(
        "/api/check",
        summary="检查报告",
        description=(
            "上传一个或多个报告（字段 files）。一个文件：返回该文件的结果对象（与 `fazhi check --format json` 相同），"
            "文件本身有问题时返回 HTTP 422 和 {\"file\", \"error\"}。多个文件：返回数组，HTTP 200，"
            "有问题的文件在数组中为 {\"file\", \"error\"}。文件过多或过大：HTTP 413 和 {\"error\"}。"
        ),
        openapi_extra={"requestBody": CHECK_BODY},
    )
    async def api_check(request: Request):
        batch, _ = await _check_uploads(request, annotate=False)  # JSON has no download link
        data = [r.to_json() for r in batch.results]
        if len(data) == 1:
            return JSONResponse(data[0], status_code=422 if batch.results[0].error else 200)
        return JSONResponse(data)

    @app.post(
        "/api/template",
        summary="生成报告模板",
        description="按配置档生成年度报告模板：format 为 docx（默认）或 md，返回文件内容。",
        responses={200: {"content": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document": {}, "text/markdown": {}}}},
    )
    async def api_template(request: Request, req: Optional[TemplateRequest] = None):
        try:
            return await run_in_threadpool(_build_template, req or TemplateRequest(), request.app.state.profiles)
        except FormError as exc:
            return JSONResponse({"error": str(exc)}, status_code=exc.status)

    @app.post(
        "/api/fix",
        summary="自动修改（修订稿）",
        description=(
            "上传一个报告（字段 files）。返回加上确定修改的副本：.docx 中为修订（w:ins/w:del，作者 fazhi），"
            ".txt/.md 为改好的文本；字段 format=json 时返回 {\"file\", \"fixes\": [{\"rule\", \"location\", \"before\", \"after\"}], \"skipped\"}"
            "（与 `fazhi fix --format json` 相同）。文件有问题：HTTP 422 和 {\"file\", \"error\"}。"
        ),
        openapi_extra={"requestBody": CHECK_BODY},
    )
    async def api_fix(request: Request):
        return await _derived(request, "fix")

    @app.post(
        "/api/format",
        summary="按 GB/T 9704 重新排版",
        description="上传一个 .docx 报告（字段 files），返回重新排版的副本（与 `fazhi format` 相同）；文字、表格、批注和修订不变。文件有问题：HTTP 422 和 {\"file\", \"error\"}。",
        openapi_extra={"requestBody": CHECK_BODY},
    )
    async def api_format(request: Request):
        return await _derived(request, "format")

    @app.get("/api/rules", summary="检查规则目录", description="与 `fazhi rules` 相同的规则清单，含依据、说明和正反示例。")
    async def api_rules():
        return catalogue.rules_json()

    @app.get("/api/profiles", summary="可用配置档")
    async def api_profiles(request: Request):
        return request.app.state.profiles.choices()

    @app.get("/healthz", summary="运行状态", include_in_schema=False)
    async def health():
        return {"status": "ok"}
