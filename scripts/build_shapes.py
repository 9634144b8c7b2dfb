"""Build tests/fixtures/shapes: short reports in the shapes real published
reports take (studied on government websites, 2020-2025; written here in our own
words): titles split over two lines or absent, units 街/苏木/民族乡/街道办事处/区公所,
county departments and governments, heading variants, part 三 first, inside
part 一 or in one clause, inline shortcomings and `other`, web chrome around a
published text. Each shape is labelled with what a reviewer says: the entity,
the year, each part's status, the defects, and rules that must stay silent.

Run from the repository root: python scripts/build_shapes.py
Writes NN_name.txt for every shape, expected.yaml, and a Word draft whose
shortcomings heading was deleted in tracked changes."""

from __future__ import annotations

from pathlib import Path

import docx
import yaml
from docx.oxml import parse_xml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "shapes"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARTS = ("achievements", "shortcomings", "leader_duties", "next_year", "other")


def intro(who: str, year: int) -> str:
    return f"{year}年，{who}坚持以习近平法治思想为指导，认真落实上级关于法治政府建设的部署要求，依法行政水平稳步提升。现将有关情况报告如下："


ACH = [
    "（一）强化组织领导，压实法治建设责任。调整充实法治建设领导小组，全年召开专题会议研究法治工作4次，将法治建设纳入年度综合考核。",
    "（二）规范行政决策，提升依法行政水平。落实重大行政决策合法性审查，全年审查合同和规范性文件23件，法律顾问列席班子会议11次。",
    "（三）深化普法宣传，营造尊法守法氛围。开展法治宣传进村入户活动28场次，培育“法律明白人”60名。",
    "（四）化解矛盾纠纷，维护基层和谐稳定。全年排查调处矛盾纠纷74起，调解成功率98%。",
]
SHORT = [
    "一是部分干部运用法治思维解决问题的能力还不强；二是普法宣传方式比较单一，针对性不足；三是执法人员力量薄弱，专业素质有待提高。",
    "究其原因，主要是学法培训的常态化机制不够健全，法治工作经费和人员投入不足。",
]
LEAD = "{who}党政主要负责人切实履行推进法治建设第一责任人职责，亲自部署年度法治工作，主持召开专题会议3次，带头在班子会前学法6次，并在年终述职中专题述法。"
NEXT = [
    "（一）持续抓好学法用法，全年组织集中学法不少于4次。",
    "（二）严格落实合法性审查，6月底前修订完善重大行政决策程序规定。",
    "（三）创新普法形式，年内建成法治文化阵地2处。",
]
OTHER = "无其他需要报告的情况。"

CANON = {
    "achievements": "一、{Y}年度推进法治政府建设的主要举措和成效",
    "shortcomings": "二、{Y}年度推进法治政府建设存在的不足和原因",
    "leader_duties": "三、{Y}年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况",
    "next_year": "四、{Y1}年度推进法治政府建设的主要安排",
    "other": "五、其他需要报告的情况",
}


def body(year: int, who: str, heads: dict[str, str] | None = None, order=PARTS, lead_who: str | None = None) -> list[str]:
    """The five parts under the headings given (canonical ones by default)."""
    heads = {**CANON, **(heads or {})}
    content = {
        "achievements": ACH,
        "shortcomings": SHORT,
        "leader_duties": [LEAD.format(who=lead_who or who)],
        "next_year": NEXT,
        "other": [OTHER],
    }
    out: list[str] = []
    for pid in order:
        out.append(heads[pid].format(Y=year, Y1=year + 1))
        out += content[pid]
    return out


def report(title: list[str], who: str, year: int, date: str, *, addressee: str | None = "县委依法治县办：", sign: str | None = None, parts=None) -> str:
    lines = [*title]
    if addressee:
        lines.append(addressee)
    lines.append(intro(who, year))
    lines += parts if parts is not None else body(year, who)
    if sign:
        lines.append(sign)
    if date:
        lines.append(date)
    return "\n".join(lines) + "\n"


