"""Reference rules: law-repealed, law-title-unknown, plan-title-wrong,
outdated-reference, term-fazhi — bad and good look-alikes, report-year
boundaries, profile data files and their errors."""

from pathlib import Path

import pytest

from conftest import findings_with_profile as with_profile
from fazhi.checker.testing import found
from fazhi.errors import ProfileError
from fazhi.schema import load_profile


# --- law-repealed -------------------------------------------------------------

CONTRACT = "组织干部学习《合同法》，举办讲座3场。"


@pytest.mark.parametrize("year, expected", [(2020, None), (2021, "error"), (2022, "error"), (2024, "error")])
def test_contract_law_by_report_year(year, expected):
    fs = found(CONTRACT, "law-repealed", year)
    assert [f.severity for f in fs] == ([expected] if expected else [])


def test_repealed_law_names_replacement_and_basis():
    (f,) = found(CONTRACT, "law-repealed", 2022)
    assert "2021年1月1日" in f.message and "民法典" in f.message
    assert "民法典" in f.suggestion and "原《合同法》" in f.suggestion
    assert f.basis == "《中华人民共和国民法典》第一千二百六十条"
    assert f.evidence == "《合同法》" and (f.start, f.end) == (6, 11)


@pytest.mark.parametrize(
    "text",
    [
        "学习《中华人民共和国物权法》。",
        "学习《婚姻法（2001年修正）》。",
        "学习《中华人民共和国民法通则(2009修正)》。",
    ],
)
def test_full_titles_and_revision_suffixes_are_recognised(text):
    assert found(text, "law-repealed", 2022)


@pytest.mark.parametrize(
    "text",
    [
        "《民法典》施行后，《合同法》同时废止。",
        "根据原《合同法》签订的合同继续履行。",
        "《合同法》（已废止）第五十二条。",
        "深入学习《民法典》《行政处罚法（2021年修订）》。",
    ],
)
def test_historical_mentions_and_current_laws_are_not_flagged(text):
    assert not found(text, "law-repealed", 2022)


def test_law_repealed_during_the_report_year_is_a_warning():
    text = "宣传《环境噪声污染防治法》。"  # repealed 2022-06-05
    assert not found(text, "law-repealed", 2021)
    assert [f.severity for f in found(text, "law-repealed", 2022)] == ["warning"]
    assert [f.severity for f in found(text, "law-repealed", 2023)] == ["error"]


def test_unverified_repeal_data_never_give_an_error():
    # The table marks the repeal of 经济合同法 as from memory.
    assert [f.severity for f in found("学习《经济合同法》。", "law-repealed", 2005)] == ["warning"]


def test_one_finding_per_law_with_the_count():
    text = "学习《合同法》。\n宣传《合同法》和《物权法》。\n解读《合同法》。"
    fs = found(text, "law-repealed", 2022)
    assert len(fs) == 2 and {f.evidence for f in fs} == {"《合同法》", "《物权法》"}
    contract = next(f for f in fs if "合同法" in f.evidence)
    assert "全文共3处" in contract.message and contract.paragraph == 1


def test_allow_phrase_suppresses_a_finding():
    assert not with_profile(CONTRACT, "law-repealed", 2022, allow=["《合同法》"])


def test_profile_law_table_extends_the_builtin(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "local.tsv").write_text(
        "title\tshort_title\tstatus\teffective\trepealed\treplaced_by\n"
        "湖南省测试条例\t测试条例\trepealed\t2000-01-01\t2020-03-01\t湖南省新测试条例\n",
        encoding="utf-8",
    )
    text = "学习《测试条例》和《合同法》。"
    assert {f.evidence for f in found(text, "law-repealed", 2022)} == {"《合同法》"}
    fs = with_profile(text, "law-repealed", 2022, data={"laws": ["local.tsv"]})
    assert {f.evidence for f in fs} == {"《测试条例》", "《合同法》"}


