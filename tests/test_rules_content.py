"""Content rules: causes-missing, next-year-vague, duties-thin, outline-coverage."""

import pathlib

import pytest
import yaml

from fazhi.checker.engine import build_context
from fazhi.checker.reader import document_from_text, read_document
from fazhi.checker.rules.content.duties_thin import duty_coverage
from fazhi.checker.rules.content.outline_coverage import coverage
from fazhi.checker.testing import findings_for
from fazhi.schema import load_profile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"
CONTENT = ("causes-missing", "next-year-vague", "duties-thin", "outline-coverage", "foreign-entity")

ACHIEVEMENTS = "全年召开法治建设专题会议4次，调解矛盾纠纷56起。"
SHORTCOMINGS = "一是法治宣传形式单一；二是执法力量薄弱。究其原因，主要是专业人员不足。"
DUTIES = "镇党委书记亲自部署法治建设，主持召开党委会专题研究法治建设工作4次；带头开展会前学法10次；年终述职时专门述法。"
NEXT_YEAR = "一是2024年6月底前出台《青山镇重大行政决策事项目录》；二是全年开展会前学法不少于10次。"


def five_parts(
    achievements=ACHIEVEMENTS,
    shortcomings=SHORTCOMINGS,
    duties=DUTIES,
    next_year=NEXT_YEAR,
    *,
    shortcomings_heading="二、2023年度推进法治政府建设存在的不足和原因",
    next_heading="四、2024年度推进法治政府建设的主要安排",
):
    lines = [
        "青山镇2023年度法治政府建设情况报告",
        "县委依法治县办：",
        "一、2023年度推进法治政府建设的主要举措和成效",
        achievements,
        shortcomings_heading,
        shortcomings,
        "三、党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况",
        duties,
        next_heading,
        next_year,
        "五、其他需要报告的情况",
        "无。",
        "青山镇人民政府",
        "2024年2月20日",
    ]
    return "\n".join(line for line in lines if line is not None) + "\n"


def seed_text(name):
    return (SEEDS / name).read_text(encoding="utf-8")


def slugs_of(findings):
    return [f.rule for f in findings]


def profile_with(tmp_path, yaml_text):
    path = tmp_path / "mine.yaml"
    path.write_text("extends: township\n" + yaml_text, encoding="utf-8")
    return str(path)


# ---------------------------------------------------------------- causes-missing


def test_causes_seed_labels():
    got = findings_for(seed_text("001_f4cae163528c1ce9.txt"), "causes-missing")
    assert [(f.evidence, f.severity, f.paragraph) for f in got] == [("二、存在不足和原因", "error", 22)]
    got = findings_for(seed_text("003_cfeccfaec11a132e.txt"), "causes-missing")
    assert [f.evidence for f in got] == ["二、工作存在的问题"]


def test_causes_seed_004_gives_a_reason():
    # "很多工作由于不能及时落实到各个相关部门，开展较为缓慢" names a cause.
    assert findings_for(seed_text("004_5eb6a8149b33c332.txt"), "causes-missing") == []


def test_causes_missing_part_is_left_to_part_missing():
    assert findings_for(seed_text("002_3c0df08b306f7395.txt"), "causes-missing") == []


@pytest.mark.parametrize(
    "analysis",
    [
        "究其原因，主要是干部法治意识不强。",
        "这主要是由于执法人员多为兼职。",
        "一方面镇级执法力量有限，另一方面培训不够系统。",
        "客观上受编制限制，主观上重视程度不够。",
        "问题根源在于制度执行不到位。",
        "存在这些问题，主要是学法用法制度落实不够。",
    ],
)
def test_causes_analysis_forms(analysis):
    text = five_parts(shortcomings="一是法治宣传形式单一；二是执法力量薄弱。" + analysis)
    assert findings_for(text, "causes-missing", year=2023) == []


def test_causes_problem_list_with_zhuyaoshi_is_not_analysis():
    # "问题主要是…不够" lists problems; it explains nothing.
    text = five_parts(shortcomings="存在的问题主要是：一是法治宣传力度不够；二是执法监督不够到位。")
    assert slugs_of(findings_for(text, "causes-missing", year=2023)) == ["causes-missing"]


def test_causes_heading_words_do_not_count():
    text = five_parts(shortcomings="一是法治宣传形式单一；二是执法力量薄弱。")
    got = findings_for(text, "causes-missing", year=2023)
    assert len(got) == 1 and got[0].evidence == "二、2023年度推进法治政府建设存在的不足和原因"
    assert "没有分析" in got[0].message


def test_causes_empty_part_is_part_empty_not_causes_missing():
    """"无。" under 存在的不足和原因 is an empty part (weighs like missing); causes-missing
    does not count the same gap a second time."""
    text = five_parts(shortcomings="无。")
    assert findings_for(text, "causes-missing", year=2023) == []
    got = findings_for(text, "part-empty", year=2023)
    assert len(got) == 1 and got[0].part == "shortcomings" and got[0].severity == "error"


