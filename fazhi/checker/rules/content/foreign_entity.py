"""foreign-entity: place names that belong to someone else's report.

The report's own province, prefecture and county come from the division names
it uses (`_places.locate`); without a clear location nothing but a township
mismatch is flagged. Flagged, one finding per distinct name:
- a division of another province (湖北省 in a 湖南 report), unless the sentence
  is about cooperation, visits, migrant work or neighbours (content.yaml
  `foreign.external_context`);
- another county or prefecture of the same province written as the author
  (「衡南县委」, 「《衡南县…办法》」, in the title or 署名);
- the bare words 自治区 / 自治州 where the own province is no 自治区 and the
  own prefecture no 自治州 (quoted national lists 「省、自治区、直辖市」 excepted);
- another township's name in the title, 署名, a 《document》 name or 「现将XX镇…」;
- another township of the report's own county (fazhi/data/townships.tsv) written
  as the subject of a sentence (「岘山镇党委始终…」 in 石市镇's report). When the
  names in the text do not place the report, the township table does."""

from __future__ import annotations

import re
from functools import lru_cache

from fazhi.checker.rules.base import Rule
from fazhi.checker.rules.content._data import compiled, content_data
from fazhi.checker.rules.content._places import Location, Table, divisions, locate, meta_paragraphs, town_mentions

RULE = Rule(
    slug="foreign-entity",
    name="出现他处地名",
    summary="出现其他乡镇、县市或省份的名称（或本省没有的“自治区”“自治州”），疑为照搬他人报告",
    severity="warning",
    points=3,
    max_points=6,
    basis="常见实务（报告应如实反映本单位情况）",
    explanation=(
        "年度报告要如实报告本单位的工作。照搬其他地方的报告时，常常把对方的地名、机关名称一起带了进来："
        "湖南的乡镇写“落实自治区建立的……制度”，某镇的报告里出现“××县委”“《××镇……办法》”等别人的机关和文件。"
        "这类错误一眼就能被审核人看出，严重影响报告的可信度。本规则根据报告中的地名判断本单位所在的省、市、县，"
        "再找出不属于本地的名称；本县另一个乡镇被写成句子的主语（如石市镇的报告写“岘山镇党委始终……”）也会指出。"
        "合作交流、对口帮扶、外出考察等语境中的外地地名不算。"
    ),
    fix="核对这段文字是否照搬了其他地方的材料，改为本单位的实际情况和名称；确属本地的名称，可加入配置档的 allow 列表。",
    bad=(
        "沩山镇2021年法治政府建设情况报告\n"
        "一、主要举措和成效\n"
        "沩山镇地处醴陵市东北部，认真落实醴陵市法治政府建设示范创建实施方案。\n"
        "落实自治区建立的重大行政决策责任追究制度及责任倒查机制。\n"
        "沩山镇人民政府\n"
        "2022年2月20日\n"
    ),
    good=(
        "沩山镇2021年法治政府建设情况报告\n"
        "一、主要举措和成效\n"
        "沩山镇地处醴陵市东北部，认真落实醴陵市法治政府建设示范创建实施方案。\n"
        "落实《湖南省重大行政决策程序规定》，建立重大行政决策责任追究制度。\n"
        "组织镇村干部赴浙江省诸暨市学习“枫桥经验”。\n"
        "沩山镇人民政府\n"
        "2022年2月20日\n"
    ),
    example_year=2021,
)

_IDENTITY = re.compile(r"^(党委|党工委|委员会|委|人民政府|政府|依法治|人大|政协)")
_SENTENCE_END = "。；！？!?\n"


def _sentence(text: str, start: int, end: int) -> str:
    left = max((text.rfind(c, 0, start) for c in _SENTENCE_END), default=-1)
    rights = [i for i in (text.find(c, end) for c in _SENTENCE_END) if i != -1]
    return text[left + 1 : min(rights) if rights else len(text)]


