"""The law table (fazhi/data/laws.tsv + law_aliases.tsv + the profile's
`data: {laws: […], law_aliases: […]}`) and lookups by full or short title."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from fazhi.schema.datafiles import at, paths, read_tsv
from fazhi.checker.rules.references._text import norm_brackets, short_law_title
from fazhi.errors import ProfileError

if TYPE_CHECKING:
    from fazhi.schema.models import Profile

@dataclass(frozen=True, slots=True)
class Law:
    title: str
    short_title: str
    status: str  # valid | repealed
    effective: str = ""
    repealed: str = ""
    replaced_by: str = ""
    note: str = ""
    kind: str = "law"
    repeal_basis: str = ""  # the provision that repealed it, shown as the finding's basis

    @property
    def repealed_on(self) -> date | None:
        try:
            return date.fromisoformat(self.repealed) if self.repealed else None
        except ValueError:
            return None

    @property
    def repeal_verified(self) -> bool:
        """False where the table's note says the repeal data are from memory."""
        note = self.note.lower()
        return "unverified" not in note or "repeal verified" in note

    @property
    def display(self) -> str:
        return f"《{self.title}》"


def _key(title: str) -> str:
    return short_law_title(norm_brackets(title))


class LawTable:
    def __init__(self, laws: list[Law], aliases: dict[str, str]):
        self.by_key: dict[str, Law] = {}
        for law in laws:
            for name in (law.title, law.short_title):
                if not name:
                    continue
                old = self.by_key.get(_key(name))
                # Two rows with one name (old and new law): the valid one wins.
                if old is None or old.status != "valid":
                    self.by_key[_key(name)] = law
        by_title = {law.title: law for law in laws}
        for alias, title in aliases.items():
            if title in by_title:
                self.by_key.setdefault(_key(alias), by_title[title])
        # Suggestions come from valid national laws only.
        self._pool = sorted({_key(law.title) for law in laws if law.kind == "law" and law.status == "valid"})

    def lookup(self, title: str) -> Law | None:
        return self.by_key.get(_key(title))

    def nearest(self, title: str, limit: int = 3) -> list[tuple[str, float]]:
        """Valid national law titles (short form) the title is most likely a misquote of:
        similarity ≥ 85, or ≥ 75 when one title contains the other's characters in
        order (乡村振兴法 → 乡村振兴促进法). One changed character in a short title
        (耕地保护法 / 湿地保护法) names another subject, not a typo."""
        key = _key(title)
        hits = process.extract(key, self._pool, scorer=fuzz.ratio, limit=limit + 5, score_cutoff=75)
        near = [(name, score) for name, score, _ in hits if score >= 85 or _subsequence(key, name) or _subsequence(name, key)]
        return near[:limit]


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def _read_laws(path: str) -> list[Law]:
    laws = []
    for row in read_tsv(path, "laws"):
        if not row["title"]:
            raise ProfileError(f"{at(path, row)}: 缺少 title（法律全称）")
        if row["status"] not in ("valid", "repealed"):
            raise ProfileError(f"{at(path, row)}: status 应为 valid 或 repealed，实际为“{row['status']}”")
        if row["status"] == "repealed" and not _is_date(row.get("repealed", "")):
            raise ProfileError(f"{at(path, row)}: 已废止的法律须在 repealed 列写明废止日期（如 2021-01-01）")
        laws.append(
            Law(
                title=row["title"],
                short_title=row["short_title"] or short_law_title(row["title"]),
                status=row["status"],
                effective=row.get("effective", ""),
                repealed=row.get("repealed", ""),
                replaced_by=row.get("replaced_by", ""),
                note=row.get("note", ""),
                kind=row.get("kind", "") or "law",
                repeal_basis=row.get("repeal_basis", ""),
            )
        )
    return laws


def _is_date(s: str) -> bool:
    try:
        date.fromisoformat(s)
        return True
    except ValueError:
        return False


@lru_cache(maxsize=8)
def _table(law_files: tuple[str, ...], alias_files: tuple[str, ...]) -> LawTable:
    by_title: dict[str, Law] = {}
    for path in law_files:
        for law in _read_laws(path):
            by_title[law.title] = law  # a user row replaces the built-in one
    aliases: dict[str, str] = {}
    for path in alias_files:
        for row in read_tsv(path, "law_aliases"):
            if row["alias"] and row["title"]:
                aliases[row["alias"]] = row["title"]
    return LawTable(list(by_title.values()), aliases)


def law_table(profile: "Profile") -> LawTable:
    return _table(paths(profile, "laws"), paths(profile, "law_aliases"))