@pytest.mark.parametrize(
    "content, reason",
    [
        (None, "找不到数据文件"),
        ("title\tstatus\n测试法\tvalid\n", "缺少列 short_title"),
        ("title\tshort_title\tstatus\n测试法\t测试法\tgone\n", "status 应为 valid 或 repealed"),
        ("title\tshort_title\tstatus\trepealed\n测试法\t测试法\trepealed\t\n", "废止日期"),
    ],
)
def test_bad_law_file_is_a_one_line_error_naming_the_file(tmp_path, content, reason):
    path = tmp_path / "bad.tsv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError) as exc:
        with_profile(CONTRACT, "law-repealed", 2022, data={"laws": [str(path)]})
    message = str(exc.value)
    assert str(path) in message and reason in message and "\n" not in message


# --- law-title-unknown --------------------------------------------------------


def test_misquoted_law_title_suggests_the_nearest_real_ones():
    (f,) = found("深入学习和实施《城市村民委员会组织法》和《村民委员会组织法》。", "law-title-unknown")
    assert f.severity == "warning" and f.evidence == "《城市村民委员会组织法》"
    assert f.extra["candidates"][:2] == ["城市居民委员会组织法", "村民委员会组织法"]
    assert "《城市居民委员会组织法》" in f.message


@pytest.mark.parametrize(
    "title",
    [
        "民法典",
        "宪法",
        "中华人民共和国宪法",
        "湖南省实施〈中华人民共和国村民委员会组织法〉办法",
        "湖南省实施《中华人民共和国村民委员会组织法》办法",
        "湖南省村民委员会选举办法",
        "衡阳市文明行为促进条例",
        "关于在全市开展湖南省法治政府建设示范创建活动的实施方案",
        "关于做好2020年全县法治政府建设工作的通知",
        "中国共产党纪律处分条例",
        "保密工作制度",
        "信访工作条例",
        "青少年法治教育大纲",
        "疏察议调四字工作法",
        "行政处罚法（2021年修订）",
        "中华人民共和国行政处罚法",
        "反家暴法",
        "行政复议法（修订草案）",
        "石柱土家族自治县养老服务促进法",
    ],
)
def test_titles_that_are_no_unknown_national_law(title):
    assert not found(f"学习《{title}》。", "law-title-unknown")


def test_title_with_nothing_near_is_only_information():
    (f,) = found("学习《耕地保护法》。", "law-title-unknown")
    assert f.severity == "info" and f.points == 0 and "data.laws" in f.suggestion


def test_one_finding_per_unknown_title():
    text = "学习《乡村振兴法》。\n宣传《乡村振兴法》。"
    (f,) = found(text, "law-title-unknown")
    assert f.extra["candidates"] == ["乡村振兴促进法"]


def test_profile_laws_make_a_title_known(tmp_path):
    path = tmp_path / "laws.tsv"
    path.write_text("title\tshort_title\tstatus\n中华人民共和国耕地保护法\t耕地保护法\tvalid\n", encoding="utf-8")
    assert not with_profile("学习《耕地保护法》。", "law-title-unknown", 2026, data={"laws": [str(path)]})


# --- plan-title-wrong ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, words",
    [
        ("按照中共中央、国务院《法治政府建设实施纲要2021-2025)》的要求", "缺少括号"),
        ("落实《法治政府建设实施纲要（2021-2026年）》", "2021－2026年"),
        ("落实法治政府建设实施纲要（2022—2026年）的任务", "2022－2026年"),
        ("落实《法治政府建设纲要（2021-2025年）》", "漏字或错字"),
        ("落实《法制政府建设实施纲要（2021－2025年）》", "漏字或错字"),
        ("落实《关于开展法治宣传教育的第八个五年规划（2021-2026年）》", "2021－2026年"),
    ],
)
def test_misquoted_plan_titles(text, words):
    (f,) = found(text, "plan-title-wrong")
    assert words in f.message
    assert "（2021－2025年）》" in f.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "《法治中国建设规划(2020-2025年)》《法治政府建设实施纲要(2021-2025年)》《法治社会建设实施纲要(2020-2025年)》",
        "《法治政府建设实施纲要（2021—2025年）》",
        "《法治政府建设实施纲要（2021年-2025年）》",
        "《法治政府建设实施纲要（2015－2020年）》",
        "《法治政府建设实施纲要》",
        "《湖南省法治政府建设实施纲要（2021-2026年）》",
        "《中央宣传部、司法部关于开展法治宣传教育的第八个五年规划（2021－2025年）》",
        "落实法治政府建设实施纲要2021-2025年各项任务",
    ],
)
def test_correct_or_other_plan_titles(text):
    assert not found(text, "plan-title-wrong")


