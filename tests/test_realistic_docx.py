"""Precision on realistic Word drafts (tests/fixtures/realistic_docx, built by
scripts/build_realistic_docx.py, labels in expected.yaml): heading styles with
automatic numbering, typed markers, tables, footnotes, comments, tracked
changes, split titles, signatures in tables or pushed right with spaces, Word's
default layout, and the template filled in. Each draft: its part statuses,
every labelled defect found, no unlabelled warning or error, entity/year/date,
and `fazhi check --annotate` puts each comment on the paragraph it names."""

import hashlib
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml
from test_annotate import body_text, by_comment_text

from fazhi.annotate import AUTHOR, annotated_path
from fazhi.checker import check_path
from fazhi.checker.reader import read_document

HERE = Path(__file__).resolve().parent / "fixtures" / "realistic_docx"
EXPECTED = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
NAMES = sorted(EXPECTED)
LAYOUT = {"font-title", "font-body", "font-heading", "page-margins", "page-size", "line-spacing"}


@cache
def report_of(name: str):
    return check_path(HERE / name)


def _shows(finding, name: str, evidence: str) -> bool:
    if evidence in (finding.evidence or ""):
        return True
    return finding.paragraph is not None and evidence in read_document(HERE / name).paragraph(finding.paragraph).text