ALL_HEADING = dict.fromkeys(PARTS, "heading")


def parts(**changes: str) -> dict[str, str]:
    return {**ALL_HEADING, **changes}


SHAPES: list[dict] = []


def shape(name: str, text: str, entity: str | None, year: int, part_status: dict[str, str], **extra) -> None:
    SHAPES.append({"name": name, "text": text, "entity": entity, "year": year, "parts": part_status, **extra})


def build_shapes() -> None:  # noqa: PLR0915 - one statement per shape reads best
    # ---------------------------------------------------------------- who
    shape("split_title_town", report(["聚奎镇人民政府", "关于2023年法治政府建设情况的报告"], "聚奎镇", 2023, "2024年1月18日", addressee="梁平区委依法治区办：", sign="聚奎镇人民政府"),
          "聚奎镇", 2023, parts())
    shape("jie_unit", report(["鹤龙街2024年法治政府建设年度报告"], "鹤龙街", 2024, "2025年1月22日", addressee="白云区委依法治区办：", sign="广州市白云区人民政府鹤龙街道办事处"),
          "鹤龙街", 2024, parts())
    shape("sumu_unit", report(["达尔汗苏木2024年度法治政府建设情况报告"], "达尔汗苏木", 2024, "2025年2月6日", addressee="旗委依法治旗办：", sign="达尔汗苏木人民政府"),
          "达尔汗苏木", 2024, parts())
    shape("minzuxiang_unit", report(["查巴奇鄂温克民族乡2023年法治政府建设工作报告"], "我乡", 2023, "2024年2月20日", addressee="阿荣旗委依法治旗办：", sign="查巴奇鄂温克民族乡人民政府"),
          "查巴奇鄂温克民族乡", 2023, parts())
    shape("banshichu_unit", report(["北城街街道办事处2024年法治政府建设年度报告"], "北城街街道", 2024, "2025年1月9日", sign="北城街街道办事处"),
          "北城街街道", 2024, parts())
    shape("qugongsuo_unit", report(["赵家蓬区公所2024年度法治政府建设情况报告"], "赵家蓬区公所", 2024, "2025年2月12日", addressee="涿鹿县委依法治县办：", sign="赵家蓬区公所"),
          "赵家蓬区公所", 2024, parts())
    shape("organ_lines_above", report(["中共铁桥镇委员会", "铁桥镇人民政府", "关于2025年度法治政府建设情况的报告"], "铁桥镇", 2025, "2026年1月27日", addressee="开州区委依法治区办：", sign="中共铁桥镇委员会　　铁桥镇人民政府"),
          "铁桥镇", 2025, parts())
    shape("county_department", report(["县司法局2024年法治政府建设工作报告"], "县司法局", 2024, "2025年1月15日", addressee="县委依法治县办：", sign="县司法局", parts=body(2024, "县司法局", {"leader_duties": "三、2024年度局党组主要负责人履行推进法治建设第一责任人职责情况"}, lead_who="局")),
          "县司法局", 2024, parts(), profile="county", absent=["title-format"])
    shape("county_department_full_name", report(["梁平区住房和城乡建设委员会关于2025年法治政府建设情况的报告"], "区住房城乡建委", 2025, "2026年1月30日", addressee="梁平区人民政府：", sign="梁平区住房和城乡建设委员会"),
          "梁平区住房和城乡建设委员会", 2025, parts(), profile="county", absent=["title-format"])
    shape("county_government_leader_first", report(["静海区2023年度法治政府建设情况报告"], "静海区", 2023, "2024年3月20日", addressee="市委依法治市办：", sign="静海区人民政府",
          parts=body(2023, "区政府", {"leader_duties": "一、区政府主要负责同志履行推进法治建设第一责任人职责情况", "achievements": "二、2023年度推进法治政府建设的主要举措和成效", "shortcomings": "三、存在的不足和原因", "next_year": "四、2024年度推进法治政府建设的主要安排"}, order=("leader_duties", "achievements", "shortcomings", "next_year", "other"))),
          "静海区", 2023, parts(), profile="county", absent=["title-format"])
    shape("county_government_renmin", report(["龙山县人民政府", "关于2024年度法治政府建设情况的报告"], "县政府", 2024, "2025年3月10日", addressee="州委、州人民政府：", sign="龙山县人民政府"),
          "龙山县人民政府", 2024, parts(), profile="county", absent=["title-format"])
    shape("no_title_signature_and_date", report([], "下蜀镇", 2025, "2026年1月10日", addressee="市委、市政府：", sign="下蜀镇人民政府"),
          "下蜀镇", 2025, parts(), absent=[])
    shape("two_signatures_one_line", report(["小龙门乡2024年度法治政府建设情况报告"], "小龙门乡", 2024, "2025年2月8日", addressee="辰溪县委依法治县办：", sign="中共小龙门乡委员会　小龙门乡人民政府"),
          "小龙门乡", 2024, parts())
    shape("fragments_only_in_body", report(["关于2024年度法治政府建设情况的报告"], "我镇", 2024, "2025年2月1日",
          parts=["一、2024年度推进法治政府建设的主要举措和成效", "将法治建设纳入乡村振兴考核，与中心工作同部署。", "成立由乡人民政府乡长任组长的领导小组。", "我们立足街道实际，推动基层治理法治化。", *body(2024, "我镇")[1:]]),
          None, 2024, parts())

    # ---------------------------------------------------------------- published
    chrome = ["位置：首页 > 政务公开 > 法治政府建设年度报告", "{title}", "发布时间：{pub}　来源：{src}", "浏览次数：418", "字号：【大】【中】【小】"]
    tail = ["【打印本页】【关闭窗口】"]

    def page(title: str, who: str, year: int, pub: str, src: str, with_title: bool = True, sign: str | None = None, date: str = "") -> str:
        head = [c.format(title=title, pub=pub, src=src) for c in chrome if with_title or c != "{title}"]
        text = report(head, who, year, date, addressee=None, sign=sign)
        return text + "\n".join(tail) + "\n"

    shape("published_jie_with_chrome", page("黄石街2024年法治政府建设年度报告", "黄石街", 2024, "2025-03-18 09:30", "黄石街道办事处"),
          "黄石街", 2024, parts(), published=True, absent=["addressee-missing", "title-format", "placeholder"])
    shape("鲍沟镇2025年度法治政府建设情况报告", page("", "鲍沟镇", 2025, "2026-01-21 10:02", "鲍沟镇", with_title=False),
          "鲍沟镇", 2025, parts(), published=True, absent=["addressee-missing", "title-format"])
    bracket = ["您当前的位置：首页 >政务公开 >法治政府建设年度报告", "[ 索引号 ] 11500234008646033P/2026-00019 [ 发文字号 ]", "[ 发布机构 ] 开州区政府办公室 [ 主题分类 ] 其他",
               "[ 成文日期 ] 2026-01-27 [ 发布日期 ] 2026-01-27", "重庆市开州区铁桥镇人民政府关于2025年法治政府建设情况的报告", "重庆市开州区铁桥镇人民政府", "关于2025年法治政府建设情况的报告"]
    shape("published_bracket_fields_repeated_title", report(bracket, "铁桥镇", 2025, "", addressee=None),
          "铁桥镇", 2025, parts(), published=True, absent=["addressee-missing", "title-format"])
    dash = ["- 索 引 号:370481/2026-00251", "- 发布机构:鲍沟镇", "- 成文时间:2026年01月21日", "- 标 题:鲍沟镇2025年度法治政府建设情况报告", "鲍沟镇2025年度法治政府建设情况报告"]
    shape("published_dash_fields", report(dash, "鲍沟镇", 2025, "", addressee=None),
          "鲍沟镇", 2025, parts(), published=True, absent=["addressee-missing", "title-format", "date-format"])
    shape("published_doc_number_and_note", report(["东里镇2025年法治政府建设情况报告", "雷东府〔2025〕26号"], "东里镇", 2025, "2025年12月26日", addressee=None, sign="东里镇人民政府") + "（此件公开发布）\n",
          "东里镇", 2025, parts(), published=True, absent=["addressee-missing", "title-format"])

    # ---------------------------------------------------------------- which year
    plan = "深入贯彻《法治政府建设实施纲要（2021—2025年）》，对照《法治中国建设规划（2020—2025年）》查找差距。"
    shape("year_not_from_cited_plan", report(["大河乡法治政府建设情况报告"], "大河乡", 2022, "2023年2月14日", sign="大河乡人民政府",
          parts=[CANON["achievements"].format(Y=2022), plan, plan, *ACH, *body(2022, "大河乡")[5:]]),
          "大河乡", 2022, parts(), defects=[{"rule": "title-format", "evidence": "大河乡法治政府建设情况报告"}])
    shape("year_from_body_statements", report(["沙坪镇法治政府建设工作汇报"], "沙坪镇", 2024, "", sign="沙坪镇人民政府",
          parts=["一、主要举措和成效", "2024年以来，全镇开展法治宣传活动30场次。", "2024年，全镇调处矛盾纠纷52起。", "2024年全年审查合同19件。", *body(2024, "沙坪镇")[5:]]),
          "沙坪镇", 2024, parts(), defects=[{"rule": "title-format", "evidence": "沙坪镇法治政府建设工作汇报"}])

    # ---------------------------------------------------------------- headings
    def heads(name, who, year, h, status=None, order=PARTS, **extra):
        text = report([f"{who}{year}年度法治政府建设情况报告"], who, year, f"{year + 1}年2月10日", sign=f"{who}人民政府" if who.endswith(("镇", "乡")) else f"{who}办事处",
                      parts=body(year, who, h, order))
        shape(name, text, who, year, status or parts(), **extra)

    heads("heading_basic_and_results", "三都镇", 2025, {"achievements": "一、基本情况和主要成效"})
    heads("heading_measures_and_results", "大中街道", 2025, {"achievements": "一、主要工作举措及成效", "next_year": "四、下一年工作打算"})
    heads("heading_year_basic_situation", "古城街道", 2024, {"achievements": "一、2024年法治政府建设基本情况"})
    heads("heading_other_year_basic_situation", "长延堡街道", 2025, {"achievements": "一、2024年法治政府建设基本情况"},
          defects=[{"rule": "year-mismatch", "evidence": "2024年法治政府建设基本情况"}])
    heads("heading_all_work_carried_out", "清波街道", 2023, {"achievements": "一、推进法治政府建设各项工作开展情况"})
    heads("heading_main_measures_only", "中梁山街道", 2025, {"achievements": "一、主要工作举措", "next_year": "四、下一年工作打算"})
    heads("heading_prominent_results", "沩山镇", 2023, {"achievements": "一、推进法治建设的主要举措和突出成效", "shortcomings": "二、存在问题及原因分析", "next_year": "四、今后工作打算"})
    heads("heading_results_problems_next_steps", "泉溪镇", 2024, {"achievements": "一、主要工作成效", "shortcomings": "二、问题和不足", "next_year": "四、下步工作打算", "other": "五、其他事项"})
    heads("heading_year_work_plan", "三河镇", 2025, {"next_year": "四、2026年法治政府建设工作思路"})
    heads("heading_combined_problems_and_plan", "义合镇", 2024, {"shortcomings": "二、存在的问题及下一步打算"},
          parts(next_year="heading"), order=("achievements", "shortcomings", "leader_duties", "other"))

    # top-level 1. 2. 3. without 一、
    numbered = report(["石溪乡2025年度法治政府建设情况报告"], "石溪乡", 2025, "2026年1月26日", sign="石溪乡人民政府",
                      parts=["1.主要举措和成效", *[f"（{i}）{a[3:]}" for i, a in enumerate(ACH, 1)], "2.存在的不足和原因", *SHORT, "3.党政主要负责人履行推进法治建设第一责任人职责情况", LEAD.format(who="乡"),
                             "4.2026年工作打算", *[f"（{i}）{n[3:]}" for i, n in enumerate(NEXT, 1)], "5.其他需要报告的情况", "无。"])
    shape("numbered_top_level_without_yi", numbered, "石溪乡", 2025, parts(), defects=[{"rule": "numbering-style", "evidence": "1.主要举措和成效"}])
    # run-in headings: the part heading and its first sentence in one paragraph
    runin = report(["黄桥镇2025年度法治政府建设情况报告"], "黄桥镇", 2025, "2026年2月10日", sign="黄桥镇人民政府",
                   parts=["一、主要举措和成效。" + ACH[0][9:], *ACH[1:], "二、存在的不足和原因。" + SHORT[0], SHORT[1],
                          "三、第一责任人履职情况。" + LEAD.format(who="镇"), "四、2026年工作安排。" + NEXT[0][3:], *NEXT[1:], "五、其他需要报告的情况。无。"])
    shape("run_in_part_headings", runin, "黄桥镇", 2025, parts())
    part_words = report(["育才街道2025年度法治政府建设情况报告"], "育才街道", 2025, "2026年2月15日", sign="育才街道办事处",
                        parts=["第一部分　主要举措和成效", *ACH, "第二部分　存在的不足和原因", *SHORT, "第三部分　党政主要负责人履行法治建设第一责任人职责情况", LEAD.format(who="街道"),
                               "第四部分　2026年工作安排", *NEXT, "第五部分　其他需要报告的情况", OTHER])
    shape("part_numbered_headings", part_words, "育才街道", 2025, parts())

    # ---------------------------------------------------------------- part 三 placements, inline parts
    heads("leader_duties_first_town", "级索镇", 2022, {"leader_duties": "一、党政主要负责人履行推进法治建设第一责任人职责情况", "achievements": "二、2022年度推进法治政府建设的主要举措和成效",
                                                     "shortcomings": "三、存在的不足和原因", "next_year": "四、2023年度推进法治政府建设的主要安排"},
          order=("leader_duties", "achievements", "shortcomings", "next_year", "other"))
    inside = report(["方祥乡2021年度法治政府建设情况报告"], "方祥乡", 2021, "2022年2月15日", sign="方祥乡人民政府",
                    parts=["一、工作开展情况", *ACH, "（五）压实第一责任人责任。" + LEAD.format(who="乡"), "二、存在的问题", *SHORT, "三、下一步工作计划", *NEXT])
    shape("leader_duties_inside_part_one", inside, "方祥乡", 2021, parts(leader_duties="inline", other="missing"))
    clause = report(["枫桥镇2024年度法治政府建设情况报告"], "枫桥镇", 2024, "2025年1月20日", sign="枫桥镇人民政府",
                    parts=["一、主要举措和成效", ACH[0][:-1] + "，镇党委书记切实履行推进法治建设第一责任人职责，带头学法述法。", *ACH[1:], "二、存在的不足和原因", *SHORT,
                           "三、2025年工作打算", *NEXT, "四、其他需要报告的情况", OTHER])
    shape("leader_duties_in_one_clause", clause, "枫桥镇", 2024, parts(leader_duties="inline"))
    inline_short = report(["祥城镇2025年度法治政府建设情况报告"], "祥城镇", 2025, "2026年1月28日", sign="祥城镇人民政府",
                          parts=["一、主要举措和成效", *ACH, "在取得成效的同时，我镇法治政府建设仍存在一些不足：" + SHORT[0], SHORT[1],
                                 CANON["leader_duties"].replace("三、", "二、").format(Y=2025), LEAD.format(who="镇"), "三、2026年度推进法治政府建设的主要安排", *NEXT, "四、其他需要报告的情况", OTHER])
    shape("shortcomings_inline_closing_part_one", inline_short, "祥城镇", 2025, parts(shortcomings="inline"))
    inline_other = report(["岘山镇2023年度法治政府建设情况报告"], "岘山镇", 2023, "2024年2月22日", addressee="衡阳县委依法治县办：", sign="岘山镇人民政府",
                          parts=[*body(2023, "岘山镇")[:-2], "此外，本年度无其他需要报告的情况。"])
    shape("other_inline_closing_paragraph", inline_other, "岘山镇", 2023, parts(other="inline"))
    short_phrase = report(["金兰镇2024年度法治政府建设情况报告"], "金兰镇", 2024, "2025年2月12日", addressee="衡阳县委依法治县办：", sign="金兰镇人民政府",
                          parts=["一、主要举措和成效", *ACH, "同时也要看到，部分村干部依法办事意识还不强，普法针对性有待增强。究其原因，是培训次数偏少、形式单一。",
                                 "二、党政主要负责人履行推进法治建设第一责任人职责情况", LEAD.format(who="镇"), "三、2025年工作安排", *NEXT, "四、其他需要报告的情况", OTHER])
    shape("shortcomings_inline_in_one_paragraph", short_phrase, "金兰镇", 2024, parts(shortcomings="inline"))
    further = report(["樟木乡2025年度法治政府建设情况报告"], "樟木乡", 2025, "2026年2月3日", addressee="衡阳县委依法治县办：", sign="樟木乡人民政府",
                     parts=[*body(2025, "樟木乡")[:-2], "此外，需要报告的是，本年度我乡无行政复议被撤销、行政诉讼败诉的案件。"])
    shape("other_inline_further_report", further, "樟木乡", 2025, parts(other="inline"))
    shape("other_missing_three_part_report", report(["王场镇2020年法治政府建设工作报告"], "王场镇", 2020, "2021年1月20日", sign="王场镇人民政府",
          parts=["一、主要工作和成效", *ACH, LEAD.format(who="镇"), "二、存在的问题", *SHORT, "三、下一步工作打算", *NEXT]),
          "王场镇", 2020, parts(leader_duties="inline", other="missing"))

    # ---------------------------------------------------------------- misses that are rules
    shape("half_year_heading_in_annual_report", report(["十里亭镇2024年度法治政府建设情况报告"], "十里亭镇", 2024, "2025年2月10日", sign="十里亭镇人民政府",
          parts=body(2024, "十里亭镇", {"achievements": "一、上半年推进法治政府建设的主要举措和成效"})),
          "十里亭镇", 2024, parts(), defects=[{"rule": "year-mismatch", "evidence": "上半年"}])
    next_opening = body(2025, "级索镇")
    next_opening.insert(next_opening.index(NEXT[0]), "2025年，我镇将围绕以下重点推进法治政府建设。")
    shape("next_year_opening_with_report_year", report(["级索镇2025年度法治政府建设情况报告"], "级索镇", 2025, "2026年1月15日", sign="级索镇人民政府", parts=next_opening),
          "级索镇", 2025, parts(), defects=[{"rule": "year-mismatch", "evidence": "2025年，我镇将"}])
    slot = body(2024, "大丰街道")
    slot.insert(2, "【插入图片：法治宣传活动现场】")
    shape("insert_placeholder_left", report(["大丰街道2024年度法治政府建设情况报告"], "大丰街道", 2024, "2025年1月25日", sign="大丰街道办事处", parts=slot),
          "大丰街道", 2024, parts(), defects=[{"rule": "placeholder", "evidence": "【插入图片：法治宣传活动现场】"}])
    cited = body(2025, "泗水乡")
    cited.insert(1, "认真落实《法治政府建设实施纲要（2021—2025）》和《法治政府建设与责任落实督查工作规定》。")
    shape("plan_without_nian_and_ducha", report(["泗水乡2025年度法治政府建设情况报告"], "泗水乡", 2025, "2026年2月10日", sign="泗水乡人民政府", parts=cited),
          "泗水乡", 2025, parts(), defects=[{"rule": "plan-title-wrong", "evidence": "《法治政府建设实施纲要（2021—2025）》"},
                                              {"rule": "plan-title-wrong", "evidence": "督查工作规定"}])
    region = body(2024, "石市镇")
    region.insert(1, "认真落实自治区党委全面依法治区委员会办公室的部署，推进法治乡镇建设。")
    shape("region_body_in_a_province_report", report(["石市镇2024年度法治政府建设情况报告"], "石市镇", 2024, "2025年2月1日", addressee="衡阳县委依法治县办：", sign="石市镇人民政府", parts=region),
          "石市镇", 2024, parts(), defects=[{"rule": "foreign-entity", "evidence": "自治区"}])
    neighbour = body(2024, "石市镇")
    neighbour.insert(1, "2024年，岘山镇党委始终把法治建设摆在突出位置，全年召开专题会议4次。")
    shape("neighbour_township_as_subject", report(["石市镇2024年度法治政府建设情况报告"], "石市镇", 2024, "2025年2月1日", addressee="衡阳县委依法治县办：", sign="石市镇人民政府", parts=neighbour),
          "石市镇", 2024, parts(), defects=[{"rule": "foreign-entity", "evidence": "岘山镇"}])
    shape("tracked_deleted_shortcomings_heading", inline_short.replace("祥城镇", "双龙湖街道").replace("双龙湖街道人民政府", "双龙湖街道办事处"),
          "双龙湖街道", 2025, parts(shortcomings="inline"), docx="tracked_deleted_heading")


