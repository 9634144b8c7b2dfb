"""Jinja2 rendering of the HTML pages (autoescaped; templates/ next to this file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fazhi import __version__

TEMPLATE_DIR = Path(__file__).with_name("templates")
STATIC_DIR = Path(__file__).with_name("static")
NAV = (("/", "检查报告"), ("/compare", "与去年对比"), ("/history", "检查历史"), ("/template", "生成模板"), ("/rules", "检查规则"), ("/docs", "接口说明"))


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(nav=NAV, version=__version__)
    env.filters["points"] = lambda p: f"{p:g}" if p else ""
    return env


def render(name: str, **context) -> str:
    context.setdefault("active", "")
    return environment().get_template(name).render(**context)