def test_profile_plans_add_a_plan(tmp_path):
    path = tmp_path / "plans.yaml"
    path.write_text("plans:\n  - core: 衡阳县法治建设规划\n    periods: [[2021, 2025]]\n", encoding="utf-8")
    (f,) = with_profile("落实《衡阳县法治建设规划（2021-2024年）》", "plan-title-wrong", 2023, data={"plans": [str(path)]})
    assert "2021－2025年" in f.message


# --- outdated-reference -------------------------------------------------------


@pytest.mark.parametrize(
    "text, year, entry",
    [
        ("扎实推进“七五”普法工作。", 2021, "qiwu-pufa"),
        ("按照《法治政府建设实施纲要（2015-2020年）》要求。", 2021, "gangyao-2015"),
        ("建设职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信的法治政府。", 2022, "goal-2015"),
        ("全面贯彻党的十九大、十九届二中、三中、四中、五中全会精神。", 2023, "nineteenth-congress"),
        ("全面贯彻党的十九大和十九届历次全会精神。", 2022, "nineteenth-congress-2022"),
        ("深入学习习近平总书记全面依法治国新理念新思想新战略。", 2021, "old-theory-name"),
        ("在《法制日报》刊发经验文章。", 2021, "fazhi-daily"),
        ("规范性文件报县政府法制办审查。", 2020, "legal-affairs-office"),
    ],
)
def test_outdated_references(text, year, entry):
    (f,) = found(text, "outdated-reference", year)
    assert f.extra["entry"] == entry and f.severity == "warning" and f.suggestion and f.basis
    assert f.start is not None and f.end > f.start


@pytest.mark.parametrize(
    "text, year",
    [
        ("扎实推进“七五”普法工作。", 2020),
        ("扎实推进“八五”普法工作。", 2021),
        ("完成“七五”普法总结验收。", 2021),
        ("按照《法治政府建设实施纲要（2015-2020年）》要求。", 2020),
        ("建设职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信的法治政府。", 2021),
        ("全面贯彻党的十九大、十九届二中、三中、四中、五中全会精神。", 2021),
        ("全面贯彻党的十九大和二十大精神。", 2023),
        ("党的十九大以来，我镇法治建设成效明显。", 2023),
        ("认真学习贯彻党的二十大精神。全面贯彻党的十九届六中全会精神。", 2022),
        ("深入学习习近平总书记全面依法治国新理念新思想新战略。", 2020),
        ("在《法制日报》刊发经验文章。", 2020),
        ("原《法制日报》报道了我镇经验。", 2021),
        ("原县政府法制办职责已划入县司法局。", 2020),
        ("深入学习宣传习近平法治思想。", 2023),
    ],
)
def test_current_or_historical_references_are_not_flagged(text, year):
    assert not found(text, "outdated-reference", year)


def test_outdated_reference_is_one_finding_per_entry_with_count():
    text = "学习全面依法治国新理念新思想新战略。\n贯彻全面依法治国新理念新思想新战略。"
    (f,) = found(text, "outdated-reference", 2023)
    assert "全文共2处" in f.message and f.extra["occurrences"] == [1, 2] and f.paragraph == 1


