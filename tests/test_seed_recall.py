"""Recall on the seed reports: every defect an experienced reviewer labelled in
seeds/expected.yaml is reported under its rule slug. One test per (seed,
defect), so a miss names itself. For the reference and language rules the
finding must also point at the labelled text."""

from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from conftest import shows
from fazhi.checker import check_path
from fazhi.checker.rules import registry

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
EXPECTED = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
TEXT_CHECKED = {
    "law-repealed", "law-title-unknown", "plan-title-wrong", "outdated-reference", "term-fazhi",
    "halfwidth-punctuation", "unbalanced-brackets", "placeholder", "percent-invalid", "duplicate-paragraph",
}  # fmt: skip

CASES = [
    pytest.param(seed, defect, id=f"{seed[:3]}-{defect['rule']}-{defect['evidence'][:12]}")
    for seed, spec in EXPECTED.items()
    for defect in spec.get("defects", [])
]


@lru_cache(maxsize=None)
def report_of(seed: str):
    return check_path(SEEDS / seed)


@pytest.mark.parametrize("seed, defect", CASES)
def test_labelled_defect_is_reported(seed, defect):
    slug, evidence = defect["rule"], str(defect["evidence"])
    assert slug in registry(), f"expected.yaml labels {seed} with an unknown rule {slug!r}"
    report = report_of(seed)
    hits = [f for f in report.findings if f.rule == slug]
    assert hits, f"{seed}: no {slug} finding (labelled: {evidence})"
    if slug in TEXT_CHECKED:
        assert any(shows(f, SEEDS / seed, evidence) for f in hits), (
            f"{seed}: {slug} findings do not point at “{evidence}”: {[f.evidence for f in hits]}"
        )


def test_labelled_evidence_occurs_in_the_seed():
    for seed, spec in EXPECTED.items():
        text = (SEEDS / seed).read_text(encoding="utf-8")
        for defect in spec.get("defects", []):
            if defect["rule"] in TEXT_CHECKED:
                assert str(defect["evidence"]) in text, (seed, defect)
