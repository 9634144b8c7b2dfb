"""Who reports and which year: the entity only from the title, the signature,
the 成文日期 block (or a published page's file name / --title), checked against
the township table; the year from the title or the body's own statements, never
from a cited plan's range or a law's date; suggestions without guesses."""

from pathlib import Path

import pytest

from fazhi.checker import check_document
from fazhi.checker.engine import build_context
from fazhi.checker.entity import COUNTY_DEPARTMENT, COUNTY_GOVERNMENT, TOWNSHIP, find_entity
from fazhi.checker.reader import document_from_text
from fazhi.checker.townships import township_table
from fazhi.schema import load_profile

# Body sentences with 乡/镇/街道 in them, none naming the reporting unit.
BODY_SENTENCES = [
    "将法治建设纳入乡村振兴考核，与中心工作同部署。",
    "成立由乡人民政府乡长任组长的法治建设领导小组。",
    "我们立足街道实际，推动基层治理法治化。",
    "定期召开街道党工委会议研究法治工作。",
    "把法治建设纳入街道年度目标管理。",
    "组织镇村干部参加学法考试，参考率100%。",
    "全镇共调解矛盾纠纷46起，调解成功率98%。",
    "乡镇综合行政执法队开展联合执法12次。",
    "由镇党委书记主持召开专题会议3次。",
    "各乡镇要严格落实重大行政决策程序。",
    "推进城乡一体化法律服务，覆盖所有行政村。",
    "深入开展法治乡村建设，培育法律明白人85名。",
    "建设纳入乡规民约的法治宣传栏15处。",
    "依托乡镇司法所开展法律援助咨询。",
    "全乡上下形成尊法学法守法用法的良好氛围。",
    "推动执法力量向街道下沉，实现一支队伍管执法。",
    "邀请县司法局到镇开展专题讲座。",
    "本镇共有行政村18个、社区2个。",
    "对进镇务工人员开展普法宣传。",
    "在集镇显要位置设置宪法宣传长廊。",
    "开展送法下乡活动6场次，发放资料2000余份。",
    "为辖区街道企业提供法治体检服务。",
    "街道办事处主任带头旁听庭审。",
    "围绕特色小镇建设，规范项目招商合同审查。",
    "在全镇范围内推行“四议两公开”。",
    "乡人大主席团依法开展执法检查。",
    "加强对镇属企业的法律风险防控。",
    "按期召开街道法治建设领导小组会议。",
    "由乡长任组长，分管领导任副组长。",
    "重点镇、中心镇建设用地依法依规审批。",
]


def _ctx(text: str, profile: str = "township", **meta):
    prof = load_profile(profile)
    if meta:
        prof = prof.model_copy(update={"meta": prof.meta.model_copy(update=meta)})
    return build_context(document_from_text(text), prof)


def test_thirty_body_sentences_name_no_entity():
    assert len(BODY_SENTENCES) == 30
    text = "\n".join(["一、主要举措和成效", *BODY_SENTENCES])
    ctx = _ctx(text)
    assert ctx.entity is None


@pytest.mark.parametrize("sentence", BODY_SENTENCES)
def test_each_body_sentence_names_no_entity(sentence):
    assert _ctx(f"一、主要举措和成效\n{sentence}\n{sentence}").entity is None


@pytest.mark.parametrize(
    "head, entity, kind",
    [
        ("聚奎镇人民政府\n关于2023年法治政府建设情况的报告", "聚奎镇", TOWNSHIP),
        ("鹤龙街2024年法治政府建设年度报告", "鹤龙街", TOWNSHIP),
        ("北城街街道办事处2025年法治政府建设年度报告", "北城街街道", TOWNSHIP),
        ("重庆市渝北区人民政府双龙湖街道办事处\n关于2019年度法治政府建设情况的报告", "双龙湖街道", TOWNSHIP),
        ("巴彦花苏木2024年度法治政府建设情况报告", "巴彦花苏木", TOWNSHIP),
        ("三江口瑶族乡2023年度法治政府建设情况报告", "三江口瑶族乡", TOWNSHIP),
        ("县司法局2024年法治政府建设工作报告", "县司法局", COUNTY_DEPARTMENT),
        ("区司法局关于2025年法治政府建设情况的报告", "区司法局", COUNTY_DEPARTMENT),
        ("静海区2023年度法治政府建设情况报告", "静海区", COUNTY_GOVERNMENT),
        ("2020年静海区法治政府建设情况报告", "静海区", COUNTY_GOVERNMENT),
        ("2023年石市镇法治政府建设情况报告", "石市镇", TOWNSHIP),
        ("龙山县人民政府关于2024年度法治政府建设情况的报告", "龙山县人民政府", COUNTY_GOVERNMENT),
        ("新乡县住房和城乡建设局2024年度法治政府建设情况报告", "新乡县住房和城乡建设局", COUNTY_DEPARTMENT),
    ],
)
def test_entity_and_kind_from_the_title(head, entity, kind):
    ctx = _ctx(f"{head}\n县委依法治县办：\n一、主要举措和成效\n全年开展普法活动12次。\n")
    assert (ctx.entity, ctx.entity_info.kind, ctx.entity_info.source) == (entity, kind, "title")


