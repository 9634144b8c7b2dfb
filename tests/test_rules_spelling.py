"""The spelling group: typo, variant-word (and the traps a spelling layer must
not fall into: place names, the entity, law titles, quotations, allow-lists,
sequences that cross a word boundary)."""

import json

import pytest
from typer.testing import CliRunner

from fazhi.checker.engine import check_document
from fazhi.checker.reader import document_from_text
from fazhi.checker.testing import findings_for
from fazhi.cli.app import app
from fazhi.config import FileConfig, apply_config
from fazhi.schema import load_profile


def spans(text, slug):
    return [(f.evidence, f.extra.get("right")) for f in findings_for(text, slug, year=2023)]


# ---------------------------------------------------------------- typo: always wrong


@pytest.mark.parametrize(
    "text, wrong, right",
    [
        ("全面惯彻落实党的二十大精神。", "惯彻", "贯彻"),
        ("按照县委部暑，开展专项行动。", "部暑", "部署"),
        ("持旭推进法治政府建设。", "持旭", "持续"),
        ("对照规划刚要逐项落实。", "规划刚要", "规划纲要"),
        ("坚持依法刑政，规范执法行为。", "依法刑政", "依法行政"),
        ("他己经完成整改。", "己经", "已经"),
    ],
)
def test_curated_typo_is_flagged_with_its_correction(text, wrong, right):
    assert spans(text, "typo") == [(wrong, right)]


@pytest.mark.parametrize(
    "text",
    [
        "干部要管好自己经手的事项。",  # 自己 + 经手, not 己经
        "各单位各自已经完成自查。",  # 各自 + 已经, not 自已
        "有关健康扶贫的政策全部落实。",  # 有关 + 健康, not 关健
        "法治讲座落到实处。",  # 讲座 + 落到, not 座落
    ],
)
def test_sequences_across_a_word_boundary_are_not_typos(text):
    assert spans(text, "typo") == []


# ---------------------------------------------------------------- typo: in context


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("截止2024年底，共办理案件12件。", True),
        ("截止目前，已完成整改。", True),
        ("截止12月31日，共受理申请3件。", True),
        ("截止到2024年底，共办理案件12件。", False),
        ("报名截止日期为3月1日。", False),
        ("截至2024年底，共办理案件12件。", False),
    ],
)
def test_jiezhi_before_a_date(text, flagged):
    assert bool(spans(text, "typo")) is flagged


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("依法做出行政处罚决定5件。", True),
        ("为全镇发展做出了积极贡献。", True),
        ("依法作出行政处罚决定5件。", False),
        ("做出样品送检。", False),
        ("其它人员按规定参加培训。", True),
        ("其它事项按规定办理。", False),
        ("制订了地方性法规。", True),
        ("配合制订《湖南省乡镇综合执法条例》。", True),
        ("制订规章制度12项。", False),
        ("制订年度普法工作方案。", False),
        ("制订《岘山镇行政执法公示办法》。", False),
    ],
)
def test_context_pairs(text, flagged):
    assert bool(spans(text, "typo")) is flagged


# ---------------------------------------------------------------- variant-word


def test_variant_word_recommends_the_table_form():
    found = findings_for("大力宏扬法治精神，配备专业人材。", "variant-word", year=2023)
    assert [(f.evidence, f.extra["right"]) for f in found] == [("宏扬", "弘扬"), ("人材", "人才")]
    assert all("GF 1001-2001" in f.basis for f in found)
    assert all(f.severity == "warning" for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "资金一笔划拨到位。",  # 一笔 + 划拨
        "收集个人材料32份。",  # 个人 + 材料
        "古人云：“刻划分明，法度乃立。”",  # a quotation stays as written
        "学习《笔划规范读本》。",  # a title stays as written
        "大力弘扬法治精神，配备专业人才。",
    ],
)
def test_variant_word_traps(text):
    assert findings_for(text, "variant-word", year=2023) == []


# ---------------------------------------------------------------- traps: names, titles, allow-list


def test_the_reports_entity_is_never_touched():
    text = "余辉镇2023年度法治政府建设工作报告\n余辉镇持续推进依法行政，晚霞余辉映照法治长廊。\n"
    found = findings_for(text, "variant-word", year=2023)
    assert [(f.paragraph, f.start) for f in found] == [(2, 14)]  # only the common noun 余辉 → 余晖


def test_a_known_law_title_is_left_as_issued():
    text = "学习《中华人民共和国行政复议法》，推进行政复义工作。"
    assert spans(text, "typo") == [("行政复义", "行政复议")]


def test_the_profile_allow_list_silences_a_word():
    profile = apply_config(load_profile("township"), FileConfig(allow=["惯彻"]))
    report = check_document(document_from_text("全面惯彻落实。\n"), profile, year=2023, only={"typo"})
    assert report.findings == []


