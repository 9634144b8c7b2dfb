"""Reading requests: the upload form with its limits, the profile choice,
the template form. Every rejection is a `FormError` with a Chinese message."""

from __future__ import annotations

import re
from contextlib import asynccontextmanager
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from fazhi.errors import ProfileError
from fazhi.web.service import Incoming
from fazhi.web.settings import MB, Settings

FIELD_LABEL = {"profile": "配置档", "entity": "主体名称", "year": "年度", "addressee": "主送机关", "signer": "署名", "format": "格式"}


class FormError(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


class _BodyTooLarge(Exception):
    pass


def _limited(receive, limit: int):
    """Wrap ASGI receive so a body without Content-Length cannot exceed `limit`."""
    seen = 0

    async def wrapped():
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            raise _BodyTooLarge()
        return message

    return wrapped


def _too_big(settings: Settings) -> FormError:
    return FormError(f"上传内容超过 {settings.max_total_bytes / MB:g} MB 的上限，请分批上传", 413)


def _unparsable(detail: str, settings: Settings) -> FormError:
    if "Too many files" in detail:
        return FormError(f"一次最多上传 {settings.max_files} 个文件，请分批上传", 413)
    return FormError("上传内容无法解析，请重新选择文件上传", 400)


@asynccontextmanager
async def limited_form(request: Request, settings: Settings):
    """The request's form data, within the size and file-count limits; closed afterwards."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > settings.max_total_bytes:
        raise _too_big(settings)
    limited = Request(request.scope, _limited(request.receive, settings.max_total_bytes))
    try:
        form = await limited.form(max_files=settings.max_files, max_fields=50)
    except _BodyTooLarge:
        raise _too_big(settings) from None
    except MultiPartException as exc:
        raise _unparsable(exc.message, settings) from None
    except HTTPException as exc:
        raise _unparsable(str(exc.detail), settings) from None
    try:
        yield form
    finally:
        await form.close()


def uploads(form) -> list[Incoming]:
    files = [
        Incoming(v.filename or "", v.file, v.size)
        for _, v in form.multi_items()
        if isinstance(v, UploadFile) and (v.filename or v.size)  # browsers send an empty part when nothing is picked
    ]
    if not files:
        raise FormError("没有收到文件：请选择或拖入 .docx、.txt 或 .md 格式的报告后再点“开始检查”", 400)
    return files


TRUE_WORDS = {"1", "true", "on", "yes"}
FALSE_WORDS = {"", "0", "false", "off", "no"}
MAX_TITLE = 80


def published_options(form, profile):
    """The profile with the form's 网站发布版 choice (`published`) and report title
    (`title`), as `fazhi check --published --title` set them."""
    raw = str(form.get("published") or "").strip().lower()
    if raw not in TRUE_WORDS | FALSE_WORDS:
        raise FormError(f"网站发布版（published）只能是 true 或 false，收到“{raw[:20]}”", 422)
    title = str(form.get("title") or "").strip()
    if len(title) > MAX_TITLE:
        raise FormError(f"报告标题（title）不能超过 {MAX_TITLE} 个字，请只填写标题本身", 422)
    if title and raw not in TRUE_WORDS:
        raise FormError("报告标题（title）只用于网站发布版：请同时勾选“网站发布版”（published=true），或清空标题", 422)
    if raw not in TRUE_WORDS:
        return profile
    meta = profile.meta.model_copy(update={"published": True, "given_title": title or profile.meta.given_title})
    return profile.model_copy(update={"meta": meta})


class Profiles:
    """The profiles a user can pick: the built-in ones and the server's default
    (`--profile`, or the configuration file's). A county's configuration file
    (`--config`) applies to every choice, as it does for `fazhi check`.
    Only listed names are accepted: a form value is never used as a path."""

    def __init__(self, settings: Settings):
        from fazhi.config import load_config, resolve_settings

        resolved = resolve_settings([], profile=settings.profile, config=settings.config, use_config=False)
        self.default = resolved.profile
        self._config = (load_config(settings.config), settings.config) if settings.config else None

    @property
    def default_name(self) -> str:
        return self.default.name

    def names(self) -> list[str]:
        from fazhi.schema import available_profiles

        names = available_profiles()
        return names if self.default_name in names else [*names, self.default_name]

    def choices(self) -> list[dict]:
        out = []
        for n in self.names():
            description = self._description(n)
            short = re.split(r"，|（《", description)[0][:24]
            out.append({"name": n, "default": n == self.default_name, "description": description, "label": f"{n}：{short}" if short else n})
        return out

    def _description(self, name: str) -> str:
        try:
            return self.get(name).description
        except FormError:
            return ""

    def get(self, name: str | None):
        from fazhi.config import apply_config
        from fazhi.loading import prepare
        from fazhi.schema import load_profile

        name = name or self.default_name
        if name == self.default_name:
            return self.default
        if name not in self.names():
            raise FormError(f"未知的配置档“{name[:40]}”，可选：{'、'.join(self.names())}", 422)
        try:
            profile = load_profile(name)
            return prepare(apply_config(profile, *self._config) if self._config else profile, name)
        except ProfileError as exc:
            raise FormError(str(exc), 422) from None


class TemplateRequest(BaseModel):
    """What the template form and POST /api/template accept."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    profile: str = Field("", description="配置档名称；空则用服务默认配置档")
    entity: str = Field("", max_length=40, description="报告主体，如“岘山镇”")
    year: int = Field(default_factory=lambda: date.today().year - 1, ge=2000, le=2100, description="报告年度")
    addressee: str = Field("", max_length=40, description="主送机关，如“县委依法治县办”；空则用配置档默认值")
    signer: str = Field("", max_length=60, description="发文机关署名，如“中共岘山镇委员会 岘山镇人民政府”")
    format: Literal["docx", "md"] = Field("docx", description="docx 或 md")

    def filename_stem(self) -> str:
        entity = "".join(c for c in self.entity if c.isalnum())
        return f"{entity}{self.year}年度法治政府建设情况报告（模板）"


def template_request(fields: dict) -> TemplateRequest:
    try:
        return TemplateRequest.model_validate(fields)
    except ValidationError as exc:
        raise FormError(explain_validation(exc.errors()), 422) from None


def _reason(err: dict) -> str:
    ctx = err.get("ctx") or {}
    kind = err.get("type", "")
    if kind == "missing":
        return "必须填写"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "须为整数（如 2024）"
    if kind == "greater_than_equal":
        return f"不能小于 {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"不能大于 {ctx.get('le')}"
    if kind == "string_too_long":
        return f"不能超过 {ctx.get('max_length')} 个字"
    if kind == "literal_error":
        return f"只能是 {ctx.get('expected')}"
    if kind == "extra_forbidden":
        return "未知字段，请检查拼写"
    if kind == "json_invalid":
        return "不是有效的 JSON"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return '须为 JSON 对象，如 {"entity": "岘山镇", "year": 2024}'
    return "格式不对"


def explain_validation(errors) -> str:
    parts = []
    for err in list(errors)[:5]:
        names = [x for x in err.get("loc", ()) if isinstance(x, str) and x != "body"]
        name = names[-1] if names else ""
        label = FIELD_LABEL.get(name, name or "请求体")
        parts.append(f"{label}：{_reason(err)}")
    return "请求内容无效：" + "；".join(parts)


def template_builders():
    """(build_docx, build_markdown) from fazhi.templates, imported on first use."""
    from fazhi.templates import build_docx, build_markdown

    return build_docx, build_markdown
