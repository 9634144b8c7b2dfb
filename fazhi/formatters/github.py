"""GitHub Actions workflow commands: one annotation per finding.

    ::error file=reports/a.docx,line=22,col=1,endColumn=10,title=fazhi causes-missing::…

`line` is the paragraph index (a report has no lines; GitHub shows the number
next to the file). Findings about the whole document carry no line. Files that
could not be read are `::error file=…::` with the reason."""

from __future__ import annotations

from fazhi.formatters._common import layout_text, relative_uri_path

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, props: dict, message: str) -> str:
    prop_text = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{kind} {prop_text}::{escape_data(message)}"


def _finding(report, f) -> str:
    props: dict = {"file": relative_uri_path(report.file)}
    if f.paragraph is not None:
        props["line"] = f.paragraph
        if f.start is not None and f.end is not None and f.end > f.start:
            props.update(col=f.start + 1, endColumn=f.end + 1)
    props["title"] = f"fazhi {f.rule}"
    where = f"第{f.paragraph}段：" if f.paragraph else ""
    lines = [f"{where}{f.message}"]
    if f.evidence and f.paragraph:
        lines.append(f"原文：{f.evidence}")
    if f.suggestion:
        lines.append(f"修改：{f.suggestion}")
    lines.append(f"依据：{f.basis}")
    return _command(COMMAND.get(f.severity, "warning"), props, "\n".join(lines))


def render(reports, errors, **_) -> str:
    out: list[str] = []
    for r in reports:
        out.extend(_finding(r, f) for f in r.findings)
        title = f"fazhi 得分 {r.score:g} · {r.grade_short}"
        out.append(_command("notice", {"file": relative_uri_path(r.file), "title": title}, f"{r.verdict}\n得分 {r.score:g} · {r.grade_short}（内容和结构） {layout_text(r)}"))
    for e in errors:
        out.append(_command("error", {"file": relative_uri_path(e.path), "title": "fazhi 无法检查"}, e.reason))
    return "\n".join(out)