def test_table_places_a_township_in_its_county():
    towns = township_table()
    assert "430421" in towns.counties("石市镇") and towns.county_names["430421"] == "衡阳县"
    assert towns.known("鹤龙街") == "鹤龙街道"
    ctx = _ctx("石市镇2023年度法治政府建设情况报告\n一、主要举措和成效\n石市镇居衡阳县东北。\n")
    assert ctx.entity_info.county == "430421" and ctx.entity_info.confirmed


def test_entity_from_the_signature_and_the_date_block():
    body = "法治政府建设情况报告\n一、主要举措和成效\n全年开展普法活动12次。\n"
    assert _ctx(body + "樟木乡人民政府\n2024年2月1日\n").entity_info.source == "signature"
    one_line = _ctx(body + "樟木乡人民政府　　2024年2月1日\n")
    assert (one_line.entity, one_line.entity_info.source) == ("樟木乡", "date")


def test_entity_from_the_body_only_when_the_table_knows_it():
    text = "法治政府建设汇报材料\n一、主要举措和成效\n石市镇居衡阳县东北。\n制定《石市镇普法规划》。\n"
    ctx = _ctx(text)
    assert (ctx.entity, ctx.entity_info.source) == ("石市镇", "body")
    assert _ctx(text.replace("石市镇", "设纳入乡")).entity is None


def test_a_county_report_is_read_with_the_county_profile_unless_one_was_chosen():
    text = "县司法局2024年法治政府建设工作报告\n一、主要举措和成效\n全年开展普法活动12次。\n"
    assert _ctx(text).profile.name == "county"
    assert _ctx(text, kind_profiles={}).profile.name == "township"


def test_county_title_is_not_called_entityless():
    doc = document_from_text("县司法局2024年法治政府建设工作报告\n县委依法治县办：\n一、主要举措和成效\n全年开展普法活动12次。\n")
    report = check_document(doc, load_profile("township"), only={"title-format"})
    assert report.profile == "county" and not report.findings


# ------------------------------------------------------------------ year

PLAN = "深入贯彻《法治政府建设实施纲要（2021—2025年）》，对照《法治中国建设规划（2020-2025年）》查找差距。"


def test_year_not_from_a_cited_plan_range():
    text = f"一、主要举措和成效\n{PLAN}\n{PLAN}\n2022年，全镇开展普法活动12次。\n2022年以来，调解纠纷30起。\n某镇人民政府\n2023年2月10日\n"
    assert _ctx(text).year == 2022


def test_year_not_from_a_law_date():
    text = "一、主要举措和成效\n学习2024年1月1日起施行的新修订法律。\n2023年，我镇开展普法活动12次。\n2023年全年调解纠纷30起。\n"
    ctx = _ctx(text)
    assert ctx.year == 2023


def test_an_unsure_year_stays_out_of_suggestions():
    text = "法治政府建设汇报材料\n一、主要举措和成效\n2020年全镇调解纠纷90起。\n"
    doc = document_from_text(text)
    report = check_document(doc, load_profile("township"), only={"part-missing", "title-format"})
    assert report.year == 2020
    assert all("2020" not in (f.suggestion or "") and "2021" not in (f.suggestion or "") for f in report.findings)
    assert any("20XX年度推进法治政府建设的主要安排" in (f.suggestion or "") for f in report.findings)


def test_entity_not_guessed_into_the_title_suggestion():
    text = "法治政府建设汇报材料\n一、主要举措和成效\n建设纳入乡规民约。\n建设纳入乡村振兴。\n"
    doc = document_from_text(text)
    report = check_document(doc, load_profile("township"), only={"title-format"})
    assert report.findings and "纳入" not in report.findings[0].suggestion


def test_find_entity_reads_a_published_file_name():
    from fazhi.checker.outline import build_outline

    outline = build_outline(document_from_text("一、主要举措和成效\n全年开展普法活动12次。\n"), [], [])
    found = find_entity(outline, "鹤龙街2024年法治政府建设年度报告")
    assert (found.name, found.source) == ("鹤龙街", "filename")


# ------------------------------------------------------------------ published