def test_a_profile_data_file_adds_pairs_and_allowed_words(tmp_path):
    extra = tmp_path / "my_typos.yaml"
    extra.write_text("always:\n  - {wrong: 扫黑除饿, right: 扫黑除恶}\nallow: [持旭]\n", encoding="utf-8")
    variants = tmp_path / "my_variants.tsv"
    variants.write_text("variant\tstandard\n週报\t周报\n", encoding="utf-8")
    profile = apply_config(load_profile("township"), FileConfig(data={"typos": [str(extra)], "variants": [str(variants)]}))
    doc = document_from_text("我镇开展扫黑除饿专项斗争，持旭推进依法行政，每周编发週报。\n")
    report = check_document(doc, profile, year=2023, only={"typo", "variant-word"})
    assert [(f.rule, f.evidence) for f in report.findings] == [("typo", "扫黑除饿"), ("variant-word", "週报")]


def test_a_broken_typo_file_is_a_one_line_profile_error(tmp_path):
    from fazhi.checker.rules.spelling._data import pairs
    from fazhi.errors import ProfileError

    bad = tmp_path / "bad.yaml"
    bad.write_text("context:\n  - {wrong: 截止, right: 截至}\n", encoding="utf-8")
    profile = apply_config(load_profile("township"), FileConfig(data={"typos": [str(bad)]}))
    with pytest.raises(ProfileError, match="followed_by"):
        pairs(profile)


# ---------------------------------------------------------------- --select / --ignore


def check_json(tmp_path, text, *args):
    (tmp_path / ".git").mkdir(exist_ok=True)
    f = tmp_path / "r.txt"
    f.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(f), "-f", "json", "--jobs", "1", *args])
    return result, (json.loads(result.stdout) if result.stdout.strip().startswith("{") else None)


REPORT = "全面惯彻落实上级部署，大力宏扬法治精神。\n"


def test_select_a_group_runs_only_its_rules(tmp_path):
    result, data = check_json(tmp_path, REPORT, "--select", "spelling")
    assert result.exit_code in (0, 1)
    assert {f["rule"] for f in data["findings"]} == {"typo", "variant-word"}


def test_select_a_slug_and_ignore(tmp_path):
    _, data = check_json(tmp_path, REPORT, "--select", "typo,variant-word", "--ignore", "variant-word")
    assert {f["rule"] for f in data["findings"]} == {"typo"}
    _, data = check_json(tmp_path, REPORT, "--ignore", "spelling")
    assert data["findings"] and not {f["rule"] for f in data["findings"]} & {"typo", "variant-word"}


def test_select_an_unknown_name_is_exit_2(tmp_path):
    result, _ = check_json(tmp_path, REPORT, "--select", "speling")
    assert result.exit_code == 2
    assert "speling" in result.stderr and "spelling" in result.stderr and "Traceback" not in result.stderr


def test_select_in_the_configuration_and_overridden_on_the_command_line(tmp_path):
    (tmp_path / "fazhi.toml").write_text('select = ["spelling"]\nignore = ["variant-word"]\n', encoding="utf-8")
    _, data = check_json(tmp_path, REPORT)
    assert {f["rule"] for f in data["findings"]} == {"typo"}
    _, data = check_json(tmp_path, REPORT, "--select", "variant-word")
    assert {f["rule"] for f in data["findings"]} == set()  # the file's ignore still holds
    _, data = check_json(tmp_path, REPORT, "--select", "structure")
    assert data["findings"] and {f["rule"] for f in data["findings"]} <= {r for r in _structure_slugs()}


def _structure_slugs():
    from fazhi.checker.rules import registry

    return {s for s, r in registry().items() if r.group == "structure"}


def test_ci_takes_select_too(tmp_path):
    (tmp_path / ".git").mkdir()
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    result = CliRunner().invoke(app, ["ci", str(f), "-f", "json", "--select", "typo", "--fail-on", "never"])
    assert result.exit_code == 0
    assert {x["rule"] for x in json.loads(result.stdout)["findings"]} == {"typo"}


# ---------------------------------------------------------------- typo: the dictionary detector

from fazhi.checker.rules.spelling import _detector  # noqa: E402


def detector_findings(text):
    return [(f.evidence, f.extra.get("right")) for f in findings_for(text, "typo", year=2023) if f.extra.get("detector")]


def test_detector_finds_a_character_that_makes_no_word():
    found = findings_for("大力培育发展大数局产业。", "typo", year=2023)
    assert [(f.evidence, f.extra["right"]) for f in found] == [("局", "据")]
    f = found[0]
    assert f.extra["detector"] == "dictionary" and "统计推断" in f.basis and f.severity == "warning"
    assert f.start == 8 and f.end == 9


@pytest.mark.parametrize(
    "text",
    [
        "由吴祎同志负责。",  # a person's name before 同志 (吴 → 于 would be "likelier")
        "齐圣村开展法治宣传。",  # a village name (圣 → 声)
        "走访齐圣社区群众。",
        "柳泉村开展法治宣传。",
        "“驾长车，踏破贺兰山缺。”",  # a quotation of an old text stays as written
        "完成20个3A级景区创建，网址www.gov.cn。",  # digits, Latin, URLs
    ],
)
def test_detector_traps(text):
    assert detector_findings(text) == []


