"""law-repealed: a law cited as current although it was repealed before or
during the report year.

Decision on the year: a law repealed on date R is flagged
- as `error` when it was not in force at any time of the report year Y
  (R ≤ Y-01-01, e.g. 《合同法》, repealed 2021-01-01, in a report for 2021 or later);
- as `warning` when it was repealed during Y (R later than Y-01-01 but in Y): the
  report may describe work done while it was still in force;
- not at all when R is after the report year (《合同法》 in a report for 2020).
Repeal data the table marks as unverified never give an `error`.
A quote marked as historical (原《合同法》, 《合同法》（已废止）, a sentence about
its repeal) is not flagged. One finding per law per document."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from fazhi.checker.rules.base import Rule
from fazhi.errors import ProfileError
from fazhi.schema.datafiles import paths, read_mapping
from fazhi.checker.rules.references._laws import Law, law_table
from fazhi.checker.rules.references._text import titles_of, sentence, short_law_title, strip_revision

RULE = Rule(
    slug="law-repealed",
    name="引用已废止法规",
    summary="引用了在报告年度已经废止的法律法规",
    severity="error",
    points=2,
    max_points=6,
    basis="取代该法的法律的废止条款（如《中华人民共和国民法典》第一千二百六十条）",
    explanation=(
        "《民法典》自2021年1月1日起施行，《婚姻法》《继承法》《民法通则》《收养法》《担保法》《合同法》《物权法》"
        "《侵权责任法》《民法总则》同时废止。年度报告把已废止的法律当作现行法律来学习、宣传或适用，"
        "说明学法内容没有更新，也会误导读者。检查按报告年度判断：法律在报告年度开始前已废止的为错误，"
        "年内废止的为警告；写明“原《合同法》”或“（已废止）”的历史引用不报告。"
    ),
    bad="一、2022年度推进法治政府建设的主要举措和成效\n组织镇村干部集中学习《合同法》《物权法》等法律，共举办讲座3场。",
    good="一、2022年度推进法治政府建设的主要举措和成效\n组织镇村干部集中学习《民法典》合同编、物权编，共举办讲座3场。",
    example_year=2022,
    fix="改为引用现行法律；如确指废止前的情况，写作“原《××法》”。",
    fixable=True,
)

@dataclass(frozen=True)
class HistoricalMarks:
    """fazhi/data/repealed.yaml: what makes a quote a mention of history."""

    before: re.Pattern
    before_chars: int
    after: re.Pattern
    after_chars: int
    sentence: re.Pattern

    def historical(self, text: str, start: int, end: int) -> bool:
        return bool(
            self.before.search(text[max(0, start - self.before_chars) : start])
            or self.after.search(text[end : end + self.after_chars])
            or self.sentence.search(sentence(text, start, end))
        )


@lru_cache(maxsize=8)
def _marks(files: tuple[str, ...]) -> HistoricalMarks:
    data: dict = {}
    where: dict = {}
    for path in files:
        for key, value in read_mapping(path, "repealed").items():
            data[key], where[key] = value, path
    values: dict = {}
    for key in ("before", "after", "sentence"):
        try:
            values[key] = re.compile(str(data[key]))
        except KeyError:
            raise ProfileError(f"数据文件 {files[0]}: 缺少字段 {key}") from None
        except re.error as exc:
            raise ProfileError(f"数据文件 {where[key]}: 字段 {key} 不是有效的正则表达式：{exc}") from None
    for key in ("before_chars", "after_chars"):
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ProfileError(f"数据文件 {where.get(key, files[0])}: 字段 {key} 应为非负整数（字数），实际为“{value}”")
        values[key] = value
    return HistoricalMarks(**values)


def historical_marks(profile) -> HistoricalMarks:
    return _marks(paths(profile, "repealed"))


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _severity(law: Law, year: int | None) -> str | None:
    """error / warning / None (not flagged) for a repealed law in a report for `year`."""
    repealed = law.repealed_on
    if repealed is None:
        return None
    if year is None:
        return "warning"
    if repealed <= date(year, 1, 1):
        return "error" if law.repeal_verified else "warning"
    if repealed.year == year:
        return "warning"
    return None


def _message(law: Law, cited: str, year: int | None, count: int) -> str:
    assert law.repealed_on is not None  # only repealed laws are reported
    when = _cn_date(law.repealed_on)
    by = f"，由《{law.replaced_by}》取代" if law.replaced_by else ""
    times = f"（全文共{count}处）" if count > 1 else ""
    # The wording follows the dates, not the severity: a law repealed years ago whose
    # repeal instrument is unverified is only a warning, but it did not lapse "this year".
    if year is None:
        scope = "不应再作为现行法律引用"
    elif law.repealed_on <= date(year, 1, 1):
        scope = f"{year}年度报告不应再作为现行法律引用"
    else:
        scope = f"报告年度内已失效，{when}以后的工作应改引新法"
    return f"《{cited}》已于{when}废止{by}，{scope}{times}"


def _suggestion(law: Law, cited: str) -> str:
    new = f"改为引用《{short_law_title(law.replaced_by)}》的相应规定" if law.replaced_by else "删除或改为引用现行法律"
    return f"{new}；如确指废止前的情况，写作“原《{cited}》”。"


_ARTICLE_AFTER = re.compile(r"^\s*(第[一二三四五六七八九十百零〇\d]+[条章节款项编]|等?相关条款|规定的)")


def _successors(table) -> dict[str, int]:
    """How many repealed laws each law replaced: only a one-to-one successor
    (《信访条例》 → 《信访工作条例》) can take a repealed title's place mechanically
    (nine laws went into 《民法典》: 《合同法》 → 《民法典》 needs a person)."""
    counts: dict[str, int] = {}
    for law in {id(v): v for v in table.by_key.values()}.values():
        if law.status == "repealed" and law.replaced_by:
            counts[law.replaced_by] = counts.get(law.replaced_by, 0) + 1
    return counts


def _replacement(text: str, q, law: Law, successors: dict[str, int]) -> str | None:
    """The successor's title in the cited form (short or full) for a bare
    citation of a law replaced one-to-one; None otherwise (an article number
    of the old law does not carry over to the new one)."""
    if not law.replaced_by or successors.get(law.replaced_by) != 1 or q.inner != strip_revision(q.inner):
        return None
    if _ARTICLE_AFTER.match(text[q.end : q.end + 12]):
        return None
    new = law.replaced_by if q.inner.startswith("中华人民共和国") else short_law_title(law.replaced_by)
    return f"《{new}》"


@RULE.checker
def check(ctx):
    table = law_table(ctx.profile)
    marks = historical_marks(ctx.profile)
    successors: dict[str, int] | None = None  # counted when a repealed law is cited
    first: dict[str, tuple] = {}
    counts: dict[str, int] = {}
    edits: dict[str, list] = {}
    for para in ctx.nonempty:
        for q in titles_of(ctx, para):
            law = table.lookup(strip_revision(q.inner))
            if law is None or law.status != "repealed" or marks.historical(para.text, q.start, q.end):
                continue
            counts[law.title] = counts.get(law.title, 0) + 1
            first.setdefault(law.title, (para, q, law))
            if successors is None:
                successors = ctx.memo("law-repealed.successors", lambda: _successors(table))
            new = _replacement(para.text, q, law, successors)
            if new is not None:
                edits.setdefault(law.title, []).append(RULE.edit(para, q.start, q.end, new))
    for title, (para, q, law) in first.items():
        severity = _severity(law, ctx.year)
        if severity is None:
            continue
        cited = strip_revision(q.inner)
        f = RULE.finding(
            para,
            q.start,
            q.end,
            message=_message(law, cited, ctx.year, counts[title]),
            suggestion=_suggestion(law, cited),
            severity=severity,
            points=RULE.points if severity == "error" else 1,
            replaced_by=law.replaced_by,
            repealed=law.repealed,
            fix=edits.get(title) if len(edits.get(title, ())) == counts[title] else None,
        )
        f.basis = law.repeal_basis or RULE.basis
        yield f
