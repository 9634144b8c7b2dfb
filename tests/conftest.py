import pathlib
import random

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def expected():
    return yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))


def plain_docx(txt: pathlib.Path, out_dir: pathlib.Path) -> pathlib.Path:
    """A .docx with one paragraph per non-empty line, as a clerk's paste would be."""
    import docx

    d = docx.Document()
    for line in txt.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d.add_paragraph(line.strip())
    path = out_dir / (txt.stem + ".docx")
    d.save(path)
    return path


def shows(finding, path: pathlib.Path, evidence: str) -> bool:
    """The finding's evidence, or its paragraph in the file, contains the labelled text."""
    if evidence in (finding.evidence or ""):
        return True
    if finding.paragraph is None:
        return False
    from fazhi.checker.reader import read_document

    return evidence in read_document(path).paragraph(finding.paragraph).text


def junk(n: int) -> bytes:
    """Random bytes, the same every run (the reader sniffs some random runs as text)."""
    return random.Random(0).randbytes(n)


def findings_with_profile(text: str, slug: str, year: int = 2023, **update):
    """One rule's findings on `text` under the township profile with `update` applied."""
    from fazhi.checker import check_document
    from fazhi.checker.reader import document_from_text
    from fazhi.schema import load_profile

    profile = load_profile("township").model_copy(update=update)
    report = check_document(document_from_text(text), profile, year=year, only={slug})
    return [f for f in report.findings if f.rule == slug]