def tracked_deleted_heading(text: str, path: Path) -> None:
    """The draft as Word shows it after a reviewer's edit: the shortcomings heading
    deleted in tracked changes, its problems moved to close part 一."""
    d = docx.Document()
    for line in text.splitlines():
        if not line.strip():
            continue
        d.add_paragraph(line)
        if line.startswith("在取得成效的同时"):
            p = d.add_paragraph()._p
            p.append(parse_xml(f'<w:del xmlns:w="{W_NS}" w:id="21" w:author="审核人" w:date="2026-02-01T09:00:00Z"><w:r><w:delText>二、2025年度推进法治政府建设存在的不足和原因</w:delText></w:r></w:del>'))
    d.save(path)


def main() -> None:
    build_shapes()
    OUT.mkdir(parents=True, exist_ok=True)
    expected = {}
    for i, s in enumerate(SHAPES, 1):
        name = f"{i:02d}_{s['name']}.txt"
        (OUT / name).write_text(s["text"], encoding="utf-8")
        label = {k: s[k] for k in ("entity", "year", "parts")}
        for key in ("profile", "published", "defects", "absent"):
            if s.get(key):
                label[key] = s[key]
        expected[name] = label
        if s.get("docx") == "tracked_deleted_heading":
            docx_name = name.replace(".txt", ".docx")
            tracked_deleted_heading(s["text"], OUT / docx_name)
            expected[docx_name] = label
    header = "# Labels of tests/fixtures/shapes (written by scripts/build_shapes.py): what a reviewer says.\n"
    (OUT / "expected.yaml").write_text(header + yaml.safe_dump(expected, allow_unicode=True, sort_keys=True, width=200), encoding="utf-8")
    print(f"{OUT}: {len(SHAPES)} shapes")


if __name__ == "__main__":
    main()
