"""Language rules: halfwidth-punctuation, unbalanced-brackets, placeholder,
percent-invalid, duplicate-paragraph — look-alikes, one finding per problem,
profile data; and the clean fixture report gives no finding of any rule of
this group or the reference group."""

from pathlib import Path

import pytest

from conftest import findings_with_profile as with_profile
from fazhi.checker import check_path
from fazhi.checker.engine import check_document
from fazhi.checker.reader import document_from_text
from fazhi.checker.rules import registry
from fazhi.checker.testing import found
from fazhi.errors import ProfileError
from fazhi.schema import load_profile

FIXTURES = Path(__file__).parent / "fixtures"
MY_RULES = [
    "law-repealed", "law-title-unknown", "plan-title-wrong", "outdated-reference", "term-fazhi",
    "halfwidth-punctuation", "unbalanced-brackets", "placeholder", "percent-invalid", "duplicate-paragraph",
]  # fmt: skip


# --- halfwidth-punctuation ----------------------------------------------------


@pytest.mark.parametrize(
    "text, marks",
    [
        ("(一)强化法治政府第一责任人责任", "()"),
        ("现将我镇法治政府情况报告如下:", ":"),
        ("开展法治宣传活动, 积极参与示范村评选", ","),
        ("是否落实到位?", "?"),
        ("参考率100%,合格率100%", ","),
        ("使用Word(docx)格式报送", "()"),
        ("各村(社区)党员干部", "()"),
    ],
)
def test_halfwidth_marks_in_chinese_text(text, marks):
    (f,) = found(text, "halfwidth-punctuation")
    assert sorted(text[i] for i in f.extra["offsets"]) == sorted(marks)
    assert f.start == f.extra["offsets"][0] and all(f"“{m}”改为" in f.suggestion for m in set(marks))


@pytest.mark.parametrize(
    "text",
    [
        "会议于10:30召开，投入资金1,000万元，增长3.5个百分点。",
        "详见 https://x.y/a,b 和 http://www.hengyang.gov.cn/a;b?c=1 。",
        "联系邮箱 fz@hy.gov.cn 。",
        "The meeting (held in Beijing) was good, and we agreed: yes!",
        "依据《行政处罚法》第五十八条(一)项规定。",
        "成文日期2024-02-22，比例1:3。",
        "（一）强化法治政府第一责任人责任：全年召开会议4次；",
    ],
)
def test_halfwidth_look_alikes_are_not_flagged(text):
    assert not found(text, "halfwidth-punctuation")


def test_halfwidth_one_finding_per_paragraph_with_the_count():
    text = "一是加强学习,提升素养,强化责任。\n二是完善制度:健全机制。"
    fs = found(text, "halfwidth-punctuation")
    assert [(f.paragraph, len(f.extra["offsets"])) for f in fs] == [(1, 2), (2, 1)]
    assert "2处" in fs[0].message


def test_halfwidth_throughout_the_document_is_one_finding():
    lines = [f"第{i}项工作,扎实推进,成效明显。" for i in range(1, 13)]
    (f,) = found("\n".join(lines), "halfwidth-punctuation")
    assert f.extra["paragraphs"] == list(range(1, 13)) and "24处" in f.message
    assert f.points == registry()["halfwidth-punctuation"].max_points


# --- unbalanced-brackets ------------------------------------------------------


@pytest.mark.parametrize(
    "text, words",
    [
        ("按照《法治政府建设实施纲要2021-2025)》的要求", "“)”缺少对应的左半边"),
        ("开展“法律进乡村活动。", "““”缺少对应的右半边"),
        ("规划（2021-2025年)", "全角半角混用"),
        ("【填写说明：按要求填写", "“【”缺少对应的右半边"),
        ("学习《民法典》》", "“》”缺少对应的左半边"),
    ],
)
def test_unbalanced_brackets(text, words):
    (f,) = found(text, "unbalanced-brackets")
    assert words in f.message and text[f.start] in "()（）《》“”【】"


@pytest.mark.parametrize(
    "text",
    [
        "“一规划两纲要”(《法治中国建设规划(2020-2025年)》《法治政府建设实施纲要(2021-2025年)》)实施",
        "《湖南省实施〈中华人民共和国村民委员会组织法〉办法》",
        "做到：1）入户宣传；2）集中宣讲；a)第一项",
        "①) 第一项",
        "We don’t know.",
    ],
)
def test_balanced_or_marker_brackets_are_not_flagged(text):
    assert not found(text, "unbalanced-brackets")


def test_seed_002_missing_bracket_is_both_plan_and_bracket_problem():
    text = "按照中共中央、国务院《法治政府建设实施纲要2021-2025)》的要求"
    assert found(text, "unbalanced-brackets") and found(text, "plan-title-wrong")