def _claims_identity(text: str, start: int, end: int, in_meta: bool) -> bool:
    """「衡南县委」「衡南县人民政府」「《衡南县…》」 or a name in title/主送/署名."""
    return in_meta or bool(_IDENTITY.match(text[end:])) or text[start - 1 : start] == "《"


def _where(table: Table, hit) -> str:
    d = hit.divisions[0]
    chain = [a.name for a in reversed(table.ancestors(d))]
    return "".join(chain[:-1]) if len(chain) > 1 else ""


def _place_findings(ctx, table: Table, loc: Location, external: re.Pattern):
    meta = meta_paragraphs(ctx)
    seen: set[str] = set()
    own = loc.own()
    for para in meta + list(ctx.body):
        text = para.text
        for hit in table.find(text):
            if hit.kind == "short" or hit.name in seen:
                continue
            if any(d.code in own for d in hit.divisions) or external.search(_sentence(text, hit.start, hit.end)):
                continue
            other_province = all(table.province(d).code != loc.province.code for d in hit.divisions)
            if other_province:
                where = _where(table, hit)
                message = f"出现其他省份的地名“{hit.name}”{f'（属于{where}）' if where else ''}，本报告属于{loc.describe()}，疑为照搬他人报告"
            elif _foreign_in_province(hit, loc) and _claims_identity(text, hit.start, hit.end, para in meta):
                snippet = re.split(r"[，。；、》（）]", text[hit.start : hit.end + 8])[0]
                message = f"出现其他县市的机关或文件“{snippet}…”，本报告属于{loc.describe()}，疑为照搬他人报告"
            else:
                continue
            seen.add(hit.name)
            yield RULE.finding(para, hit.start, hit.end, message=message, place=hit.name)


def _foreign_in_province(hit, loc: Location) -> bool:
    """A same-province county (prefecture) other than ours, when ours is known."""
    levels = {d.level for d in hit.divisions}
    if "county" in levels:
        return loc.county is not None
    if "prefecture" in levels:
        return loc.prefecture is not None
    return False


def _autonomous_findings(ctx, table: Table, loc: Location, quoted: re.Pattern):
    has_pref = any(c.type == "自治州" for c in table.children(loc.province))
    checks = {
        "自治区": loc.province.type != "自治区",
        "自治州": (loc.prefecture.type != "自治州") if loc.prefecture is not None else not has_pref,
    }
    for word, wrong in checks.items():
        if not wrong:
            continue
        for para in ctx.body:
            at = _bare(para.text, word, table, quoted)
            if at is not None:
                if word == "自治州" and loc.prefecture is not None:
                    fact = f"{loc.prefecture.name}不是自治州"
                elif word == "自治州":
                    fact = f"{loc.province.name}没有自治州"
                else:
                    fact = f"{loc.province.name}不是自治区"
                message = f"出现“{word}”，但本报告属于{loc.describe()}（{fact}），疑为照搬其他地方的报告"
                yield RULE.finding(para, at, at + len(word), message=message, place=word)
                break


def _bare(text: str, word: str, table: Table, quoted: re.Pattern) -> int | None:
    """First offset of `word` not inside a division name or a quoted national list."""
    if word not in text:
        return None
    named = [(h.start, h.end) for h in table.find(text)]
    for m in re.finditer(word, text):
        i = m.start()
        if any(s <= i < e for s, e in named) or text[i - 1 : i] == "族":
            continue
        if quoted.search(text[max(0, i - 6) : i + len(word) + 6]):
            continue
        return i
    return None


def _province_organ_findings(ctx, table: Table, loc: Location, organs: re.Pattern):
    """省委/省政府 in a report from a 自治区 or 直辖市, where no such organ exists."""
    if loc.province.type == "省":
        return
    for para in ctx.body:
        named = [(h.start, h.end) for h in table.find(para.text)]
        for m in organs.finditer(para.text):
            if any(s <= m.start() < e for s, e in named):
                continue  # 「湖南省委」: another province named on purpose
            word = m.group(0)
            own = "自治区党委、自治区人民政府" if loc.province.type == "自治区" else "市委、市政府"
            message = f"出现“{word}”，但本报告属于{loc.describe()}（{loc.province.name}不是省，应为“{own}”），疑为照搬其他地方的报告"
            yield RULE.finding(para, m.start(), m.end(), message=message, place=word)
            return


