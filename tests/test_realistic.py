"""Precision on realistic reports the seeds do not cover (tests/fixtures/realistic,
labels in expected.yaml): part statuses, every labelled defect found, no
warning or error under a slug the reviewer did not label, the score band, and
the report's entity, year and date. Below them, variants of the fixtures that
pin the false alarms found while reading the checker's output."""

import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from conftest import plain_docx, shows
from fazhi.checker import check_path

HERE = Path(__file__).resolve().parent / "fixtures" / "realistic"
EXPECTED = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
NAMES = sorted(EXPECTED)
BANDS = {"good": (85, 101), "fair": (60, 85), "poor": (0, 60)}
TEXT_CHECKED = {
    "law-repealed", "law-title-unknown", "plan-title-wrong", "outdated-reference", "term-fazhi",
    "halfwidth-punctuation", "unbalanced-brackets", "placeholder", "percent-invalid", "duplicate-paragraph",
    "foreign-entity", "date-late", "date-format",
}  # fmt: skip


@lru_cache(maxsize=None)
def report_of(name: str):
    return check_path(HERE / name)


def _text(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def _labelled(name: str) -> set[str]:
    return {d["rule"] for d in EXPECTED[name].get("defects") or []}


def test_fixtures_are_realistic_in_size():
    for name in NAMES:
        assert 2500 <= len(_text(name)) <= 5000, name


@pytest.mark.parametrize("name", NAMES)
def test_part_statuses(name):
    got = {part.id: part.status for part in report_of(name).parts}
    assert got == EXPECTED[name]["parts"]


@pytest.mark.parametrize("name", NAMES)
def test_part_statuses_of_a_pasted_docx(name, tmp_path):
    report = check_path(plain_docx(HERE / name, tmp_path))
    assert {part.id: part.status for part in report.parts} == EXPECTED[name]["parts"]


@pytest.mark.parametrize(
    "name, defect",
    [pytest.param(n, d, id=f"{n[:8]}-{d['rule']}") for n in NAMES for d in EXPECTED[n].get("defects") or []],
)
def test_labelled_defect_is_found(name, defect):
    slug, evidence = defect["rule"], str(defect["evidence"])
    hits = [f for f in report_of(name).findings if f.rule == slug]
    assert hits, f"{name}: no {slug} finding (labelled: {evidence})"
    if slug in TEXT_CHECKED:
        assert any(shows(f, HERE / name, evidence) for f in hits), [f.evidence for f in hits]


@pytest.mark.parametrize("name", NAMES)
def test_no_unlabelled_warning_or_error(name):
    """The precision test: info remarks are allowed, nothing stronger unless labelled."""
    wrong = [
        (f.rule, f.severity, f.evidence, f.message)
        for f in report_of(name).findings
        if f.severity in ("error", "warning") and f.rule not in _labelled(name)
    ]
    assert not wrong


@pytest.mark.parametrize("name", NAMES)
def test_band(name):
    low, high = BANDS[EXPECTED[name]["band"]]
    assert low <= report_of(name).score < high


@pytest.mark.parametrize("name", NAMES)
def test_entity_year_and_date(name):
    label, report = EXPECTED[name], report_of(name)
    assert report.entity == label["entity"].split()[0]
    assert report.year == label["years"]
    d = report.doc_date
    assert d is not None and f"{d.year}年{d.month}月{d.day}日" == label["doc_date"]


def test_labelled_evidence_occurs_in_the_fixture():
    for name in NAMES:
        for defect in EXPECTED[name].get("defects") or []:
            if defect["rule"] in TEXT_CHECKED:
                assert str(defect["evidence"]) in _text(name), (name, defect)


# ------------------------------------------------- variants of the fixtures


def _check(tmp_path, text: str, name: str = "variant"):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return check_path(path)


def _rules(report, severities=("error", "warning")) -> set[str]:
    return {f.rule for f in report.findings if f.severity in severities}


def _part(report, part_id: str):
    return next(p for p in report.parts if p.id == part_id)


def _variant(name: str, *pairs: tuple[str, str]) -> str:
    text = _text(name)
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_combined_heading_keeps_statutory_order():
    assert "part-order" not in {f.rule for f in report_of("yunnan_2025_xiangcheng.txt").findings}


def test_combined_heading_with_a_wrong_year_is_still_reported(tmp_path):
    bad = _variant("yunnan_2025_xiangcheng.txt", ("三、存在的问题及2026年工作打算", "三、2024年度存在的问题及2026年工作打算"))
    hits = [f for f in _check(tmp_path, bad).findings if f.rule == "year-mismatch"]
    assert [f.evidence for f in hits] == ["2024年"]


@pytest.mark.parametrize("town", ["城关镇", "和平镇", "向阳街道", "两河口镇"])
def test_own_name_from_the_title_even_when_it_looks_like_a_word(tmp_path, town):
    report = _check(tmp_path, _text("hunan_2023_quanxi.txt").replace("泉溪镇", town))
    assert report.entity == town
    assert "foreign-entity" not in _rules(report)


def test_province_organs_in_an_autonomous_region(tmp_path):
    bad = _variant("guangxi_2022_sishui.txt", ("全面落实自治区党委、自治区人民政府", "全面落实省委、省政府"))
    hits = [f for f in _check(tmp_path, bad).findings if f.rule == "foreign-entity"]
    assert [f.evidence for f in hits] == ["省委"]
    assert "不是省" in hits[0].message


def test_a_named_province_is_not_an_organ_of_our_own(tmp_path):
    text = _variant("hunan_2023_quanxi.txt", ("对照《法治政府建设", "对照省委、省政府部署和《法治政府建设"))
    assert "foreign-entity" not in _rules(_check(tmp_path, text))


@pytest.mark.parametrize(
    "causes",
    [
        "产生这些问题，既有乡镇编制少、法律人才缺乏等客观因素，也有部分干部思想认识不到位等主观因素。",
        "问题的症结在于基层法治工作力量配备不足，干部法治培训针对性不强。",
        "究其根本，在于对法治建设的重要性认识不够，抓落实的机制还不健全。",
        "之所以出现上述问题，一是编制紧张，二是培训不够。",
    ],
)
def test_cause_analysis_in_other_words(tmp_path, causes):
    end = "四是重大行政决策后评估开展较少，个别民生项目实施后未及时评估。"
    text = _variant("zhejiang_2024_fengqiao.txt", (end, end + causes))
    assert "causes-missing" not in _rules(_check(tmp_path, text))


def test_problems_without_causes_still_reported():
    assert "causes-missing" in _rules(report_of("zhejiang_2024_fengqiao.txt"))


@pytest.mark.parametrize(
    "heading, part",
    [
        ("二、困难和问题", "shortcomings"),
        ("三、党政主要负责人述法情况", "leader_duties"),
        ("一、基本情况", "achievements"),
        ("一、主要工作开展情况", "achievements"),
        ("一、工作举措及成效", "achievements"),
        ("四、下一步工作", "next_year"),
        ("四、下一步努力方向", "next_year"),
        ("五、其它需要报告的情况", "other"),
        ("五、需要报告的其他情况", "other"),
        ("五、其他", "other"),
    ],
)
def test_heading_synonyms(tmp_path, heading, part):
    canonical = {
        "shortcomings": "二、2023年度推进法治政府建设存在的不足和原因",
        "leader_duties": "三、2023年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况",
        "achievements": "一、2023年度推进法治政府建设的主要举措和成效",
        "other": "五、其他需要报告的情况",
        "next_year": "四、2024年度推进法治政府建设的主要安排",
    }[part]
    report = _check(tmp_path, _variant("hunan_2023_quanxi.txt", (canonical, heading)))
    assert _part(report, part).status == "heading"
    assert not _rules(report)


def test_village_statement_is_not_the_leaders_part(tmp_path):
    text = _variant(
        "zhejiang_2024_fengqiao.txt",
        ("（一）压实第一责任人责任，加强法治建设组织领导", "（一）推进村党组织书记述法"),
    )
    heading = _part(_check(tmp_path, text), "leader_duties").heading
    assert heading is None


def test_unnumbered_part_headings_restart_the_sub_numbering(tmp_path):
    text = re.sub(r"^[一二三四五]、", "", _text("hunan_2023_quanxi.txt"), flags=re.M)
    assert "heading-numbering" not in _rules(_check(tmp_path, text))


def test_numbering_gap_still_reported(tmp_path):
    text = _variant("hunan_2023_quanxi.txt", ("（三）严格规范公正文明执法", "（四）严格规范公正文明执法"))
    assert "heading-numbering" in _rules(_check(tmp_path, text))


@pytest.mark.parametrize(
    "old, new",
    [
        ("衡南县泉溪镇人民政府\n2024年2月26日", "衡南县泉溪镇人民政府\n2024年2月26日\n（此件主动公开）\n抄送：县委依法治县办，县司法局。"),
        ("中共衡南县泉溪镇委员会\n衡南县泉溪镇人民政府\n2024年2月26日", "中共衡南县泉溪镇委员会　　衡南县泉溪镇人民政府\n2024年2月26日"),
        ("衡南县泉溪镇人民政府\n2024年2月26日", "衡南县泉溪镇人民政府　　2024年2月26日"),
    ],
    ids=["notes-after-date", "two-organs-one-line", "signature-and-date-one-line"],
)
def test_end_of_document_forms(tmp_path, old, new):
    report = _check(tmp_path, _variant("hunan_2023_quanxi.txt", (old, new)))
    assert not _rules(report) & {"date-missing", "signature-missing", "date-format"}
    assert report.doc_date is not None and report.doc_date.isoformat() == "2024-02-26"


def test_missing_date_still_reported(tmp_path):
    report = _check(tmp_path, _variant("hunan_2023_quanxi.txt", ("2024年2月26日\n", "")))
    assert "date-missing" in _rules(report)


def test_web_breadcrumb_is_not_the_title(tmp_path):
    text = "首页 > 政务公开 > 法治政府建设年度报告\n" + _text("hunan_2023_quanxi.txt")
    report = _check(tmp_path, text)
    assert "title-format" not in _rules(report)
    assert "placeholder" in _rules(report)  # the breadcrumb itself is web chrome


def test_title_without_an_organ_still_reported(tmp_path):
    text = _variant(
        "hunan_2023_quanxi.txt",
        ("中共衡南县泉溪镇委员会\n衡南县泉溪镇人民政府\n关于2023年度法治政府建设情况的报告", "关于2023年度法治政府建设情况的报告"),
    )
    assert "title-format" in _rules(_check(tmp_path, text))


@pytest.mark.parametrize(
    "duties, thin",
    [
        ("镇党委书记、镇长严格履行推进法治建设第一责任人职责，带头尊法学法守法用法，把法治建设纳入全镇发展总体规划，"
         "坚持重大事项集体研究、依法决策，支持镇人大依法监督，主动接受政协民主监督和社会监督。", False),
        ("镇党委书记作为推进法治建设第一责任人，全年主持召开党委会议研究法治工作4次，带领班子成员集中学习《民法典》6次；"
         "镇长严格落实行政机关负责人出庭应诉制度，出庭应诉1次。", False),
        ("镇党委书记认真落实“四个亲自”要求，镇长对法治政府建设负总责，其他班子成员落实“一岗双责”，"
         "形成了一级抓一级、层层抓落实的工作格局。", True),
    ],
    ids=["study-plan-support", "meetings-study-court", "slogans-only"],
)
def test_leader_duties_in_other_words(tmp_path, duties, thin):
    text = _text("hunan_2023_quanxi.txt")
    start = text.index("镇党委书记、镇长认真落实《党政主要负责人")
    end = text.index("四、2024年度推进")
    report = _check(tmp_path, text[:start] + duties + "\n" + text[end:])
    assert ("duties-thin" in _rules(report)) is thin


def test_bold_unnumbered_headings_in_a_docx(tmp_path):
    """Headings typed bold without 一、二、: the 50-character leader_duties heading is one too."""
    import docx

    document = docx.Document()
    for line in _text("hunan_2023_quanxi.txt").splitlines():
        if line.strip():
            words = re.match(r"^[一二三四五]、(.*)$", line)
            document.add_paragraph().add_run(words.group(1) if words else line).bold = bool(words)
    path = tmp_path / "bold.docx"
    document.save(path)
    report = check_path(path)
    assert {p.id: p.status for p in report.parts} == EXPECTED["hunan_2023_quanxi.txt"]["parts"]
    assert not _rules(report) - {"font-body", "font-heading", "font-title", "page-margins", "page-size", "line-spacing"}


def test_sections_under_parts_are_one_level_deeper(tmp_path):
    """第一部分 … above 一、二、: the 一、 items belong to the part (no causes-missing or
    numbering alarm from treating them as top level), and a gap among them is still one."""
    assert "heading-numbering" not in _rules(report_of("chongqing_2019_shuanglonghu.txt"))
    gap = _variant("chongqing_2019_shuanglonghu.txt", ("二、规范行政决策", "三、规范行政决策"))
    hits = [f for f in _check(tmp_path, gap).findings if f.rule == "heading-numbering"]
    assert len(hits) == 1 and "二级标题" in hits[0].message


def test_year_from_the_date_when_the_title_has_none(tmp_path):
    """Dated 2025-01-20, the plans say 2025 more often than the report says 2024: it is a 2024 report."""
    text = _variant("zhejiang_2024_fengqiao.txt", ("枫桥镇2024年法治政府建设工作报告", "枫桥镇法治政府建设工作报告"))
    report = _check(tmp_path, text)
    assert report.year == 2024
    assert "next-year-vague" not in _rules(report)
    assert "title-format" in _rules(report)  # the missing year is still reported


@pytest.mark.parametrize(
    "title",
    ["滕州市级索镇2022年度法治政府建设\n情况报告", "滕州市级索镇\n2022年度法治政府建设情况报告"],
    ids=["wrapped-before-report", "entity-line-above"],
)
def test_title_typed_on_two_lines(tmp_path, title):
    text = _variant("shandong_2022_jisuo.txt", ("滕州市级索镇2022年度法治政府建设情况报告", title))
    report = _check(tmp_path, text)
    assert "title-format" not in _rules(report)
    assert report.year == 2022 and report.entity == "级索镇"