# --- placeholder --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, severity",
    [
        ("XXX镇2023年度法治政府建设情况报告", "error"),
        ("于××月××日召开会议", "error"),
        ("○○○○年○○月○○日", "error"),
        ("【填写说明：按纲要重点任务分条写】", "error"),
        ("【请在此填写本年度主要举措】", "error"),
        ("{{ entity }}2024年", "error"),
        ("详见第三部分。错误！未定义书签。", "error"),
        ("[bookmark: _GoBack]2023年是关键一年", "warning"),
    ],
)
def test_placeholders(text, severity):
    (f,) = found(text, "placeholder")
    assert f.severity == severity and f.end > f.start


@pytest.mark.parametrize(
    "text",
    [
        "二〇〇四年建成法治广场",
        "村民张**因土地纠纷申请调解",
        "XXL码服装",
        "资金来源：县财政",
        "【典型案例】某村调解土地纠纷",
        "说明：本报告数据截至12月31日",
    ],
)
def test_placeholder_look_alikes(text):
    assert not found(text, "placeholder")


def test_web_chrome_before_the_title_is_found_line_by_line():
    text = (
        "您当前的位置: 首页 > 专题 > 法治政府建设\n沩山镇2021年法治政府建设情况报告\n"
        "发布时间:2022-11-25 访问量: 作者:沩山镇 来源:沩山镇 字体[ 大 中 小 ]\n"
        "沩山镇2021年法治政府建设情况报告\n一、主要做法\n全年开展普法活动12场。\n【打印本页】 【关闭窗口】"
    )
    fs = found(text, "placeholder", 2021)
    assert [(f.paragraph, f.severity) for f in fs] == [(1, "warning"), (3, "warning"), (7, "warning")]
    assert fs[0].evidence == "您当前的位置: 首页 > 专题 > 法治政府建设"
    # Chrome lines are not also reported as half-width punctuation.
    assert not found(text, "halfwidth-punctuation", 2021)


def test_unfilled_word_template_guidance_is_a_placeholder():
    from fazhi.templates.skeleton import TemplateOptions, build_skeleton

    blocks = build_skeleton(load_profile("township"), TemplateOptions(entity="岘山镇", year=2024))
    text = "\n".join(b.text for b in blocks if b.text)
    guidance = [b for b in blocks if b.kind == "guidance"]
    fs = [f for f in found(text, "placeholder", 2024) if f.severity == "error"]
    assert guidance and len(fs) >= len(guidance)


def test_profile_placeholders_extend(tmp_path):
    path = tmp_path / "ph.yaml"
    path.write_text("inline:\n  - {id: tbd, pattern: '待定', message: '“{text}”未填写', severity: warning}\n", encoding="utf-8")
    (f,) = with_profile("时间待定。", "placeholder", data={"placeholders": [str(path)]})
    assert f.message == "“待定”未填写" and f.severity == "warning"
    path.write_text("inline:\n  - {id: tbd, pattern: '(', message: m}\n", encoding="utf-8")
    load = __import__("fazhi.checker.rules.language._data", fromlist=["x"])._placeholders
    load.cache_clear()
    with pytest.raises(ProfileError, match="正则表达式"):
        with_profile("时间待定。", "placeholder", data={"placeholders": [str(path)]})


# --- percent-invalid ----------------------------------------------------------


@pytest.mark.parametrize(
    "text, evidence",
    [
        ("全镇干部学法考试参学率120%，合格率100%。", "参学率120%"),
        ("群众满意度达到101.5%", "群众满意度达到101.5%"),
        ("行政机关负责人出庭应诉率为-5%", "应诉率为-5%"),
        ("女性干部占比达120％", "干部占比达120％"),
    ],
)
def test_impossible_rates(text, evidence):
    (f,) = found(text, "percent-invalid")
    assert f.evidence == evidence and text[f.start : f.end].rstrip("%％").lstrip("-").replace(".", "").isdigit()


@pytest.mark.parametrize(
    "text",
    [
        "参学率100％，参考率100%，合格率100%，做到“3个100%”。",
        "普法经费同比增长150%。",
        "出庭应诉率同比提高120%。",
        "年度任务完成率120%，超额完成。",
        "增长率达到150%。",
        "在全县率先实现100%覆盖。",
        "调解成功率达99%。",
    ],
)
def test_possible_percentages(text):
    assert not found(text, "percent-invalid")


# --- duplicate-paragraph ------------------------------------------------------

PARA = "全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，全年办理行政处罚案件12件。"


def test_exact_duplicate_names_the_earlier_paragraph():
    (f,) = found(f"一、主要举措\n{PARA}\n四、下一年度安排\n（一）{PARA}", "duplicate-paragraph")
    assert f.paragraph == 4 and f.extra["duplicate_of"] == 2 and "完全相同" in f.message


