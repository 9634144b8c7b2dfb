"""A county profile extends the township table, the generic names of entity
detection and the web page furniture (`data: {townships, entity, web_page}`),
through the one loader; a broken file is one line, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fazhi.checker import check_document
from fazhi.checker.engine import build_context
from fazhi.checker.outline import is_web_chrome, web_page
from fazhi.checker.reader import document_from_text
from fazhi.checker.townships import township_table
from fazhi.cli.app import app
from fazhi.errors import ProfileError
from fazhi.loading import load
from fazhi.schema import load_profile

NEW_TOWN = "栖霞湾街道"  # made up: not in the national table
HEAD = "石市镇2025年度法治政府建设情况报告\n衡阳县委依法治县办：\n"
TAIL = "石市镇人民政府\n2026年1月20日\n"


def county(tmp_path: Path, kind: str, name: str, text: str) -> Path:
    data = tmp_path / name
    data.write_text(text, encoding="utf-8")
    path = tmp_path / f"county-{kind}.yaml"
    path.write_text(f"extends: township\ndata:\n  {kind}: [{data}]\n", encoding="utf-8")
    return path


def town_profile(tmp_path: Path):
    return load(str(county(tmp_path, "townships", "towns.tsv", f"county\tname\ttowns\n430421\t衡阳县\t{NEW_TOWN}\n")))


def test_new_town_is_unknown_to_the_builtin_table():
    assert township_table().known(NEW_TOWN) is None


def test_a_profile_adds_a_township_to_its_county(tmp_path):
    towns = township_table(town_profile(tmp_path))
    assert towns.counties(NEW_TOWN) == ("430421",)
    assert "石市镇" in towns.neighbours("430421") and NEW_TOWN in towns.neighbours("430421")
    assert township_table().known(NEW_TOWN) is None  # the built-in table is not changed


def test_entity_detection_places_the_added_township_in_its_county(tmp_path):
    text = f"{NEW_TOWN}2025年度法治政府建设情况报告\n一、主要举措和成效\n全年开展普法活动12次。\n"
    plain = build_context(document_from_text(text), load_profile("township"))
    assert plain.entity_info.name == NEW_TOWN and plain.entity_info.county is None
    ctx = build_context(document_from_text(text), town_profile(tmp_path))
    assert (ctx.entity_info.name, ctx.entity_info.county) == (NEW_TOWN, "430421")


def test_foreign_entity_recognises_the_added_neighbour(tmp_path):
    body = f"一、主要举措和成效\n2025年，{NEW_TOWN}党工委始终把法治建设摆在突出位置。\n"
    doc = lambda: document_from_text(HEAD + body + TAIL)  # noqa: E731
    without = check_document(doc(), load_profile("township"), only={"foreign-entity"})
    assert not [f for f in without.findings if NEW_TOWN in f.message]
    found = check_document(doc(), town_profile(tmp_path), only={"foreign-entity"})
    assert any(NEW_TOWN in f.message and "衡阳县" in f.message for f in found.findings)


def test_a_profile_adds_generic_body_names(tmp_path):
    body = "一、主要举措和成效\n" + "推进岘山镇法治建设，岘山镇全年开展普法活动12次。\n" * 2
    text = "法治政府建设情况报告\n" + body
    assert build_context(document_from_text(text), load_profile("township")).entity == "岘山镇"
    profile = load(str(county(tmp_path, "entity", "entity.yaml", "generic_body_names: [岘山镇]\n")))
    assert build_context(document_from_text(text), profile).entity is None


def test_a_profile_adds_a_line_of_its_own_web_page_furniture(tmp_path):
    line = "本网站由衡阳县政务服务中心主办"
    profile = load(str(county(tmp_path, "web_page", "web.yaml", "furniture: ['本网站由.{2,20}主办']\nfields: [信息类别]\n")))
    assert not is_web_chrome(line) and is_web_chrome(line, web_page(profile))
    assert is_web_chrome("信息类别：法治政府", web_page(profile)) and is_web_chrome("发布时间：2025-03-20", web_page(profile))
    draft = HEAD + "一、主要举措和成效\n全年开展普法活动12次。\n" + line + "\n" + TAIL
    plain = check_document(document_from_text(draft), load_profile("township"), only={"placeholder"})
    assert not [f for f in plain.findings if "本网站" in (f.evidence or "")]
    flagged = check_document(document_from_text(draft), profile, only={"placeholder"})
    assert [f for f in flagged.findings if "本网站" in (f.evidence or "")]


@pytest.mark.parametrize(
    "kind, name, text, words",
    [
        ("townships", "towns.tsv", f"county\tname\ttowns\n4304\t衡阳县\t{NEW_TOWN}\n", "6 位"),
        ("townships", "towns.tsv", "county\tname\ttowns\n430421\t衡阳县\t栖霞湾\n", "栖霞湾"),
        ("townships", "towns.tsv", f"county\tname\ttowns\n999999\t\t{NEW_TOWN}\n", "县名"),
        ("townships", "towns.tsv", f"code\ttowns\n430421\t{NEW_TOWN}\n", "缺少列 county"),
        ("entity", "entity.yaml", "generic_body_names: [中心]\n", "generic_body_names"),
        ("web_page", "web.yaml", "furniture: ['本网站(']\n", "正则"),
        ("web_page", "web.yaml", "fields: [索引号\n", "YAML"),
    ],
)
def test_a_bad_file_is_one_line_exit_2(tmp_path, kind, name, text, words):
    path = county(tmp_path, kind, name, text)
    with pytest.raises(ProfileError, match=words):
        load(str(path))
    report = tmp_path / "r.txt"
    report.write_text(HEAD + "一、主要举措和成效\n全年开展普法活动12次。\n" + TAIL, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(report), "-p", str(path), "--no-config"])
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and name in lines[0] and "Traceback" not in result.output
