"""Text, JSON and HTML of a `Comparison` (fazhi compare)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from fazhi.formatters import display_path
from fazhi.season.compare import Comparison

FORMATS = ("text", "json", "html")
STATUS_LABEL = {"done": "已落实", "not-mentioned": "未提及"}


def _who(report) -> str:
    return f"{report.entity or '主体未识别'} {report.year or '年度未识别'}年"


def _clip(text: str, width: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def notes(cmp: Comparison) -> list[str]:
    """What the reviewer should know before reading the result."""
    out = []
    if cmp.this.entity and cmp.last.entity and cmp.this.entity != cmp.last.entity:
        out.append(f"两份报告的主体不同（{cmp.this.entity} / {cmp.last.entity}），请确认是同一单位的报告")
    if cmp.this.year and cmp.last.year and cmp.this.year <= cmp.last.year:
        out.append(f"“今年”的报告年度（{cmp.this.year}）不晚于“去年”的（{cmp.last.year}），请检查两个文件的顺序")
    if not cmp.plan:
        out.append("去年的报告没有可对照的下一年度安排（缺少该部分或只有笼统表述）")
    return out


def render_text(cmp: Comparison) -> str:
    lines = [
        f"今年：{display_path(cmp.this.file)}（{_who(cmp.this)}）",
        f"去年：{display_path(cmp.last.file)}（{_who(cmp.last)}）",
    ]
    lines += [f"注意：{n}" for n in notes(cmp)]
    lines.append("")
    lines.append(f"一、沿用去年的段落：{len(cmp.carried)} 段，占今年正文的 {cmp.share:.0%}")
    for c in cmp.carried:
        lines.append(f"  今年第{c.this}段 ← 去年第{c.last}段（相似度 {c.similarity:.2f}）：{_clip(c.text)}")
    lines.append("")
    lines.append(f"二、与去年相同的数字：{len(cmp.figures)} 处")
    for f in cmp.figures:
        lines.append(f"  {f.text}（今年第{f.this}段；去年第{f.last}段：{f.last_text}）")
    lines.append("")
    done = len(cmp.done)
    lines.append(f"三、去年的下一年度安排：共 {len(cmp.plan)} 项，今年报告已落实 {done} 项，未提及 {len(cmp.plan) - done} 项")
    for m in cmp.plan:
        lines.append(f"  [{STATUS_LABEL[m.status]}] 去年第{m.last}段：{_clip(m.measure)}")
        if m.status == "done":
            lines.append(f"           今年第{m.this}段：{_clip(m.evidence)}")
    return "\n".join(lines) + "\n"


def render_json(cmp: Comparison) -> str:
    return json.dumps(cmp.to_dict(), ensure_ascii=False, indent=2) + "\n"


def view(cmp: Comparison) -> dict:
    """Plain data for the HTML templates (the CLI page and the web page)."""
    return {
        "this": {**cmp.to_dict()["this"], "file": display_path(cmp.this.file), "who": _who(cmp.this)},
        "last": {**cmp.to_dict()["last"], "file": display_path(cmp.last.file), "who": _who(cmp.last)},
        "notes": notes(cmp),
        "share": f"{cmp.share:.0%}",
        "carried": [c.__dict__ for c in cmp.carried],
        "figures": [f.__dict__ for f in cmp.figures],
        "plan": [{**m.__dict__, "label": STATUS_LABEL[m.status]} for m in cmp.plan],
        "done": len(cmp.done),
    }


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).with_name("templates"))),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render_html(cmp: Comparison) -> str:
    from fazhi import __version__

    return _environment().get_template("compare.html.j2").render(version=__version__, **view(cmp))


def render(cmp: Comparison, fmt: str) -> str:
    return {"text": render_text, "json": render_json, "html": render_html}[fmt](cmp)


def season_lines(report) -> list[str]:
    """What `--history` adds under a report's header: the changes since the
    previous version and the findings reviewers set aside."""
    lines = []
    history = report.extra.get("history")
    if history:
        lines.append(
            history["summary"] + (f"（上一稿 {history['previous_score']:g} 分）" if history.get("previous_score") is not None else "")
        )
    dismissed = report.extra.get("dismissed") or []
    if dismissed:
        reasons = "、".join(sorted({d.get("reason") or "" for d in dismissed} - {""}))
        lines.append(
            f"审核人员已排除 {len(dismissed)} 条意见（{reasons}），不计分："
            + "；".join(f"第{d['location'].get('paragraph', '—')}段 {d['rule']}" for d in dismissed)
        )
    return lines


def render_body(data: dict):
    """The comparison as an HTML fragment (the web page embeds it)."""
    from markupsafe import Markup

    return Markup(_environment().get_template("_compare_body.html.j2").render(**data))
