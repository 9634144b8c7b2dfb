"""JUnit XML for CI test reports (GitLab `artifacts:reports:junit`, Jenkins, Azure).

One testcase per report file. Each error finding is a <failure> (with
`fail_on="warning"` warnings are too); a report under the minimum score without
errors gets one failure saying so. Other findings go to <system-out>. A file
that could not be read is a testcase with an <error>.

Counts: tests = files, failures = failed files, errors = unreadable files."""

from __future__ import annotations

from lxml import etree

from fazhi.formatters._common import SEVERITY_LABEL, display_path, layout_text, xml_safe


def _where(f) -> str:
    return f"第{f.paragraph}段 " if f.paragraph else ""


def _failure_text(f) -> str:
    lines = []
    if f.evidence and f.paragraph:
        lines.append(f"原文：{f.evidence}")
    if f.suggestion:
        lines.append(f"修改：{f.suggestion}")
    lines.append(f"依据：{f.basis}")
    return xml_safe("\n".join(lines))


def _is_failure(f, fail_on: str) -> bool:
    return f.severity == "error" or (fail_on == "warning" and f.severity == "warning")


def _testcase(suite, report, fail_on: str) -> bool:
    """Add the report's testcase; True when it failed."""
    name = xml_safe(display_path(report.file))
    case = etree.SubElement(suite, "testcase", classname="fazhi", name=name, file=name, time="0")
    failures = [f for f in report.findings if _is_failure(f, fail_on)]
    for f in failures:
        el = etree.SubElement(case, "failure", message=xml_safe(f"{_where(f)}[{f.rule}] {f.message}"), type=f.rule)
        el.text = _failure_text(f)
    if not failures and report.score < report.min_score:
        el = etree.SubElement(case, "failure", message=xml_safe(report.verdict), type="min-score")
        el.text = "逐条修改下列警告可提高得分。"
    etree.SubElement(etree.SubElement(case, "properties"), "property", name="verdict", value=xml_safe(report.verdict))
    out = [
        report.verdict,
        f"得分 {report.score:g} · {report.grade_short}（内容和结构） {layout_text(report)} 主体：{report.entity or '未识别'} 年度：{report.year or '未识别'}",
    ]
    out += [
        f"{SEVERITY_LABEL.get(f.severity, f.severity)} {_where(f)}[{f.rule}] {f.message}（依据：{f.basis}）"
        for f in report.findings
        if f not in failures
    ]
    etree.SubElement(case, "system-out").text = xml_safe("\n".join(out))
    return bool(case.findall("failure"))


def build(reports, errors, fail_on: str = "error") -> etree._Element:
    root = etree.Element("testsuites", name="fazhi")
    suite = etree.SubElement(root, "testsuite", name="fazhi")
    failed = sum(_testcase(suite, r, fail_on) for r in reports)
    for e in errors:
        name = xml_safe(display_path(e.path))
        case = etree.SubElement(suite, "testcase", classname="fazhi", name=name, file=name, time="0")
        etree.SubElement(case, "error", message=xml_safe(e.reason), type="input-error").text = xml_safe(e.one_line())
    counts = {"tests": str(len(reports) + len(errors)), "failures": str(failed), "errors": str(len(errors)), "skipped": "0", "time": "0"}
    for el in (root, suite):
        for k, v in counts.items():
            if el is root and k == "skipped":
                continue
            el.set(k, v)
    return root


def render(reports, errors, *, fail_on: str = "error", **_) -> str:
    root = build(reports, errors, fail_on)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True).decode("utf-8")