def test_causes_inline_part_reads_the_next_paragraph():
    lines = [
        "青山镇2023年度法治政府建设情况报告",
        "一、法治宣传",
        "全年开展普法活动12场。",
        "我镇法治建设仍存在一些不足：法治宣传形式单一，执法力量薄弱。",
        "究其原因，主要是专业人员不足。",
    ]
    assert findings_for("\n".join(lines), "causes-missing", year=2023) == []
    assert findings_for("\n".join(lines[:-1]), "causes-missing", year=2023)


def test_causes_under_a_heading_of_their_own():
    text = five_parts(shortcomings="一是法治宣传形式单一；二是执法力量薄弱。")
    text = text.replace("三、党政主要负责人", "（三）原因分析\n专业人员少，培训不系统。\n三、党政主要负责人")
    assert findings_for(text, "causes-missing", year=2023) == []


# ---------------------------------------------------------------- next-year-vague


def test_next_year_seed_labels():
    got = findings_for(seed_text("000_34dc2306ccfd2865.txt"), "next-year-vague")
    assert [f.evidence for f in got] == ["下一步，我镇将在以下几个方面继续努力"]
    assert "没有写明" in got[0].message and "措施笼统" in got[0].message
    assert "2021年" in got[0].suggestion  # 000 reports on 2018-2020
    got = findings_for(seed_text("003_cfeccfaec11a132e.txt"), "next-year-vague")
    assert [f.evidence for f in got] == ["三、下一步工作重点"]


@pytest.mark.parametrize("seed", ["001_f4cae163528c1ce9.txt", "004_5eb6a8149b33c332.txt", "002_3c0df08b306f7395.txt"])
def test_next_year_seeds_not_labelled_are_clean(seed):
    assert findings_for(seed_text(seed), "next-year-vague") == []


def test_next_year_slogans_with_year_flag_measures_only():
    text = five_parts(next_year="2024年，我镇将继续努力，进一步加强法治宣传，不断提升依法行政水平。")
    got = findings_for(text, "next-year-vague", year=2023)
    assert len(got) == 1
    assert "没有写明" not in got[0].message and "措施笼统" in got[0].message
    assert got[0].extra["concrete"] == [] and "继续努力" in got[0].extra["slogans"]


def test_next_year_concrete_without_year_flags_year_only():
    text = five_parts(next_heading="四、下一步工作打算", next_year="一是6月底前出台《青山镇重大行政决策事项目录》；二是开展会前学法10次。")
    got = findings_for(text, "next-year-vague", year=2023)
    assert len(got) == 1 and "应写明2024年" in got[0].message and "措施笼统" not in got[0].message


def test_next_year_statutory_heading_names_the_year():
    text = five_parts(next_heading="四、下一年度推进法治政府建设的主要安排")
    assert findings_for(text, "next-year-vague", year=2023) == []


def test_next_year_inline_reads_following_items():
    lines = [
        "青山镇2023年度法治政府建设情况报告",
        "一、法治宣传",
        "全年开展普法活动12场。",
        "下一步，我镇将重点做好以下工作：",
        "一是2024年6月底前出台镇重大行政决策目录；",
        "二是全年开展会前学法10次。",
    ]
    assert findings_for("\n".join(lines), "next-year-vague", year=2023) == []


def test_next_year_threshold_is_configurable(tmp_path):
    text = five_parts(next_year="出台《青山镇重大行政决策事项目录》，持续推进法治建设。")
    assert findings_for(text, "next-year-vague", year=2023) != []
    prof = profile_with(tmp_path, "rules:\n  next-year-vague:\n    options: {min_concrete: 1}\n")
    assert findings_for(text, "next-year-vague", year=2023, profile=prof) == []


# ---------------------------------------------------------------- duties-thin


def test_duties_thin_lists_covered_and_missing():
    text = five_parts(duties="镇党委书记、镇长高度重视法治建设，切实履行第一责任人职责，亲自部署法治建设工作。")
    got = findings_for(text, "duties-thin", year=2023)
    assert len(got) == 1 and got[0].severity == "warning"
    assert got[0].extra["covered"] == ["四个亲自（亲自部署、过问、协调、督办）"]
    assert "述法（列入年终述职）" in got[0].extra["missing"]
    areas = yaml.safe_load((ROOT / "fazhi" / "data" / "content.yaml").read_text(encoding="utf-8"))["duties"]["areas"]
    assert len(got[0].extra["covered"]) + len(got[0].extra["missing"]) == len(areas)
    assert got[0].evidence.startswith("三、党政主要负责人")


def test_duties_enough_areas_is_clean():
    assert findings_for(five_parts(), "duties-thin", year=2023) == []


