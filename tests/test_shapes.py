"""Real report shapes (tests/fixtures/shapes, built by scripts/build_shapes.py,
labels in expected.yaml): who wrote it, which year, each part's status and the
profile used, as .txt and pasted into Word; the labelled defects are found and
the rules a reviewer would not apply stay silent (title-format on a county
department's title, addressee-missing on a published page)."""

from functools import cache
from pathlib import Path

import pytest
import yaml

from conftest import plain_docx, shows
from fazhi.checker import check_path
from fazhi.schema import load_profile

HERE = Path(__file__).resolve().parent / "fixtures" / "shapes"
EXPECTED = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
NAMES = sorted(EXPECTED)
TEXTS = [n for n in NAMES if n.endswith(".txt")]


def _profile(label: dict):
    profile = load_profile("township")
    if label.get("published"):
        profile = profile.model_copy(update={"meta": profile.meta.model_copy(update={"published": True})})
    return profile


@cache
def report_of(name: str):
    return check_path(HERE / name, _profile(EXPECTED[name]))


def _summary(report) -> tuple:
    return report.entity, report.year, {p.id: p.status for p in report.parts}, report.profile


def _want(label: dict) -> tuple:
    return label["entity"], label["year"], label["parts"], label.get("profile", "township")


def test_corpus_has_forty_shapes_each_labelled():
    assert len(TEXTS) >= 40
    assert sorted(p.name for p in HERE.iterdir() if p.suffix in (".txt", ".docx")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_entity_year_parts_and_profile(name):
    assert _summary(report_of(name)) == _want(EXPECTED[name])


@pytest.mark.parametrize("name", TEXTS)
def test_the_same_pasted_into_word(name, tmp_path):
    report = check_path(plain_docx(HERE / name, tmp_path), _profile(EXPECTED[name]))
    assert _summary(report) == _want(EXPECTED[name])


@pytest.mark.parametrize(
    "name, defect",
    [pytest.param(n, d, id=f"{n[:2]}-{d['rule']}") for n in NAMES for d in EXPECTED[n].get("defects") or []],
)
def test_labelled_defect_is_found(name, defect):
    hits = [f for f in report_of(name).findings if f.rule == defect["rule"]]
    assert any(shows(f, HERE / name, defect["evidence"]) for f in hits), [f.message for f in hits]


@pytest.mark.parametrize("name", [n for n in NAMES if EXPECTED[n].get("absent")])
def test_rules_a_reviewer_would_not_apply_stay_silent(name):
    fired = {f.rule for f in report_of(name).findings}
    assert not fired & set(EXPECTED[name]["absent"])


def test_entity_right_on_every_shape():
    right = [n for n in NAMES if report_of(n).entity == EXPECTED[n]["entity"]]
    assert len(right) == len(NAMES)