def test_profile_outdated_entries_extend_and_replace(tmp_path):
    path = tmp_path / "outdated.yaml"
    path.write_text(
        "outdated:\n"
        "  - id: fazhi-daily\n    pattern: 法制日报\n    from_year: 2030\n    message: m\n    basis: b\n"
        "  - id: old-office\n    pattern: 依法治县领导小组\n    from_year: 2019\n    message: 已改为委员会\n    basis: 机构改革\n    severity: info\n",
        encoding="utf-8",
    )
    text = "在《法制日报》刊发文章。县依法治县领导小组部署。"
    fs = with_profile(text, "outdated-reference", 2021, data={"outdated": [str(path)]})
    assert [(f.extra["entry"], f.severity) for f in fs] == [("old-office", "info")]


@pytest.mark.parametrize(
    "entry, reason",
    [
        ("  - id: x\n    pattern: '(('\n    from_year: 2020\n    message: m\n    basis: b\n", "正则表达式"),
        ("  - id: x\n    pattern: a\n    from_year: '2020年'\n    message: m\n    basis: b\n", "from_year"),
        ("  - id: x\n    pattern: a\n    from_year: 2020\n    basis: b\n", "message"),
        ("  - id: x\n    pattern: a\n    from_year: 2020\n    message: m\n    basis: b\n    severity: error\n", "severity"),
    ],
)
def test_bad_outdated_entries_are_reported_with_the_file(tmp_path, entry, reason):
    path = tmp_path / "bad.yaml"
    path.write_text("outdated:\n" + entry, encoding="utf-8")
    with pytest.raises(ProfileError) as exc:
        with_profile("文本。", "outdated-reference", 2021, data={"outdated": [str(path)]})
    assert str(path) in str(exc.value) and reason in str(exc.value)


def test_broken_yaml_is_a_profile_error(tmp_path):
    path = tmp_path / "terms.yaml"
    path.write_text("wrong: [\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="YAML 语法错误"):
        with_profile("法制宣传。", "term-fazhi", 2021, data={"terms": [str(path)]})


# --- term-fazhi ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, term, right",
    [
        ("开展法制宣传活动", "法制宣传", "法治宣传"),
        ("加强干部法制教育培训", "法制教育", "法治教育"),
        ("把执法人员作为法制教育重点", "法制教育", "法治教育"),
        ("广泛开展法制宣传教育活动", "法制宣传", "法治宣传"),
        ("推进法制政府建设", "法制政府", "法治政府"),
        ("开展民主法制示范村创建", "民主法制", "民主法治"),
        ("举办法制讲座2场", "法制讲座", "法治讲座"),
        ("在全国法制宣传日开展活动", "全国法制宣传日", "国家宪法日"),
    ],
)
def test_fazhi_terms_are_flagged(text, term, right):
    (f,) = found(text, "term-fazhi", 2021)
    assert f.evidence == term and f.severity == "warning"
    assert f"“{right}”" in f.suggestion and f.start == text.index(term)


@pytest.mark.parametrize(
    "text",
    [
        "落实重大执法决定法制审核制度",
        "由法制机构进行合法性审查",
        "全国人大常委会法制工作委员会",
        "对公民进行纪律和法制教育",
        "维护社会主义法制的统一和尊严",
        "县公安局法制大队",
        "中国法制史",
        "“六五”法制宣传教育规划",
        "开展法治宣传教育",
        "在《法制日报》发表",
        "印发《岘山镇法制宣传教育工作方案》",  # a title is quoted as issued
        "《全国人民代表大会常务委员会关于开展第六个五年法制宣传教育的决议》",
    ],
)
def test_legitimate_fazhi_is_not_flagged(text):
    assert not found(text, "term-fazhi", 2021)


def test_fazhi_vice_principal_depends_on_the_year():
    assert not found("聘请法制副校长", "term-fazhi", 2020)
    (f,) = found("聘请法制副校长", "term-fazhi", 2021)
    assert "预防未成年人犯罪法" in f.basis


def test_term_is_one_finding_per_term_with_count():
    text = "开展法制宣传活动。\n设立法制宣传栏。\n加强法制教育。"
    fs = found(text, "term-fazhi", 2021)
    assert [(f.evidence, f.extra["occurrences"]) for f in fs] == [("法制宣传", [1, 2]), ("法制教育", [3])]
    assert "全文共2处" in fs[0].message


