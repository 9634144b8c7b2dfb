import pathlib

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