def test_near_duplicate_is_found():
    near = PARA.replace("、重大", "和重大").replace("办理", "办结")
    (f,) = found(f"{PARA}\n其他工作。\n{near}", "duplicate-paragraph")
    assert f.paragraph == 3 and "相似度" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "五、其他需要报告的情况\n无\n六、其他\n无",
        "沩山镇2021年法治政府建设情况报告\n正文一段。\n沩山镇2021年法治政府建设情况报告",
        "中共岘山镇委员会、岘山镇人民政府关于2023年度法治政府建设情况的报告\n"
        "发布时间：2024-03-01\n中共岘山镇委员会、岘山镇人民政府关于2023年度法治政府建设情况的报告\n正文。",
        f"{PARA}\n针对执法案卷不规范的问题，2025年6月前完成全部行政执法案卷评查，组织执法人员培训2次。",
    ],
)
def test_short_or_different_paragraphs_are_not_duplicates(text):
    assert not found(text, "duplicate-paragraph")


def test_duplicate_check_is_fast_on_a_long_document():
    import random
    import time

    random.seed(7)
    alphabet = "法治政府建设依法行政执法监督调解普法宣传教育会议制度落实推进全面开展组织学习村社区干部群众"
    paras = ["".join(random.choice(alphabet) for _ in range(random.randint(40, 200))) + "。" for _ in range(3000)]
    paras[2500] = paras[17]
    t0 = time.perf_counter()
    fs = found("\n".join(paras), "duplicate-paragraph")
    assert time.perf_counter() - t0 < 10
    assert [(f.paragraph, f.extra["duplicate_of"]) for f in fs] == [(2501, 18)]


# --- the clean report and the seeds ------------------------------------------


def test_clean_report_has_no_finding_of_these_rules():
    report = check_path(FIXTURES / "clean_report.txt")
    assert report.year == 2024 and report.entity == "岘山镇"
    mine = [f"{f.rule}: {f.message}" for f in report.findings if f.rule in MY_RULES]
    assert mine == []


def test_clean_report_is_realistic():
    text = (FIXTURES / "clean_report.txt").read_text(encoding="utf-8")
    assert 3000 <= len(text) <= 5000
    for phrase in ("习近平法治思想", "二十届二中、三中全会", "八五", "（2021－2025年）", "《民法典》", "《行政处罚法》", "究其原因", "2025年", "出庭应诉", "述法"):
        assert phrase in text, phrase


def test_rules_of_this_group_are_registered_with_caps():
    rules = registry()
    for slug in MY_RULES:
        rule = rules[slug]
        assert rule.max_points is not None and 1 <= rule.points <= 3 and rule.points <= rule.max_points, slug
        assert rule.group in ("references", "language"), slug


PATHOLOGICAL = {
    "unclosed-guidance": ("【" + "说" * 299) * 300,
    "unclosed-titles": ("《" + "法" * 79) * 1000,
    "rate-words": ("率" + "达" * 8) * 10000,
    "mixed": ("(一),:;《合同法》法制宣传XX率120%“【") * 3000,
    "digit-commas": "1,0" * 30000,
    "latin-run": "a" * 90000 + "，,",
    "spaces": "中" + " " * 90000 + ",",
    "bracket-stack": "《" * 45000 + ")" * 45000,
    "look-alike-paragraphs": "\n".join(f"第{i}项：全面落实行政执法公示制度、执法全过程记录制度，全年办理案件{i}件。" for i in range(3000)),
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_stays_fast(text):
    import time

    profile = load_profile("township")
    t0 = time.perf_counter()
    check_document(document_from_text(text), profile, year=2023, only=set(MY_RULES))
    assert time.perf_counter() - t0 < 5


def test_practice_basis_is_never_an_error_on_the_seeds():
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    for seed in sorted(seeds.glob("*.txt")):
        for f in check_path(seed).findings:
            if f.rule in MY_RULES and f.basis.startswith("常见实务"):
                assert f.severity != "error", (seed.name, f.rule, f.message)


def test_web_chrome_and_conversion_artefacts_rest_on_practice():
    text = "您当前的位置：首页 > 专题\n[bookmark: _GoBack]正文。\nXXX镇。"
    fs = found(text, "placeholder")
    assert [(f.extra["kind"], f.severity, f.basis.startswith("常见实务")) for f in fs] == [
        ("web-chrome", "warning", True),
        ("conversion-bookmark", "warning", True),
        ("x-placeholder", "error", False),
    ]


def test_a_practice_based_error_pattern_is_refused(tmp_path):
    path = tmp_path / "ph.yaml"
    path.write_text("inline:\n  - {id: tbd, pattern: '待定', message: m, severity: error, basis: 常见实务}\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="常见实务"):
        with_profile("时间待定。", "placeholder", data={"placeholders": [str(path)]})
