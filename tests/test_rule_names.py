"""Every rule has a short Chinese name, and people see it before the slug:
a clerk reading a Word comment or the text report should not need English."""

import re

from conftest import SEEDS
from fazhi.annotate import annotate
from fazhi.checker import check_path
from fazhi.checker.rules import registry
from fazhi.formatters import render
from test_annotate import by_comment_text

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_rule_declares_a_short_chinese_name():
    names = {}
    for slug, rule in registry().items():
        assert rule.name and CJK.search(rule.name), slug
        assert len(rule.name) <= 10, (slug, rule.name)
        assert not re.search(r"[a-z]", rule.name), (slug, rule.name)
        names.setdefault(rule.name, slug)
        assert names[rule.name] == slug, f"{slug} and {names[rule.name]} share the name {rule.name}"


def test_word_comments_start_with_the_chinese_name_and_keep_the_slug(tmp_path):
    report = check_path(SEEDS / "001_f4cae163528c1ce9.txt")
    assert report.findings
    out = annotate(report, SEEDS / "001_f4cae163528c1ce9.txt", tmp_path / "a.docx")
    texts = [text for (_, _, text), _ in by_comment_text(out)]
    rules = registry()
    for f in report.findings:
        head = f"【{rules[f.rule].name}】"
        matching = [t for t in texts if t.startswith(head) and f"规则：{f.rule}" in t]
        assert matching, f.rule
    assert not any(re.match(r"【[a-z-]+】", t) for t in texts)


def test_text_output_labels_findings_in_chinese_machine_formats_keep_slugs():
    report = check_path(SEEDS / "001_f4cae163528c1ce9.txt")
    f = report.findings[0]
    name = registry()[f.rule].name
    assert f"[{name} {f.rule}]" in render("text", [report], [])
    js = render("json", [report], [])
    assert f'"{f.rule}"' in js and name not in js
