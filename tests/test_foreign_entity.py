"""foreign-entity and the place resolution behind it (rules/content/_places.py)."""

import pathlib

import pytest

from fazhi.checker.engine import build_context
from fazhi.checker.reader import document_from_text, read_document
from fazhi.checker.rules.content._places import divisions, locate, town_mentions
from fazhi.checker.testing import findings_for
from fazhi.errors import ProfileError
from fazhi.schema import load_profile

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "seeds"
SLUG = "foreign-entity"


def ctx_of(text, profile="township"):
    return build_context(document_from_text(text), load_profile(profile))


def found(text, year=2023, profile="township"):
    return findings_for(text, SLUG, year=year, profile=profile)


def report(*body, title="岘山镇2023年度法治政府建设工作报告", addressee="衡阳县委依法治县办：", signature="衡阳县岘山镇人民政府"):
    lines = [title, addressee, "一、2023年度推进法治政府建设的主要举措和成效", *body, signature, "2024年2月22日"]
    return "\n".join(line for line in lines if line) + "\n"


# ---------------------------------------------------------------- location


@pytest.mark.parametrize(
    "seed, where",
    [
        ("000_34dc2306ccfd2865.txt", "湖南省衡阳市衡阳县"),
        ("001_f4cae163528c1ce9.txt", "湖南省衡阳市衡阳县"),
        ("002_3c0df08b306f7395.txt", "湖南省株洲市醴陵市"),
        ("003_cfeccfaec11a132e.txt", "重庆市石柱土家族自治县"),
        ("004_5eb6a8149b33c332.txt", "广东省韶关市浈江区"),
    ],
)
def test_seed_location(seed, where):
    ctx = build_context(read_document(SEEDS / seed), load_profile("township"))
    assert locate(ctx).describe() == where


def test_location_from_addressee_alone():
    ctx = ctx_of(report("全年召开专题会议4次。", signature="岘山镇人民政府"))
    assert locate(ctx).describe() == "湖南省衡阳市衡阳县"


def test_two_character_county_in_signature_counts():
    ctx = ctx_of(report("完成宣城市在线学法考试。", addressee="", signature="泾县蔡家桥镇人民政府", title="蔡家桥镇2023年度法治政府建设情况报告"))
    assert locate(ctx).describe() == "安徽省宣城市泾县"


def test_no_place_names_no_location():
    assert locate(ctx_of(report("全年召开专题会议4次。", addressee="县委依法治县办：", signature="岘山镇人民政府"))) is None


def test_short_forms_of_autonomous_units():
    table = divisions(ctx_of("x"))
    assert {d.code for d in table.names["石柱县"][1]} == {"500240"}
    assert table.names["湘西州"][1][0].type == "自治州"


def test_generic_words_are_not_places():
    table = divisions(ctx_of("x"))
    assert table.find("城区和郊区、矿区的执法") == []
    assert [h.name for h in table.find("湖南区域协调发展")] == ["湖南"]  # 南区域 is no district
    assert table.find("规范白银市场秩序") == []


def test_town_mentions_skip_county_prefix_and_words():
    ctx = ctx_of(report("紧紧围绕镇党委中心工作，推进乡镇综合执法。", "制定《衡阳县岘山镇政务公开制度》。"))
    assert {(m.name, m.where) for m in town_mentions(ctx)} == {("岘山镇", "标题"), ("岘山镇", "署名"), ("岘山镇", "文件名")}


# ---------------------------------------------------------------- the seeds


def test_seed_002_autonomous_region_in_hunan():
    report_ = findings_for((SEEDS / "002_3c0df08b306f7395.txt").read_text(encoding="utf-8"), SLUG)
    assert [f.evidence for f in report_] == ["自治区"]
    assert "湖南省不是自治区" in report_[0].message
    assert report_[0].paragraph == 41


@pytest.mark.parametrize("seed", ["000_34dc2306ccfd2865.txt", "001_f4cae163528c1ce9.txt", "003_cfeccfaec11a132e.txt", "004_5eb6a8149b33c332.txt"])
def test_other_seeds_are_clean(seed):
    assert findings_for((SEEDS / seed).read_text(encoding="utf-8"), SLUG) == []


# ---------------------------------------------------------------- what is flagged


def test_other_province_flagged_once_per_name():
    got = found(report("在湖北省委、省政府的正确领导下推进工作。", "湖北省委高度重视。"))
    assert [(f.evidence, f.paragraph) for f in got] == [("湖北省", 4)]
    assert "湖南省衡阳市衡阳县" in got[0].message and got[0].severity == "warning"


def test_county_of_other_province_flagged_with_its_province():
    got = found(report("认真落实通城县委依法治县办的部署。"))
    assert got and got[0].evidence == "通城县" and "湖北省" in got[0].message


def test_same_province_other_county_as_author():
    got = found(report("认真落实衡南县委依法治县办的部署。", "根据《祁东县重大行政决策程序规定》开展工作。"))
    assert [f.evidence for f in got] == ["衡南县", "祁东县"]


def test_same_province_other_county_in_passing_is_fine():
    assert found(report("与衡南县司法所联合开展普法活动。", "辖区内有衡南县的务工人员。")) == []


def test_own_prefecture_and_province_are_fine():
    assert found(report("在衡阳市委、市政府和湖南省委的领导下，落实《湖南省重大行政决策程序规定》。")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "组织干部赴浙江省安吉县考察学习。",
        "学习借鉴浙江省“最多跑一次”改革经验。",
        "与贵州省榕江县开展东西部协作。",
        "辖区内有在广东省东莞市务工人员300余人。",
    ],
)
def test_external_contexts_are_fine(sentence):
    assert found(report(sentence)) == []


