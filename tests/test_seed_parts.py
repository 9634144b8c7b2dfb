"""The five seeds' part statuses equal the reviewer's labels, as .txt and .docx (50/50)."""

import pytest
import yaml

from conftest import SEEDS, plain_docx
from fazhi.checker import check_path

LABELS = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))


def _statuses(path):
    return {p.id: p.status for p in check_path(path).parts}


@pytest.mark.parametrize("name", sorted(LABELS))
def test_txt_part_statuses(name):
    assert _statuses(SEEDS / name) == LABELS[name]["parts"]


@pytest.mark.parametrize("name", sorted(LABELS))
def test_plain_docx_part_statuses(name, tmp_path):
    assert _statuses(plain_docx(SEEDS / name, tmp_path)) == LABELS[name]["parts"]


@pytest.mark.parametrize("name", sorted(LABELS))
def test_committed_seed_docx_part_statuses(name):
    path = SEEDS / "docx" / name.replace(".txt", ".docx")
    if not path.exists():
        pytest.skip("seeds/docx not built")
    assert _statuses(path) == LABELS[name]["parts"]


@pytest.mark.parametrize("name", sorted(LABELS))
def test_seed_entity_and_year(name):
    report = check_path(SEEDS / name)
    label = LABELS[name]
    assert report.entity == label["entity"].split(" ")[0]
    years = str(label["years"])
    assert report.year == int(years.split("-")[-1])


@pytest.mark.parametrize("name", sorted(LABELS))
def test_seed_band(name):
    """Score bands from the labels: good ≥ 85, fair 60-84, poor < 60."""
    report = check_path(SEEDS / name)
    band = LABELS[name]["band"]
    if band == "good":
        assert report.score >= 85
    elif band == "fair":
        assert 60 <= report.score < 85
    else:
        assert report.score < 60