def test_profile_terms_extend_the_lists(tmp_path):
    path = tmp_path / "terms.yaml"
    path.write_text("wrong:\n  - {term: 法制水平, right: 法治水平}\nlegit: [法制宣传科]\n", encoding="utf-8")
    text = "提升农村法制水平。县委宣传部法制宣传科指导。"
    assert [f.evidence for f in found(text, "term-fazhi", 2021)] == ["法制宣传"]
    fs = with_profile(text, "term-fazhi", 2021, data={"terms": [str(path)]})
    assert [f.evidence for f in fs] == ["法制水平"]


# --- data files are loaded once ----------------------------------------------


def test_data_tables_are_cached():
    from fazhi.checker.rules.references._laws import law_table
    from fazhi.checker.rules.references.term_fazhi import terms

    profile = load_profile("township")
    assert law_table(profile) is law_table(profile)
    assert terms(profile) is terms(profile)


def test_builtin_data_files_ship_with_the_package():
    data = Path(__import__("fazhi").__file__).parent / "data"
    for name in ("laws.tsv", "law_aliases.tsv", "law_titles.yaml", "plans.yaml", "outdated.yaml", "terms.yaml"):
        assert (data / name).is_file(), name


# --- the command line: data files of a profile -------------------------------


def _cli(args, cwd):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "fazhi", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_cli_broken_profile_data_is_exit_2_with_one_line(tmp_path):
    (tmp_path / "mine.yaml").write_text("name: mine\nextends: township\ndata:\n  terms: [terms.yaml]\n", encoding="utf-8")
    (tmp_path / "terms.yaml").write_text("wrong:\n  - {term: 法制水平}\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("岘山镇2023年度法治政府建设情况报告\n提升法制水平。\n", encoding="utf-8")
    before = (tmp_path / "r.txt").read_bytes()
    p = _cli(["check", "-p", "mine.yaml", "r.txt"], tmp_path)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "terms.yaml" in lines[0] and "缺少字段 right" in lines[0]
    assert (tmp_path / "r.txt").read_bytes() == before


def test_cli_profile_data_is_used(tmp_path):
    (tmp_path / "mine.yaml").write_text("name: mine\nextends: township\ndata:\n  terms: [terms.yaml]\n", encoding="utf-8")
    (tmp_path / "terms.yaml").write_text("wrong:\n  - {term: 法制水平, right: 法治水平}\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("岘山镇2023年度法治政府建设情况报告\n提升法制水平。\n", encoding="utf-8")
    import json

    p = _cli(["check", "-p", "mine.yaml", "--format", "json", "r.txt"], tmp_path)
    findings = json.loads(p.stdout)["findings"]
    assert [f["evidence"] for f in findings if f["rule"] == "term-fazhi"] == ["法制水平"]


def test_empty_data_files_add_nothing(tmp_path):
    (tmp_path / "laws.tsv").write_text("", encoding="utf-8")
    (tmp_path / "terms.yaml").write_text("", encoding="utf-8")
    data = {"laws": [str(tmp_path / "laws.tsv")], "terms": [str(tmp_path / "terms.yaml")]}
    assert [f.evidence for f in with_profile(CONTRACT, "law-repealed", 2022, data=data)] == ["《合同法》"]
    assert [f.evidence for f in with_profile("法制宣传。", "term-fazhi", 2022, data=data)] == ["法制宣传"]


def test_plan_title_successor_period_is_not_a_misquote():
    from fazhi.checker.testing import findings_for

    ok = "贯彻《法治政府建设实施纲要（2026－2030年）》，推进法治政府建设。"
    bad = "贯彻《法治政府建设实施纲要（2026－2031年）》，推进法治政府建设。"
    assert not findings_for(ok, "plan-title-wrong", year=2026)
    assert findings_for(bad, "plan-title-wrong", year=2026)