def test_autonomous_prefecture_where_there_is_none():
    got = found(report("推进自治州法治建设。"))
    assert [f.evidence for f in got] == ["自治州"] and "衡阳市不是自治州" in got[0].message


def test_quoted_national_list_is_fine():
    assert found(report("按照各省、自治区、直辖市的统一部署。", "落实民族区域自治制度。")) == []


def test_autonomous_words_fine_where_they_exist():
    guangxi = "\n".join(
        [
            "大塘镇2023年度法治政府建设情况报告",
            "一、主要举措和成效",
            "落实自治区党委和自治区人民政府的部署，执行《广西壮族自治区行政执法监督办法》。",
            "在鹿寨县委、县政府的领导下，认真落实鹿寨县依法治县办的要求。",
            "鹿寨县大塘镇人民政府",
            "2024年2月1日",
        ]
    )
    assert found(guangxi) == []


def test_chongqing_autonomous_county_is_fine_but_prefecture_is_not():
    text = "\n".join(
        [
            "王场镇2020年法治政府建设工作报告",
            "根据《石柱土家族自治县人民政府办公室关于做好法治政府建设工作的通知》，与石柱县法律事务所签订合同。",
            "落实自治县和自治州的部署。",
            "石柱土家族自治县王场镇人民政府",
        ]
    )
    got = found(text, year=2020)
    assert [f.evidence for f in got] == ["自治州"] and "重庆市没有自治州" in got[0].message


def test_other_township_in_document_name_and_signature():
    got = found(report("根据《城关镇重大行政决策程序规定》开展工作。", signature="衡阳县西渡镇人民政府"))
    assert sorted(f.evidence for f in got) == ["城关镇", "西渡镇"]
    assert all("岘山镇" in f.message for f in got)


def test_other_township_in_preamble():
    got = found(report("现将城关镇2023年法治政府建设情况报告如下："))
    assert [f.evidence for f in got] == ["城关镇"]


def test_nothing_but_a_township_mismatch_without_location():
    # One mention of 湖北省 is not enough to say where the report comes from, so
    # neither it nor 自治区 can be judged; another township's name still can.
    # (青溪坪镇 is in no county of the township table, so it does not place the report either.)
    text = report("落实自治区的部署。", "在湖北省委的领导下，根据《城关镇工作要点》开展工作。", addressee="", signature="青溪坪镇人民政府")
    text = text.replace("岘山镇", "青溪坪镇")
    assert locate(ctx_of(text)) is None
    assert [f.evidence for f in found(text)] == ["城关镇"]


def test_the_township_table_places_a_report_its_names_do_not():
    # 岘山镇 is a township of 衡阳县 (湖南): 自治区 and 湖北省委 are someone else's.
    text = report("落实自治区的部署。", "在湖北省委的领导下，根据《城关镇工作要点》开展工作。", addressee="", signature="岘山镇人民政府")
    assert locate(ctx_of(text)) is None
    assert {f.evidence for f in found(text)} == {"城关镇", "自治区", "湖北省"}


# ---------------------------------------------------------------- configuration


def test_allow_list_silences_a_name(tmp_path):
    prof = tmp_path / "mine.yaml"
    prof.write_text("extends: township\nallow: [通城县]\n", encoding="utf-8")
    text = report("认真落实通城县委依法治县办的部署。")
    assert found(text) and found(text, profile=str(prof)) == []


def test_extra_divisions_file(tmp_path):
    extra = tmp_path / "extra.tsv"
    extra.write_text("# test\n439901\t云溪新县\t430400\tcounty\t县\n", encoding="utf-8")
    prof = tmp_path / "mine.yaml"
    prof.write_text(f"extends: township\ndata:\n  divisions: [{extra}]\n", encoding="utf-8")
    text = report("认真落实云溪新县委依法治县办的部署。")
    assert found(text) == []
    got = found(text, profile=str(prof))
    assert [f.evidence for f in got] == ["云溪新县"]


def test_bad_divisions_file_is_a_profile_error(tmp_path):
    extra = tmp_path / "bad.tsv"
    extra.write_text("439901\t云溪新县\n", encoding="utf-8")
    prof = tmp_path / "mine.yaml"
    prof.write_text(f"extends: township\ndata:\n  divisions: [{extra}]\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="第1行: 格式错误"):
        found(report("x"), profile=str(prof))


@pytest.mark.parametrize(
    "content, message",
    [(b"439901\t\xff\xfe\n", "第1行: 既不是 UTF-8 也不是 GBK"), (None, "找不到数据文件")],
)
def test_unreadable_divisions_file_is_a_profile_error(tmp_path, content, message):
    extra = tmp_path / "extra.tsv"
    if content is not None:
        extra.write_bytes(content)
    prof = tmp_path / "mine.yaml"
    prof.write_text(f"extends: township\ndata:\n  divisions: [{extra}]\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        found(report("x"), profile=str(prof))


def test_bad_divisions_file_exits_2_with_one_line(tmp_path):
    import subprocess
    import sys

    extra = tmp_path / "bad.tsv"
    extra.write_text("only-one-column\n", encoding="utf-8")
    prof = tmp_path / "mine.yaml"
    prof.write_text(f"extends: township\ndata:\n  divisions: [{extra}]\n", encoding="utf-8")
    p = subprocess.run(
        [sys.executable, "-m", "fazhi", "check", "--profile", str(prof), str(SEEDS / "001_f4cae163528c1ce9.txt")],
        capture_output=True,
        text=True,
    )
    assert p.returncode == 2
    assert "Traceback" not in p.stderr and "第1行: 格式错误" in p.stderr
