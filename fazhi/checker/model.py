"""The document model every layer above the reader works on.

The reader fills it from .docx/.txt/.md; nothing above it touches XML or bytes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Run:
    """A stretch of text with one set of effective character properties
    (resolved through docDefaults → style chain → paragraph → run)."""

    text: str
    bold: bool = False
    font_east_asia: str | None = None  # w:eastAsia, what Word uses for CJK text
    font_ascii: str | None = None
    size_pt: float | None = None


@dataclass(slots=True)
class Paragraph:
    """One paragraph as a person sees it in Word.

    `index` is 1-based in body order, counting table-cell paragraphs and empty
    paragraphs (the contract's `location.paragraph`). `text` includes the
    automatic-numbering marker Word draws (`marker`), so offsets match what a
    person reads."""

    index: int
    text: str
    marker: str = ""
    style_id: str | None = None
    style_name: str | None = None
    outline_level: int | None = None  # 0 = 一级 (Heading 1); None = body text
    bold: bool = False  # all visible text bold
    alignment: str | None = None  # left/center/right/both/distribute
    in_table: bool = False
    runs: list[Run] = field(default_factory=list)
    line_spacing_pt: float | None = None  # exact/at-least spacing in points
    line_spacing_rule: str | None = None  # exact/atLeast/auto
    first_line_indent_chars: float | None = None
    line_spacing_multiple: float | None = None  # lineRule auto: 1.0 = single, 1.5 …
    first_line_indent_pt: float | None = None  # w:ind firstLine in points (hanging → negative)
    # Characters of the runs' joined text dropped before `text` (leading whitespace),
    # so a run offset = offset - len(marker) + raw_offset.
    raw_offset: int = 0

    @property
    def stripped(self) -> str:
        return self.text.strip()

    def __bool__(self) -> bool:  # pragma: no cover - avoid accidental truthiness
        return True


@dataclass(slots=True)
class PageSetup:
    """Page size and margins of one section, in millimetres."""

    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float


@dataclass(slots=True)
class Notice:
    """Something the reader noticed that is worth telling the user
    (e.g. unaccepted tracked changes). Turned into info findings by a rule."""

    code: str
    message: str
    paragraph: int | None = None


@dataclass(slots=True)
class Document:
    path: str
    kind: str  # "docx" | "txt" | "md"
    paragraphs: list[Paragraph]
    sections: list[PageSetup] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    has_layout: bool = False  # True for .docx: fonts/sizes/margins are meaningful

    def nonempty(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.text.strip()]

    def paragraph(self, index: int) -> Paragraph:
        return self.paragraphs[index - 1]