# A township report as copied from a government web page (our own words).
PUBLISHED = (Path(__file__).parent / "fixtures" / "published" / "helong_2024.txt").read_text(encoding="utf-8")


def _cli_json(tmp_path, text: str, name: str, *flags):
    import json

    from typer.testing import CliRunner

    from fazhi.cli.app import app

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "-f", "json", "--no-config", *flags])
    data = json.loads(result.stdout)
    return data[0] if isinstance(data, list) else data


def test_published_text_needs_no_addressee_and_skips_web_chrome(tmp_path):
    plain = _cli_json(tmp_path, PUBLISHED, "page.txt")
    assert "addressee-missing" in {f["rule"] for f in plain["findings"]}
    data = _cli_json(tmp_path, PUBLISHED, "page.txt", "--published")
    rules = {f["rule"] for f in data["findings"]}
    assert "addressee-missing" not in rules and "title-format" not in rules
    assert (data["entity"], data["year"]) == ("鹤龙街", 2024)
    assert {p["id"]: p["status"] for p in data["parts"]}["next_year"] == "heading"


def test_published_text_without_its_title_reads_the_file_name_or_title(tmp_path):
    text = PUBLISHED.replace("鹤龙街2024年法治政府建设年度报告\n", "")
    data = _cli_json(tmp_path, text, "鹤龙街2024年法治政府建设年度报告.txt", "--published")
    assert (data["entity"], data["year"]) == ("鹤龙街", 2024)
    assert "title-format" not in {f["rule"] for f in data["findings"]}
    given = _cli_json(tmp_path, text, "page.txt", "--published", "--title", "黄石街2024年法治政府建设年度报告")
    assert given["entity"] == "黄石街"
    missing = _cli_json(tmp_path, text, "page.txt", "--published")
    title = [f for f in missing["findings"] if f["rule"] == "title-format"]
    assert title and "--title" in title[0]["suggestion"]


def test_a_published_page_dates_the_report_by_its_own_field():
    text = "[ 索引号 ] 1150/2024-00019 [ 发文字号 ]\n[ 成文日期 ] 2024-01-27 [ 发布日期 ] 2024-01-28\n岘山镇法治政府建设情况报告\n一、主要举措和成效\n全年开展普法活动12次。\n"
    ctx = _ctx(text, published=True)
    assert (ctx.year, ctx.year_info.source, ctx.meta.doc_date) == (2023, "date", None)
    assert ctx.meta.title.text == "岘山镇法治政府建设情况报告"
    rules = {f.rule for f in check_document(document_from_text(text), ctx.profile).findings}
    assert not rules & {"addressee-missing", "date-missing", "signature-missing", "placeholder"}


def test_json_says_how_entity_and_year_were_read_and_text_says_when_unsure(tmp_path):
    sure = _cli_json(tmp_path, "石市镇2023年度法治政府建设情况报告\n衡阳县委依法治县办：\n一、主要举措和成效\n全年开展普法活动12次。\n", "a.txt")
    assert (sure["entity_kind"], sure["entity_source"], sure["entity_county"], sure["year_source"], sure["year_sure"]) == (
        "township", "title", "430421", "title", True)
    unsure = _cli_json(tmp_path, "法治政府建设汇报材料\n一、主要举措和成效\n2020年全镇调解纠纷90起。\n", "b.txt")
    assert (unsure["year"], unsure["year_sure"]) == (2020, False) and "entity_kind" not in unsure
    from typer.testing import CliRunner

    from fazhi.cli.app import app

    out = CliRunner().invoke(app, ["check", str(tmp_path / "b.txt"), "--no-config"]).stdout
    assert "年度：2020（据正文推断，不确定）" in out


def test_published_is_a_configuration_key(tmp_path):
    (tmp_path / "fazhi.toml").write_text("published = true\n", encoding="utf-8")
    path = tmp_path / "page.txt"
    path.write_text(PUBLISHED, encoding="utf-8")
    from typer.testing import CliRunner

    from fazhi.cli.app import app

    import json

    data = json.loads(CliRunner().invoke(app, ["check", str(path), "-f", "json"]).stdout)
    data = data[0] if isinstance(data, list) else data
    assert "addressee-missing" not in {f["rule"] for f in data["findings"]}


def test_profile_option_wins_over_the_kind_of_report(tmp_path):
    text = "县司法局2024年法治政府建设工作报告\n县委依法治县办：\n一、主要举措和成效\n全年开展普法活动12次。\n"
    assert _cli_json(tmp_path, text, "dept.txt")["profile"] == "county"
    assert _cli_json(tmp_path, text, "dept.txt", "--profile", "township")["profile"] == "township"
