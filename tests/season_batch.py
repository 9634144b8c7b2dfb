"""A batch of generated township reports for the copying check
(tests/test_season_copying.py, benchmarks/season_copying.py).

Every report has the five parts; its sentences about the year's work are put
together from random pieces (villages, months, activities, numbers), so no two
reports share them by chance; some sentences come from a pool every report
draws on (common wording the batch itself shows to be common). Planted:
- `copied`: pairs where the second report took a paragraph of the first and
  changed only the township name;
- `boilerplate`: pairs that share one paragraph made only of phrases every
  report uses (fazhi/data/season.yaml `boilerplate`) — not copying."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.season.data import season_data

CHARS = "青石桃源龙泉白沙黄土柳溪金山清水长岭新田云峰玉河杨柳高坪东湖平安红星花桥凤凰双井梅林竹园大坝马鞍松柏"
ACTORS = ["镇司法所", "镇综治中心", "镇党政办", "镇综合行政执法队", "镇派出所", "镇妇联", "镇团委", "镇人大主席团", "镇纪委", "镇法律顾问"]
ACTIONS = [
    "组织宪法宣传活动",
    "开展民法典进农户活动",
    "举办法律明白人培训班",
    "开展矛盾纠纷集中排查",
    "组织执法案卷评查",
    "开展禁毒宣传进校园活动",
    "召开法治建设专题会议",
    "开展反诈骗宣传",
    "组织旁听庭审",
    "开展安全生产执法检查",
    "举办村干部学法讲座",
    "开展农民工欠薪专项治理",
    "组织人民调解员业务培训",
    "开展防范非法集资宣传",
    "开展村规民约合法性审查",
]
AUDIENCES = ["村民", "党员干部", "中小学生", "企业职工", "执法人员", "村组干部", "人民调解员", "网格员"]
EFFECTS = [
    "群众反映良好",
    "发现的问题已全部整改",
    "当场解答群众咨询",
    "收集意见建议已逐条回复",
    "形成工作台账备查",
    "相关做法被县里推广",
    "参训人员全部通过测试",
    "化解了一批信访积案",
]
COMMON = [
    "全镇上下坚持以习近平法治思想为指导，把法治建设摆在全局工作的重要位置，统筹推进各项工作。",
    "镇党委、政府高度重视法治政府建设，坚持把法治建设与经济社会发展同部署、同推进、同考核。",
    "严格落实重大行政决策程序，坚持公众参与、专家论证、风险评估、合法性审查和集体讨论决定。",
    "坚持和发展新时代“枫桥经验”，推动矛盾纠纷就地化解，切实维护社会和谐稳定。",
    "认真落实“谁执法谁普法”普法责任制，推动普法工作与执法工作有机融合。",
    "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。",
    "深入开展法治乡村建设，积极培育农村学法用法示范户和法律明白人。",
    "主动接受人大监督、民主监督和社会舆论监督，依法依规做好政务公开。",
    "严格执行法律顾问制度，重大事项和重要合同均经法律顾问审查后实施。",
    "加强法治教育培训，推动领导干部带头尊法学法守法用法。",
    "存在的问题主要是部分干部法治意识不够强，运用法治思维和法治方式解决问题的能力还有待提高。",
    "原因在于学法培训针对性不强，考核问责的压力传导不到位。",
    "党政主要负责人切实履行推进法治建设第一责任人职责，重要工作亲自部署、重大问题亲自过问。",
    "下一年度将继续深化法治政府建设，着力补齐短板弱项，推动法治建设再上新台阶。",
]
PLACES = [
    "院坝",
    "夜校",
    "田坎",
    "茶馆",
    "祠堂",
    "渡口",
    "集市",
    "书屋",
    "广场",
    "讲堂",
    "长廊",
    "小院",
    "码头",
    "礼堂",
    "果园",
    "林场",
    "车站",
    "菜场",
    "桥头",
    "学堂",
    "庭院",
    "工地",
    "窗口",
    "驿站",
    "食堂",
    "苗圃",
    "渔港",
    "牧场",
    "药铺",
    "石磨",
]
CARRIERS = ["工作法", "宣讲队", "服务站", "调解室", "议事会", "志愿队", "流动课堂", "法律门诊"]
TOPICS = [
    "（一）强化学法用法",
    "（二）规范行政执法",
    "（三）深化普法宣传",
    "（四）化解矛盾纠纷",
    "（五）推进依法决策",
    "（六）加强法律服务",
]


@dataclass
class Batch:
    texts: dict[str, str] = field(default_factory=dict)  # file name → text
    entities: dict[str, str] = field(default_factory=dict)
    copied: list[tuple[str, int, str, int]] = field(default_factory=list)  # (file a, paragraph, file b, paragraph)
    boilerplate: list[tuple[str, str]] = field(default_factory=list)

    def write(self, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        out = []
        for name, text in self.texts.items():
            path = folder / name
            path.write_text(text, encoding="utf-8")
            out.append(path)
        return out


def _names(rng: random.Random, n: int) -> list[str]:
    pairs = [a + b for a in CHARS for b in CHARS if a != b]
    rng.shuffle(pairs)
    return [p + rng.choice("镇乡") for p in pairs[:n]]


def _village(rng: random.Random) -> str:
    return rng.choice(CHARS) + rng.choice(CHARS) + "村"


def _work_sentence(rng: random.Random, entity: str) -> str:
    brand = "".join(rng.sample(PLACES, 2))
    return (
        f"{rng.randint(1, 12)}月，{rng.choice(ACTORS)}依托“{brand}”{rng.choice(CARRIERS)}在{_village(rng)}{rng.choice(ACTIONS)}，"
        f"{rng.choice(AUDIENCES)}{rng.randint(12, 480)}人参加，{_village(rng)}{rng.choice(PLACES)}和{_village(rng)}{rng.choice(PLACES)}同步开展，"
        f"建成“{''.join(rng.sample(CHARS, 4))}”法治{rng.choice(PLACES)}，{rng.choice(EFFECTS)}。"
    )


def _work_paragraph(rng: random.Random, entity: str) -> str:
    return "".join(_work_sentence(rng, entity) for _ in range(rng.randint(2, 3)))


def _report(rng: random.Random, entity: str, year: int) -> list[str]:
    common = rng.sample(COMMON, 6)
    lines = [
        f"{entity}{year}年法治政府建设工作情况报告",
        "县委依法治县办：",
        f"{year}年，{entity}{common[0]}现将有关情况报告如下：",
        f"一、{year}年推进法治政府建设的主要举措和成效",
    ]
    for topic in TOPICS:
        lines += [topic, common[1] + _work_paragraph(rng, entity), _work_paragraph(rng, entity), _work_paragraph(rng, entity)]
    lines += ["二、存在的不足和原因", common[2] + _work_sentence(rng, entity)]
    lines += ["三、党政主要负责人履行推进法治建设第一责任人职责情况", common[3] + _work_paragraph(rng, entity)]
    lines += [f"四、{year + 1}年推进法治政府建设的主要安排", common[4] + _work_paragraph(rng, entity)]
    lines += ["五、其他需要报告的情况", "无。", f"{entity}人民政府", f"{year + 1}年2月{rng.randint(1, 28)}日"]
    return lines


def generate(n: int = 300, copies: int = 5, boilerplate_pairs: int = 3, seed: int = 15, year: int = 2024) -> Batch:
    rng = random.Random(seed)
    names = _names(rng, n)
    reports = {f"{i:03d}_{name}.txt": (name, _report(rng, name, year)) for i, name in enumerate(names)}
    files = list(reports)
    chosen = rng.sample(files, 2 * (copies + boilerplate_pairs))
    batch = Batch(entities={f: reports[f][0] for f in files})
    for k in range(copies):
        a, b = chosen[2 * k], chosen[2 * k + 1]
        (ea, la), (eb, lb) = reports[a], reports[b]
        src = rng.choice([i for i, line in enumerate(la) if len(line) > 80])
        dst = rng.choice([i for i, line in enumerate(lb) if len(line) > 80])
        lb[dst] = la[src].replace(ea, eb)  # the copier changes the name and nothing else
        batch.copied.append((a, src + 1, b, dst + 1))
    phrases = season_data()["boilerplate"]
    for k in range(copies, copies + boilerplate_pairs):
        c, d = chosen[2 * k], chosen[2 * k + 1]
        paragraph = "，".join(rng.sample(phrases, 5)) + "。"
        for f in (c, d):
            lines = reports[f][1]
            lines.insert(3, paragraph)
        batch.boilerplate.append((c, d))
    batch.texts = {f: "\n".join(lines) + "\n" for f, (_, lines) in reports.items()}
    return batch
