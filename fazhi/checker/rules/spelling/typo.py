"""typo: 错别字. Curated pairs wrong in every context (惯彻 → 贯彻, typos.yaml
`always`), pairs wrong in a context (截止 before a date, 制订 before 法律, 做出
before 决定, 其它 before people; `context`). Place names, the entity, law
titles the law table knows and allowed words are never touched."""

from __future__ import annotations

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.references._text import Spans
from fazhi.checker.rules.spelling import _detector
from fazhi.checker.rules.spelling._data import pair_hits, pair_skips, proper_noun_spans, protected

BASIS = "《党政机关公文处理工作条例》第十九条（文字表述规范）；《现代汉语词典》（第7版）"
DETECTOR_BASIS = "常见实务：词频和易混字比对（统计推断，可能误报）"

RULE = Rule(
    slug="typo",
    name="错别字",
    summary="错别字",
    severity="warning",
    points=1,
    max_points=4,
    basis=BASIS,
    explanation=(
        "报告中的错别字（“惯彻”“部暑”“持旭推进”“依法刑政”）会让读者怀疑整篇报告的严谨程度。"
        "本规则只报告有把握的错字：在任何语境下都错的词（数据文件 typos.yaml 的 always 表），"
        "以及在特定语境下错的词：时间点前的“截止”应为“截至”，法律法规前的“制订”应为“制定”，"
        "“决定、贡献”前的“做出”应为“作出”，指人的“其它”应为“其他”。"
        "此外，一个不成词的字若换成音近或形近的字就成为常用词、整句读来通顺得多（“大数局产业”→“大数据产业”），"
        "也报告为疑似错别字；这类推断只在证据很强时报告，不提供自动修改，核对无误可忽略或加入配置档 allow。"
        "地名、人名、报告主体名称、法律名称、引号内的引文和配置档 allow 中的词语不检查；可在配置档中追加错别字对照。"
    ),
    bad="我镇认真惯彻落实上级部暑，持旭推进依法刑政。截止2024年底，共制订规章2件。",
    good="我镇认真贯彻落实上级部署，持续推进依法行政。截至2024年底，共制定规章2件，截止日期前完成报名。",
    fix="把错字改正。",
    fixable=True,  # curated pairs only; the detector's findings never carry a fix
)


def _finding(para, start, end, pair):
    if pair.kind == "context" and pair.message:
        message = f"“{pair.wrong}”应为“{pair.right}”：{pair.message}"
    else:
        message = f"错别字：“{pair.wrong}”应为“{pair.right}”"
    note = f"（{pair.note}）" if pair.note else ""
    f = RULE.finding(
        para, start, end,
        message=message,
        suggestion=f"把“{pair.wrong}”改为“{pair.right}”。{note}",
        fix=[RULE.edit(para, start, end, pair.right)] if pair.certain else None,
        right=pair.right,
    )  # fmt: skip
    if pair.basis:
        f.basis = pair.basis
    return f


def curated(ctx, para) -> list:
    hits = [h for h in pair_hits(ctx, para) if h[2].kind in ("always", "context")]
    if not hits:
        return []
    keep = protected(ctx, para, quotes=False)
    return [_finding(para, s, e, pair) for s, e, pair in hits if not keep.contains(s, e)]


def _occurs(text: str, part: str, times: int) -> bool:
    """Does `part` occur at least `times` times in `text` (overlaps counted)?"""
    at = -1
    for _ in range(times):
        at = text.find(part, at + 1)
        if at < 0:
            return False
    return True


def detected(ctx, para, taken: list[tuple[int, int]]):
    """The dictionary detector's findings, outside protected spans, proper nouns,
    the spans of other spelling findings and the pairs' skip phrases (all worked
    out only for a paragraph with a suggestion: most have none)."""
    text = para.text

    def repeated(word: str) -> bool:
        # each pair of adjacent characters of `word` three times in the document
        # (the paragraphs joined by a character no pair of `word` holds)
        whole = ctx.memo("spelling.text", lambda: "\n".join(p.text for p in ctx.doc.nonempty()))
        return all(_occurs(whole, word[k : k + 2], 3) for k in range(len(word) - 1))

    found = _detector.suggestions(text, repeated=repeated)
    if not found:
        return
    keep = protected(ctx, para, quotes=True)
    others = Spans(len(text), taken + proper_noun_spans(text) + [(s, e) for s, e, _ in pair_skips(ctx, para)])
    for sug in found:
        if keep.contains(sug.start, sug.start + 1) or others.contains(sug.start, sug.start + 1):
            continue
        yield RULE.finding(
            para, sug.start, sug.start + 1,
            message=f"疑似错别字：“{sug.wrong}”可能应为“{sug.right}”（“{sug.word}”）",
            suggestion=f"核对“{sug.wrong}”字；若确是“{sug.right}”请改正，若无误可忽略或把该词加入配置档 allow。",
            basis=DETECTOR_BASIS,
            points=0.5,
            right=sug.right,
            detector="dictionary",
        )  # fmt: skip


@RULE.checker
def check(ctx):
    for para in ctx.doc.nonempty():
        found = curated(ctx, para)
        yield from found
        taken = [(f.start, f.end) for f in found] + [(s, e) for s, e, p in pair_hits(ctx, para) if p.kind == "variant"]
        yield from detected(ctx, para, taken)