def test_the_traps_would_be_flagged_without_their_guard():
    # the guard, not a lack of evidence, keeps these clean
    for text in ("由吴祎同志负责。", "齐圣村开展法治宣传。", "驾长车，踏破贺兰山缺。"):
        assert _detector.suggestions(text), text


def test_a_term_the_document_repeats_is_not_a_slip():
    once = "全面推行驾长制度。\n"
    assert detector_findings(once) == [("驾", "家")]  # 家长制度
    assert detector_findings(once * 3) == []


def test_detector_findings_carry_no_fix():
    (f,) = findings_for("大力培育发展大数局产业。", "typo", year=2023)
    assert "fix" not in f.extra and not f.fix


def test_detector_skips_curated_and_variant_spans():
    found = findings_for("全面惯彻落实，大力宏扬法治精神。", "typo", year=2023)
    assert [(f.evidence, f.extra.get("detector")) for f in found] == [("惯彻", None)]


# ---------------------------------------------------------------- fixes


def test_variant_word_and_curated_typos_carry_a_fix():
    text = "全面惯彻落实，大力宏扬法治精神。截止2024年底完成。"
    found = findings_for(text, "typo", year=2023) + findings_for(text, "variant-word", year=2023)
    edits = sorted((e.start, e.end, e.replacement) for f in found for e in f.fix)
    assert edits == [(2, 4, "贯彻"), (9, 11, "弘扬"), (16, 18, "截至")]
    fixed = text
    for s, e, r in reversed(edits):
        fixed = fixed[:s] + r + fixed[e:]
    assert findings_for(fixed, "typo", year=2023) == [] and findings_for(fixed, "variant-word", year=2023) == []


def test_usage_pairs_stay_comments():
    (f,) = findings_for("为全镇发展做出了积极贡献。", "typo", year=2023)
    assert f.fix == []


# ---------------------------------------------------------------- nonstandard-char


def test_traditional_characters_are_flagged_with_their_simplified_form():
    found = findings_for("全鎮召開依法治鎮工作會議。", "nonstandard-char", year=2023)
    assert [(f.evidence, f.extra["right"]) for f in found] == [("鎮", "镇"), ("開", "开"), ("鎮", "镇"), ("會議", "会议")]
    assert all(f.fix and f.fix[0].replacement == f.extra["right"] for f in found)
    assert "通用规范汉字表" in found[0].basis


@pytest.mark.parametrize(
    "text",
    [
        "古人云：“法者，治之端也；君子者，法之原也。故有君子，則法雖省，足以徧矣。”",  # a quotation
        "组织学习《論語》选读。",  # a title as published
        "乾坤朗朗，著名学者到镇讲学，慰藉群众。",  # 乾 著 藉 are standard characters of their own
        "共办理20件，网址www.gov.cn。",
    ],
)
def test_nonstandard_char_traps(text):
    assert findings_for(text, "nonstandard-char", year=2023) == []


def test_a_paragraph_mostly_in_traditional_gets_one_hint():
    text = "會議認為，鎮黨委、鎮政府高度重視法治建設，紮實推進依法行政，群眾滿意度顯著提升。"
    found = findings_for(text, "nonstandard-char", year=2023)
    assert len(found) == 1 and found[0].severity == "info" and not found[0].fix


# ---------------------------------------------------------------- a sample of ECSpell


def test_precision_and_false_alarms_on_an_ecspell_sample():
    """The group on 160 held-back ECSpell sentences (one paragraph each, as the
    measurement tool does): findings must sit on real errors."""
    from pathlib import Path

    rows = [
        line.split("\t")
        for line in (Path(__file__).parent / "fixtures" / "ecspell" / "sample.tsv").read_text(encoding="utf-8").splitlines()
    ]
    doc = document_from_text("\n".join(src for _, src, _ in rows) + "\n")
    profile = load_profile("township")
    report = check_document(doc, profile, year=2023, only={"typo", "variant-word", "nonstandard-char"})
    by_line: dict[int, list] = {}
    for f in report.findings:
        by_line.setdefault(f.paragraph, []).append(f)
    hits = alarms = clean_flagged = detected = 0
    for n, (_, src, tgt) in enumerate(rows, 1):
        errors = {i for i, (a, b) in enumerate(zip(src, tgt)) if a != b}
        found = by_line.get(n, [])
        good = [f for f in found if any(f.start <= i < f.end for i in errors)]
        hits += len(good)
        alarms += len(found) - len(good)
        detected += bool(errors and good)
        clean_flagged += bool(not errors and found)
    assert hits >= 9 * alarms  # precision ≥ 90 %
    assert clean_flagged <= 1  # of 80 clean sentences
    assert detected >= 20  # of 80 sentences with an error
