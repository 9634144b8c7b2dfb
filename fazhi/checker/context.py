"""What a rule sees: the document model, its outline and parts, the profile,
the report's year and entity. Built once per document by the engine."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable, TypeVar

from fazhi.checker.entity import Entity
from fazhi.checker.model import Document, Paragraph
from fazhi.checker.outline import Outline
from fazhi.checker.parts import PartResult
from fazhi.checker.year import Year

if TYPE_CHECKING:
    from fazhi.schema.models import Profile

T = TypeVar("T")


@dataclass
class Context:
    doc: Document
    profile: Profile
    outline: Outline
    parts: dict[str, PartResult]
    year: int | None
    entity: str | None
    paragraph_part: dict[int, str] = field(default_factory=dict)
    entity_info: Entity | None = None  # kind, where it was read, its county
    year_info: Year | None = None  # where the year was read, how sure
    # Per-document work shared by rules (see `memo`); dropped with the context.
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def body(self) -> list[Paragraph]:
        """Non-empty body paragraphs, metadata (title, 主送机关, 署名, 日期) excluded."""
        return self.outline.body

    @property
    def meta(self):
        return self.outline.meta

    def part_of(self, para: Paragraph | int) -> str | None:
        index = para if isinstance(para, int) else para.index
        return self.paragraph_part.get(index)

    @cached_property
    def nonempty(self) -> list[Paragraph]:
        """`doc.nonempty()`, once per document; do not modify the list."""
        return self.doc.nonempty()

    @cached_property
    def full_text(self) -> str:
        """Every paragraph's text, one per line: a rule whose pattern cannot match
        it (`_prefilter`) skips the paragraphs with one scan."""
        return "\n".join(p.text for p in self.doc.paragraphs)

    @cached_property
    def _starts(self) -> list[int]:
        """Where each paragraph starts in `full_text`."""
        starts, at = [], 0
        for p in self.doc.paragraphs:
            starts.append(at)
            at += len(p.text) + 1
        return starts

    def paragraphs_hit(self, offsets) -> set[int]:
        """Indices of the paragraphs holding these offsets of `full_text`: one scan
        of the whole text tells which few paragraphs a rule must look at (for
        what cannot span a line break)."""
        starts, paragraphs = self._starts, self.doc.paragraphs
        return {paragraphs[bisect_right(starts, at) - 1].index for at in offsets}

    @cached_property
    def _allow_re(self) -> re.Pattern | None:
        if not self.profile.allow:
            return None
        return re.compile("|".join(re.escape(a) for a in sorted(self.profile.allow, key=len, reverse=True)))

    def allowed(self, para: Paragraph, start: int, end: int) -> bool:
        """True when [start, end) lies inside a phrase the profile allows."""
        if self._allow_re is None:
            return False
        return any(m.start() <= start and end <= m.end() for m in self._allow_re.finditer(para.text))

    def memo(self, key, compute: Callable[[], T]) -> T:
        """`compute()` once per document: work several rules need (a place-name
        index, a normalized text) is done by the first that asks."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def trusted_entity(self) -> str | None:
        """The entity when a suggestion may name it (read from the title/signature or the table)."""
        return self.entity if self.entity_info is not None and self.entity_info.trusted else None

    @property
    def trusted_year(self) -> int | None:
        """The year when a suggestion may name it (not a guess from a few body mentions)."""
        return self.year if self.year_info is None or self.year_info.sure else None

    def setting(self, slug: str):
        """The profile's setting of a rule, looked up once per document (a
        default setting is a pydantic model built on every lookup)."""
        settings = self.memo("context.settings", dict)
        if slug not in settings:
            settings[slug] = self.profile.rule_setting(slug)
        return settings[slug]

    def option(self, slug: str, key: str, default=None):
        return self.setting(slug).options.get(key, default)