def _town_findings(ctx, external: re.Pattern):
    if not ctx.entity:
        return
    seen: set[str] = set()
    for m in town_mentions(ctx):
        if m.name == ctx.entity or m.name in seen or external.search(_sentence(m.para.text, m.start, m.end)):
            continue
        seen.add(m.name)
        where = {"标题": "标题", "署名": "署名", "文件名": "文件名称", "现将": "正文", "机关": "机关名称"}[m.where]
        message = f"{where}中出现“{m.name}”，与本报告的单位“{ctx.entity}”不一致，疑为照搬他人报告"
        yield RULE.finding(m.para, m.start, m.end, message=message, place=m.name)


# A township as the subject of a sentence: at its start, or followed by the organ or a verb.
_SUBJECT_AFTER = re.compile(r"(党委|党工委|人民政府|政府|办事处|坚持|始终|全面|积极|深入|认真|扎实|持续|不断|共|全年|今年|把|将|在|以|结合|立足|围绕)")
_SENTENCE_START = "。；！？!?：:，,"


@lru_cache(maxsize=64)
def _any_of(names: frozenset[str]) -> re.Pattern:
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n))))  # one order per set: fazhi.regex_cache


def _neighbour_findings(ctx, external: re.Pattern, seen_names: set[str]):
    """Another township of the report's own county (from the township table)
    written as the subject of a sentence: the name copied from a neighbour's report."""
    from fazhi.checker.townships import township_table

    info = ctx.entity_info
    if info is None or info.county is None or info.kind != "township":
        return
    towns = township_table(ctx.profile)
    own = towns.known(ctx.entity) or ctx.entity
    others = frozenset(n for n in towns.neighbours(info.county) if n != own and len(n) >= 3)
    if not others:
        return
    rx = _any_of(others)
    named = ctx.paragraphs_hit(m.start() for m in rx.finditer(ctx.full_text))  # names hold no line break
    for para in ctx.body:
        if para.index not in named:
            continue
        text = para.text
        for m in rx.finditer(text):
            if m.group() in seen_names:
                continue
            at_start = m.start() == 0 or text[m.start() - 1] in _SENTENCE_START or text[max(0, m.start() - 2) : m.start()] == "我们"
            if not (at_start and _SUBJECT_AFTER.match(text, m.end())):
                continue
            if external.search(_sentence(text, m.start(), m.end())):
                continue
            seen_names.add(m.group())
            county = towns.county_names.get(info.county, "")
            message = f"正文把“{m.group()}”写成了主语，它是{county}的另一个乡镇（本报告的单位是“{ctx.entity}”），疑为照搬他人报告"
            yield RULE.finding(para, m.start(), m.end(), message=message, place=m.group())


def _location_of_entity(ctx, table: Table) -> Location | None:
    """Where the report comes from when its township is placed in a county by the township table."""
    info = ctx.entity_info
    county = table.by_code.get(info.county) if info is not None and info.county else None
    if county is None:
        return None
    chain = table.ancestors(county)
    prefecture = next((d for d in chain if d.level == "prefecture"), None)
    return Location(chain[-1], prefecture, county)


@RULE.checker
def check(ctx):
    data = content_data(ctx)["foreign"]
    external = compiled(data["external_context"])
    towns = list(_town_findings(ctx, external))
    yield from towns
    yield from _neighbour_findings(ctx, external, {f.extra.get("place") for f in towns})
    table = divisions(ctx)
    loc = locate(ctx) or _location_of_entity(ctx, table)
    if loc is None:
        return
    yield from _place_findings(ctx, table, loc, external)
    yield from _autonomous_findings(ctx, table, loc, compiled(data["quoted_lists"]))
    yield from _province_organ_findings(ctx, table, loc, compiled(data["province_organs"]))
