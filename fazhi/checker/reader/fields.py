"""Complex fields (w:fldChar begin/separate/end): which run text a reader sees.

Shared by the docx reader and `fazhi.annotate`, which must agree on what text
a paragraph holds so that finding offsets land on the right runs."""

from __future__ import annotations


class FieldStack:
    """Open complex fields, innermost last. A field's instruction (between
    begin and separate) is hidden; its result (separate to end) is shown."""

    __slots__ = ("open",)

    def __init__(self) -> None:
        self.open: list[str] = []  # "instr" until separate, then "result"; read-only for callers

    def __bool__(self) -> bool:
        return bool(self.open)

    def step(self, kind: str | None) -> None:
        """Follow one w:fldChar of this fldCharType; stray separates and ends are ignored."""
        if kind == "begin":
            self.open.append("instr")
        elif kind == "separate" and self.open:
            self.open[-1] = "result"
        elif kind == "end" and self.open:
            self.open.pop()

    def visible(self) -> bool:
        return all(f == "result" for f in self.open)
