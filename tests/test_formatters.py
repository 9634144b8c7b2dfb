"""Every output format, rendered from the seeds, a clean report and a bad file."""

import dataclasses
import json
import re
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from lxml import etree, html

from conftest import SEEDS
from fazhi.batch import check_files, ranked
from fazhi.checker.findings import Finding
from fazhi.checker.rules import registry
from fazhi.errors import InputError
from fazhi.formatters import FORMATS, render
from fazhi.formatters._common import display_path, relative_uri_path
from fazhi.formatters._view import md_escape
from fazhi.schema import load_profile

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = FIXTURES / "e_clean_report.txt"


@pytest.fixture(scope="module")
def batch():
    files = sorted(SEEDS.glob("*.txt")) + [CLEAN]
    result = check_files(files, load_profile("township"), jobs=2)
    errors = [InputError("reports/坏文件.docx", "不是有效的 .docx 文件，请用 Word 重新保存")]
    assert not result.errors
    return result.reports, errors


def offsets_findings(reports):
    return [(r, f) for r in reports for f in r.findings if f.paragraph and f.start is not None and f.end > f.start]


# ---------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def sarif(batch):
    return json.loads(render("sarif", *batch))


def test_sarif_validates_against_the_schema(sarif):
    schema = json.loads((FIXTURES / "sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(sarif)


def test_sarif_validation_is_not_vacuous(sarif):
    schema = json.loads((FIXTURES / "sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))
    broken = json.loads(json.dumps(sarif))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
    broken = json.loads(json.dumps(sarif))
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] = {"startLine": 0}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_sarif_rules_carry_help_from_the_registry(sarif):
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(registry())
    for r in rules:
        rule = registry()[r["id"]]
        assert r["shortDescription"]["text"] == rule.summary
        assert rule.basis in r["help"]["text"] and rule.explanation in r["help"]["text"]
        assert r["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[rule.severity]


def test_sarif_results_locate_paragraphs_and_columns(batch, sarif):
    reports, _ = batch
    results = sarif["runs"][0]["results"]
    findings = [(r, f) for r in reports for f in r.findings]
    assert len(results) == len(findings)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    for res, (report, f) in zip(results, findings):
        assert res["ruleId"] == f.rule and rules[res["ruleIndex"]]["id"] == f.rule
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[f.severity]
        assert f.message in res["message"]["text"] and f.basis in res["message"]["text"]
        loc = res["locations"][0]
        uri = loc["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.isascii() and "://" not in uri and unquote(uri) == relative_uri_path(report.file)
        region = loc["physicalLocation"].get("region")
        if f.paragraph is None:
            assert region is None
            continue
        assert region["startLine"] == f.paragraph and loc["logicalLocations"][0]["name"] == f"第{f.paragraph}段"
        if f.start is not None and f.end > f.start:
            assert (region["startColumn"], region["endColumn"]) == (f.start + 1, f.end + 1)


def test_sarif_bad_input_is_a_notification(sarif):
    inv = sarif["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    note = inv["toolExecutionNotifications"][0]
    assert note["level"] == "error" and "坏文件.docx" in note["message"]["text"]


def test_sarif_fingerprints_are_stable_and_distinct(batch, sarif):
    again = json.loads(render("sarif", *batch))
    prints = [r["partialFingerprints"]["fazhiFinding/v1"] for r in sarif["runs"][0]["results"]]
    assert prints == [r["partialFingerprints"]["fazhiFinding/v1"] for r in again["runs"][0]["results"]]
    assert len(set(prints)) > len(prints) // 2


# ---------------------------------------------------------------- JUnit


def test_junit_counts_and_failures(batch):
    reports, errors = batch
    root = etree.fromstring(render("junit", reports, errors).encode("utf-8"))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == len(reports) + len(errors) == int(suite.get("tests")) == int(root.get("tests"))
    failed = [r for r in reports if not r.passed]
    assert int(suite.get("failures")) == len(failed) == sum(1 for c in cases if c.find("failure") is not None)
    assert int(suite.get("errors")) == len(errors) == sum(1 for c in cases if c.find("error") is not None)
    for case, report in zip(cases, reports):
        errs = [f for f in report.findings if f.severity == "error"]
        fails = case.findall("failure")
        if errs:
            assert [x.get("type") for x in fails] == [f.rule for f in errs]
        elif report.score < report.min_score:
            assert [x.get("type") for x in fails] == ["min-score"]
        else:
            assert fails == []
        out = case.find("system-out").text
        for f in report.findings:
            if f.severity != "error":
                assert f"[{f.rule}] {f.message}" in out


def test_junit_fail_on_warning_and_control_characters(batch):
    reports, _ = batch
    report = dataclasses.replace(
        reports[0], findings=[Finding(rule="placeholder", severity="warning", message="含\x0b控制\x01字符", basis="常见实务")]
    )
    root = etree.fromstring(render("junit", [report], [], fail_on="warning").encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == "[placeholder] 含控制字符"
    assert root.find("testsuite").get("failures") == "1"


# ---------------------------------------------------------------- GitHub


COMMAND_RE = re.compile(r"^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*)(?:,[a-zA-Z]+=[^,:]*)*)::(.*)$")


def test_github_annotations(batch):
    reports, errors = batch
    lines = render("github", reports, errors).splitlines()
    n_findings = sum(len(r.findings) for r in reports)
    assert len(lines) == n_findings + len(reports) + len(errors)
    parsed = [COMMAND_RE.match(line) for line in lines]
    assert all(parsed), [l for l, m in zip(lines, parsed) if not m][:3]
    findings = iter((r, f) for r in reports for f in r.findings)
    for m in parsed:
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        if not props["title"].startswith("fazhi ") or props["title"].startswith(("fazhi 得分", "fazhi 无法")):
            continue
        report, f = next(findings)
        assert m.group(1) == {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
        assert props["title"] == f"fazhi {f.rule}"
        assert props["file"] == relative_uri_path(report.file)
        assert props.get("line") == (str(f.paragraph) if f.paragraph else None)
        assert "\n" not in m.group(3) and "%0A依据：" in m.group(3)
    assert lines[-1] == "::error file=reports/坏文件.docx,title=fazhi 无法检查::不是有效的 .docx 文件，请用 Word 重新保存"


def test_github_escaping():
    from fazhi.formatters.github import escape_data, escape_property

    assert escape_data("100%\r\n好") == "100%25%0D%0A好"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


# ---------------------------------------------------------------- Markdown and HTML


def test_markdown_ranked_table_and_grouped_findings(batch):
    reports, errors = batch
    md = render("md", reports, errors)
    rows = [line for line in md.splitlines() if re.match(r"^\| \d+ \|", line)]
    assert [int(r.split("|")[1]) for r in rows] == list(range(1, len(reports) + 1))
    expected = [Path(r.file).name.replace("_", "\\_") for r in ranked(reports)]
    assert [r.split("|")[2].strip().split("/")[-1] for r in rows] == expected
    assert "### 无法检查的文件" in md and "坏文件.docx" in md
    worst = ranked(reports)[0]
    f = next(f for f in worst.findings if f.paragraph and f.start is not None and f.end > f.start)
    assert f"**{md_escape(f.context[f.start:f.end])}**" in md
    assert "**【全文】**" in md


def test_html_is_self_contained_and_escaped(batch):
    reports, errors = batch
    bad = dataclasses.replace(reports[0], findings=[Finding(rule="placeholder", severity="warning", message="<script>alert(1)</script>", paragraph=1, start=0, end=2, evidence="x", context="<b>标题</b>")])
    page = render("html", [*reports, bad], errors)
    assert "<script" not in page.lower().replace("&lt;script", "")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page and "<link" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<mark>&lt;b</mark>" in page


def test_html_ranking_parts_evidence_and_chart(batch):
    reports, errors = batch
    tree = html.fromstring(render("html", reports, errors))
    rows = tree.xpath("//table/tbody/tr")
    assert [row.xpath("td[2]/a")[0].text for row in rows] == [display_path(r.file) for r in ranked(reports)]
    for row, r in zip(rows, ranked(reports)):
        dots = row.xpath(".//i[contains(@class, 'dot')]/@class")
        assert [d.split("st-")[1] for d in dots] == [p.status for p in r.parts]
    sections = tree.xpath("//section[@class='report']")
    assert len(sections) == len(reports)
    marks = [m.text_content() for m in tree.xpath("//mark")]
    for _, f in offsets_findings(reports):
        assert f.context[f.start : f.end] in marks
    bars = tree.xpath("//svg/g")
    counts = {}
    for r in reports:
        for f in r.findings:
            counts[f.rule] = counts.get(f.rule, 0) + 1
    labels = [g.xpath("text")[0].text for g in bars]
    assert labels == sorted(counts, key=lambda k: (-counts[k], k))
    assert tree.xpath("//ul[@class='errors']/li")[0].text_content().startswith("reports/坏文件.docx")


# ---------------------------------------------------------------- text and JSON


def test_text_groups_by_part_and_marks_evidence(batch):
    reports, errors = batch
    worst = ranked(reports)[0]
    text = render("text", [worst], [], width=200)
    groups = re.findall(r"【(全文|[一二三四五] [^】]+)】", text)
    order = ["全文", "一 主要举措和成效", "二 存在的不足和原因", "三 第一责任人履职情况", "四 下一年度主要安排", "五 其他需要报告的情况"]  # the profile's short names
    assert groups == sorted(groups, key=order.index)
    partial = [f for _, f in offsets_findings([worst]) if f.start > 0 or f.end < len(f.context)]
    assert partial and all(f"「{f.context[f.start:f.end]}」" in text for f in partial if len(f.context) < 60)
    coloured = render("text", [worst], [], color=True, width=200)
    assert "\x1b[1;4m" in coloured


def test_text_summary_only_for_several_files(batch):
    reports, errors = batch
    assert "汇总" not in render("text", reports[:1], [])
    many = render("text", reports, errors, many=True, width=200)
    table = many[many.index("汇总") :]
    positions = [table.index(Path(r.file).name) for r in ranked(reports)]
    assert positions == sorted(positions)
    assert "无法检查 reports/坏文件.docx" in table and f"共 {len(reports) + 1} 份" in table


def test_json_is_the_contract(batch):
    reports, _ = batch
    one = json.loads(render("json", reports[:1], []))
    assert one == reports[0].to_dict() and "context" not in json.dumps(one)
    assert isinstance(json.loads(render("json", reports, [], many=True)), list)


def test_every_format_renders_an_empty_batch():
    for fmt in FORMATS:
        render(fmt, [], [InputError("a.docx", "坏")], many=True)


def test_progress_bar_only_for_a_terminal_and_several_files(monkeypatch):
    from fazhi.cli import cmd_check

    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    assert cmd_check._progress(5) is None
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    assert cmd_check._progress(1) is None
    assert cmd_check._progress(5) is not None


@pytest.mark.slow
def test_html_renders_in_a_browser(batch, tmp_path):
    """Headless Chromium draws the page (CJK text, chart) without any network."""
    import shutil
    import subprocess

    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        pytest.skip("Chromium is not installed")
    page = tmp_path / "r.html"
    page.write_text(render("html", *batch), encoding="utf-8")
    png = tmp_path / "r.png"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1366,2000", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 50_000  # a blank page compresses to a few KB