def test_duties_missing_part_is_left_to_part_missing():
    lines = five_parts().splitlines()
    text = "\n".join(l for l in lines if not l.startswith("三、") and l != DUTIES)
    ctx = build_context(document_from_text(text), load_profile("township"), 2023)
    assert ctx.parts["leader_duties"].status == "missing"
    assert findings_for(text, "duties-thin", year=2023) == []


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_duties_seeds_are_clean(seed):
    # No seed is labelled duties-thin: 001 has a full part, the others inline
    # duties spread over paragraphs that name the leaders.
    assert findings_for(seed_text(seed), "duties-thin") == []


def test_duties_inline_part_reads_leader_paragraphs():
    ctx = build_context(read_document(SEEDS / "002_3c0df08b306f7395.txt"), load_profile("township"))
    assert ctx.parts["leader_duties"].status == "inline"
    covered = duty_coverage(ctx)["covered"]
    # 四个亲自 and 述法 are in the cue paragraph; 学法 in 「坚持领导干部学法制度」 elsewhere.
    assert {"四个亲自（亲自部署、过问、协调、督办）", "述法（列入年终述职）", "带头学法（会前学法、中心组学法）"} <= set(covered)


def test_duties_threshold_is_configurable(tmp_path):
    prof = profile_with(tmp_path, "rules:\n  duties-thin:\n    options: {min_areas: 5}\n")
    assert findings_for(five_parts(), "duties-thin", year=2023) == []
    assert slugs_of(findings_for(five_parts(), "duties-thin", year=2023, profile=prof)) == ["duties-thin"]


# ---------------------------------------------------------------- outline-coverage


def test_outline_not_for_reports_before_2021():
    text = five_parts().replace("2023", "2020").replace("2024", "2021")
    assert findings_for(text, "outline-coverage", year=2020) == []
    ctx = build_context(document_from_text(text), load_profile("township"), 2020)
    assert coverage(ctx) is None


def test_outline_few_areas_is_a_warning():
    got = findings_for(five_parts(), "outline-coverage", year=2023)
    assert len(got) == 1 and got[0].severity == "warning" and got[0].points > 0
    assert "健全突发事件应对体系" in got[0].extra["uncovered"]
    assert "少于6项" in got[0].message


def test_outline_partial_gaps_are_info_without_points():
    got = findings_for(seed_text("001_f4cae163528c1ce9.txt"), "outline-coverage")
    assert [(f.severity, f.points) for f in got] == [("info", 0.0)]
    assert got[0].extra["uncovered"] == ["健全依法行政制度体系", "健全法治政府建设科技保障体系（数字法治政府）"]
    assert len(got[0].extra["covered"]) == 7


def test_outline_full_coverage_is_clean():
    full = (
        "公布镇级权责清单；清理行政规范性文件3件；重大行政决策均经合法性审查；落实行政执法公示制度；"
        "修订防汛应急预案；人民调解矛盾纠纷56起；主动公开政府信息120条；推行“互联网+政务服务”；"
        "党委书记履行第一责任人职责。"
    )
    text = five_parts(achievements=full)
    assert findings_for(text, "outline-coverage", year=2023) == []
    ctx = build_context(document_from_text(text), load_profile("township"), 2023)
    assert coverage(ctx)["uncovered"] == []


def test_outline_extra_cues_from_profile_data(tmp_path):
    extra = tmp_path / "content.yaml"
    extra.write_text("outline:\n  areas:\n    - {id: x, name: 自定义任务, cues: [绝不会出现的词]}\n", encoding="utf-8")
    prof = profile_with(tmp_path, f"data:\n  content: [{extra}]\n")
    got = findings_for(seed_text("004_5eb6a8149b33c332.txt"), "outline-coverage", profile=prof)
    assert "自定义任务" in got[0].extra["uncovered"] and len(got[0].extra["uncovered"]) == 3


# ---------------------------------------------------------------- whole reports


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("*clean_report*.txt")))
def test_clean_reports_give_no_content_findings(fixture):
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    got = [f for f in findings_for(text) if f.rule in CONTENT]
    assert got == [], [(f.rule, f.message) for f in got]


def test_content_findings_are_one_per_problem():
    # Every content rule except foreign-entity reports at most once per document.
    for seed in SEEDS.glob("*.txt"):
        got = [f.rule for f in findings_for(seed.read_text(encoding="utf-8")) if f.rule in CONTENT[:4]]
        assert len(got) == len(set(got)), seed.name


def test_missing_content_data_file_is_a_profile_error(tmp_path):
    from fazhi.errors import ProfileError

    prof = profile_with(tmp_path, f"data:\n  content: [{tmp_path / 'nope.yaml'}]\n")
    with pytest.raises(ProfileError, match="找不到数据文件"):
        findings_for(five_parts(), "causes-missing", year=2023, profile=prof)
