"""The committed seed .docx files (scripts/build_seed_docx.py) read back as the
seed .txt: same non-empty paragraphs, whichever way the draft was typed.
(Their part statuses against seeds/expected.yaml: tests/test_seed_parts.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fazhi.checker.reader import read_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))


def normalised(doc) -> list[str]:
    return [re.sub(r"\s+", " ", p.text).strip() for p in doc.paragraphs if p.text.strip()]


@pytest.fixture(scope="module")
def docs():
    return {n: read_document(SEEDS / "docx" / f"{n}.docx") for n in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_docx_reads_as_the_txt(name, docs):
    assert normalised(docs[name]) == normalised(read_document(SEEDS / f"{name}.txt"))


def test_every_reader_path_is_exercised(docs):
    by_prefix = {n[:3]: d for n, d in docs.items()}
    numbered = [p for p in by_prefix["004"].paragraphs if p.marker]
    assert [p.marker for p in numbered[:3]] == ["一、", "（一）", "（二）"]
    assert any(p.marker == "三、" for p in numbered)
    assert sum(len(p.runs) for p in by_prefix["003"].paragraphs) > 10 * len(by_prefix["003"].paragraphs)
    assert {p.outline_level for p in by_prefix["001"].paragraphs} >= {0, 1}
    assert by_prefix["000"].paragraphs[0].alignment == "center" and by_prefix["000"].paragraphs[0].bold
    assert by_prefix["000"].sections[0].top_mm == 37.0


def test_rebuilding_gives_the_same_text(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_seed_docx", SEEDS.parent / "scripts" / "build_seed_docx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    name = NAMES[-1]
    rebuilt = module.build(SEEDS / f"{name}.txt", tmp_path)
    assert normalised(read_document(rebuilt)) == normalised(read_document(SEEDS / "docx" / f"{name}.docx"))