def test_every_draft_is_labelled():
    assert sorted(p.name for p in HERE.glob("*.docx")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_part_statuses(name):
    assert {part.id: part.status for part in report_of(name).parts} == EXPECTED[name]["parts"]


@pytest.mark.parametrize("name", NAMES)
def test_entity_year_and_date(name):
    report, want = report_of(name), EXPECTED[name]
    assert (report.entity, report.year, str(report.doc_date)) == (want["entity"], want["year"], want["doc_date"])


@pytest.mark.parametrize(
    "name, defect",
    [pytest.param(n, d, id=f"{n[:6]}-{d['rule']}") for n in NAMES for d in EXPECTED[n].get("defects") or []],
)
def test_labelled_defect_is_found(name, defect):
    hits = [f for f in report_of(name).findings if f.rule == defect["rule"]]
    assert hits, f"{name}: no {defect['rule']} finding"
    assert any(_shows(f, name, str(defect["evidence"])) for f in hits), [(f.evidence, f.paragraph) for f in hits]


@pytest.mark.parametrize("name", NAMES)
def test_no_unlabelled_warning_or_error(name):
    labelled = {d["rule"] for d in EXPECTED[name].get("defects") or []}
    wrong = [(f.rule, f.evidence, f.paragraph) for f in report_of(name).findings if f.severity != "info" and f.rule not in labelled]
    assert not wrong


@pytest.mark.parametrize("name", NAMES)
def test_each_problem_is_reported_once(name):
    """A document-wide problem (a layout value, tracked changes) is one finding, not one per paragraph."""
    rules = [f.rule for f in report_of(name).findings if f.rule in LAYOUT | {"tracked-changes"}]
    assert len(rules) == len(set(rules)), rules


@pytest.mark.parametrize("name", NAMES)
def test_score_floor(name):
    assert report_of(name).score >= EXPECTED[name]["min_score"]


def test_the_filled_template_has_no_warning_or_error():
    report = report_of("6_filled_template_hunan.docx")
    assert report.score >= 90 and not [f for f in report.findings if f.severity != "info"]


def test_the_gbt9704_draft_has_no_layout_finding():
    assert not [f.rule for f in report_of("2_typed_gbt9704_yunnan.docx").findings if f.rule in LAYOUT]


def test_wps_draft_numbers_come_from_numbering_xml():
    doc = read_document(HERE / "1_wps_headings_hunan.docx")
    markers = [p.marker for p in doc.paragraphs if p.marker]
    assert markers[:2] == ["一、", "（一）"] and "五、" in markers


def test_split_title_is_one_title():
    report = report_of("4_split_title_table_signature_chongqing.docx")
    assert not [f for f in report.findings if f.rule == "title-format"]


# ---------------------------------------------------------------- --annotate on every draft


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    out = tmp_path_factory.mktemp("annotated")
    files = [HERE / n for n in NAMES]
    before = {f: _sha(f) for f in files}
    run = subprocess.run(
        [sys.executable, "-m", "fazhi", "check", "--format", "json", "--annotate", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    assert {f: _sha(f) for f in files} == before, "the drafts are never written"
    reports = {Path(r["file"]).name: r for r in json.loads(run.stdout)}
    return out, reports


@pytest.mark.parametrize("name", NAMES)
def test_annotated_comments_sit_on_the_named_paragraph(annotated, name):
    out, reports = annotated
    copy = annotated_path(HERE / name, out)
    doc = read_document(HERE / name)
    ours = [(text, anchor) for (author, _, text), anchor in by_comment_text(copy) if author == AUTHOR]
    located = [f for f in reports[name]["findings"] if (f.get("location") or {}).get("paragraph")]
    for f in located:
        index = f["location"]["paragraph"]
        mine = [(text, anchor) for text, anchor in ours if f"规则：{f['rule']}" in text]
        assert mine, f"no comment for {f['rule']}"
        assert any(anchor[0] == index for _, anchor in mine), (f["rule"], index, [a[0] for _, a in mine])
        para_text = next(anchor[1] for _, anchor in mine if anchor[0] == index)
        assert para_text.replace("\u3000", " ").strip() == body_text(doc.paragraph(index)).replace("\u3000", " ").strip()
        evidence = f.get("evidence") or ""
        if evidence and f["rule"] not in LAYOUT:
            assert evidence in doc.paragraph(index).text, (f["rule"], evidence)


def test_an_existing_reviewer_comment_is_kept(annotated):
    out, _ = annotated
    comments = by_comment_text(annotated_path(HERE / "3_table_revisions_sichuan.docx", out))
    kept = [(text, anchor) for (author, _, text), anchor in comments if author == "司法所"]
    assert kept and kept[0][0] == "请核对调解数据。" and "调解" in kept[0][1][1]


# ---------------------------------------------------------------- the false alarms these drafts found

SOURCE = HERE.parent / "realistic" / "chongqing_2019_shuanglonghu.txt"


@pytest.mark.parametrize(
    "pieces",
    [["双龙湖街道2019年", "法治政府建设情况报告"], ["关于双龙湖街道2019年度", "法治政府建设情况的报告"],
     ["双龙湖街道", "2019年法治政府建设情况报告"], ["双龙湖街道2019年度法治政府建设", "情况报告"]],
)
def test_a_title_typed_on_two_lines_is_one_title(pieces, tmp_path):
    import docx

    d = docx.Document()
    lines = [x.strip() for x in SOURCE.read_text(encoding="utf-8").splitlines() if x.strip()]
    for line in pieces + lines[1:]:
        d.add_paragraph(line)
    d.save(tmp_path / "t.docx")
    report = check_path(tmp_path / "t.docx")
    assert not [f for f in report.findings if f.rule == "title-format"]
    assert (report.entity, report.year) == ("双龙湖街道", 2019)


def test_a_street_office_signature_names_the_street():
    from fazhi.checker.entity import clean_entity

    assert clean_entity("重庆市渝北区人民政府双龙湖街道", "meta") == "双龙湖街道"
    assert clean_entity("衡南县泉溪镇", "meta") == "泉溪镇"


def test_under_parts_an_item_is_named_a_second_tier_heading():
    """第一部分 … are the first tier (黑体 here); the run-in "一、" items under them are the second."""
    [f] = [f for f in report_of("4_split_title_table_signature_chongqing.docx").findings if f.rule == "font-heading"]
    assert f.message.startswith("二级标题") and "一级标题" not in f.message


def test_a_date_in_a_signature_table_is_read_and_annotated_in_its_cell(tmp_path):
    import docx

    from fazhi.annotate import annotate

    d = docx.Document()
    lines = [x.strip() for x in SOURCE.read_text(encoding="utf-8").splitlines() if x.strip()]
    for line in lines[:-3]:
        d.add_paragraph(line)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 1).text, table.cell(1, 1).text = lines[-3], "2020.1.16"
    d.save(tmp_path / "t.docx")
    report = check_path(tmp_path / "t.docx")
    [f] = [f for f in report.findings if f.rule == "date-format"]
    out = annotate(report, tmp_path / "t.docx", tmp_path / "out.docx")
    anchors = [anchor for (author, _, text), anchor in by_comment_text(out) if text.startswith("【成文日期格式】") and "规则：date-format" in text]
    assert anchors == [(f.paragraph, "2020.1.16", "2020.1.16")]
