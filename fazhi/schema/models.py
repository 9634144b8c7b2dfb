"""Pydantic models of a profile: the five parts, metadata, layout, scoring, rules.

Unknown keys are errors (`extra="forbid"`) so that a typo in a county's profile
is reported with the field's path instead of being silently ignored."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from fazhi.schema import PART_IDS
from fazhi.schema.records import ProfileMethods

__all__ = ["PART_IDS", "Profile", "PartSpec", "MetaSpec", "FontSpec", "LayoutSpec", "RuleSetting", "Grade", "ScoreCap", "ScoringSpec"]
Severity = Literal["error", "warning", "info"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


def _compiles(patterns: list[str]) -> list[str]:
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"正则表达式无效 {p!r}: {exc}") from None
    return patterns


class PartSpec(_Strict):
    """One of the five statutory parts."""

    id: Literal["achievements", "shortcomings", "leader_duties", "next_year", "other"]
    name: str = Field(description="法定表述，如“上一年度推进法治政府建设的主要举措和成效”")
    short: str = Field(description="简称，用于表格和提示，如“主要举措和成效”")
    basis: str = "《法治政府建设与责任落实督察工作规定》第二十五条"
    required: bool = True
    main: bool = Field(True, description="主要部分：缺失或为空时按 scoring.caps 限制总分（scoring.md：前四项）")
    weight: float = Field(10, ge=0, le=100, description="缺失或为空（只有标题）时扣的分")
    missing_severity: Severity = "error"
    heading_patterns: list[str] = Field(default_factory=list, description="标题正则（Y=报告年度，Y1=下一年度）")
    negative_patterns: list[str] = Field(default_factory=list, description="看似相符但不属于该部分的标题正则")
    inline_cues: list[str] = Field(default_factory=list, description="无标题时识别该部分内容的正则")
    inline_exclude: list[str] = Field(default_factory=list, description="句中出现这些正则时，该句的线索不算数")
    inline_min_hits: int = Field(1, ge=1, description="至少命中多少条线索才算 inline")
    template_heading: str = Field(description="模板中的一级标题（jinja2，可用 year/next_year/entity）")
    subheadings: list[str] = Field(default_factory=list, description="模板建议的二级标题")
    guidance: list[str] = Field(default_factory=list, description="模板中该部分的填写说明")
    subheading_guidance: str = Field(
        "写本项的具体做法和成效，用可核对的数据说明。", description="模板中每个二级标题下的填写说明（jinja2）"
    )

    _v = field_validator("heading_patterns", "negative_patterns", "inline_cues", "inline_exclude")(_compiles)


class MetaSpec(_Strict):
    # No title_pattern/title_required: the outline finds the title and
    # title-format checks its parts; a key nothing reads would only mislead.
    addressee_patterns: list[str] = Field(default_factory=list)
    default_addressee: str = "县委依法治县办"
    signature_patterns: list[str] = Field(default_factory=list)
    entity_pattern: str = r"[\u4e00-\u9fff]{1,8}?(镇|乡|街道)"
    entity_label: str = Field("镇/乡/街道名称", description="标题缺少主体时提示的写法")
    entity_placeholder: str = Field("某镇", description="主体未识别时建议中的占位写法")
    published: bool = Field(False, description="检查网站上发布的文本：不要求主送机关，跳过网页栏目文字，标题可另给")
    given_title: str = Field("", description="发布文本中没有标题时使用的标题（--title，或文件名）")
    kind_profiles: dict[str, str] = Field(
        default_factory=dict, description="按报告主体类型换用的配置档（county-department / county-government → county）"
    )
    due_month: int = Field(3, ge=1, le=12, description="成文日期最迟月份（报告年度次年）")
    due_day: int = Field(31, ge=1, le=31)
    template_title: str = Field(
        "{{ entity }}{{ year }}年度法治政府建设情况报告", description="模板标题（jinja2，可用 year/next_year/entity）"
    )
    template_intro: list[str] = Field(
        default_factory=lambda: ["用一段话概述{{ year }}年度法治政府建设总体情况，结尾写“现将有关情况报告如下：”。"],
        description="模板中主送机关之后、第一部分之前的填写说明（jinja2）",
    )

    _v = field_validator("addressee_patterns", "signature_patterns")(_compiles)


class FontSpec(_Strict):
    font: str = Field(description="字体名（东亚字体 w:eastAsia）")
    size_pt: float = Field(gt=0)
    accept: list[str] = Field(default_factory=list, description="视为相同的字体名")
    bold: bool | None = None


class LayoutSpec(_Strict):
    page_width_mm: float = 210
    page_height_mm: float = 297
    margin_top_mm: float = 37
    margin_bottom_mm: float = 35
    margin_left_mm: float = 28
    margin_right_mm: float = 26
    margin_tolerance_mm: float = 1
    size_tolerance_pt: float = 0.5
    line_spacing_pt: tuple[float, float] = (28, 29)
    lines_per_page: int = Field(22, ge=1, description="每面行数（GB/T 9704-2012 5.2.3），模板据此定行距")
    chars_per_line: int = Field(28, ge=1, description="每行字数（GB/T 9704-2012 5.2.3），模板据此定字符网格")
    footer_distance_mm: float = Field(25, ge=0, description="模板页脚距页面下边缘：页码一字线约在版心下边缘之下 7 mm（GB/T 9704-2012 7.5）")
    title: FontSpec = FontSpec(font="方正小标宋简体", size_pt=22, accept=["方正小标宋_GBK", "小标宋", "华文中宋"])
    body: FontSpec = FontSpec(font="仿宋_GB2312", size_pt=16, accept=["仿宋", "仿宋_GBK", "FangSong", "方正仿宋_GBK", "方正仿宋简体"])
    heading1: FontSpec = FontSpec(font="黑体", size_pt=16, accept=["SimHei", "方正黑体_GBK", "方正黑体简体"])
    heading2: FontSpec = FontSpec(font="楷体_GB2312", size_pt=16, accept=["楷体", "KaiTi", "楷体_GBK", "方正楷体_GBK", "方正楷体简体"])
    page_number: FontSpec = FontSpec(font="宋体", size_pt=14, accept=["SimSun"])
    guidance_color: str = Field(
        "7F7F7F", pattern=r"^[0-9A-Fa-f]{6}$", description="模板中【填写说明】的文字颜色（RGB 十六进制），使说明与正文一眼可辨"
    )
    guidance_italic: bool = Field(True, description="模板中【填写说明】是否用斜体")


class RuleSetting(_Strict):
    enabled: bool = True
    severity: Severity | None = None
    points: float | None = Field(None, ge=0)
    max_points: float | None = Field(None, ge=0)
    options: dict = Field(default_factory=dict)


class Grade(_Strict):
    name: str
    min_score: float


class ScoreCap(_Strict):
    """A ceiling on the headline score (scoring.md): when at least `absent` parts
    are missing or empty and at least `errors` error findings are present."""

    absent: int = Field(0, ge=0, description="缺失或为空的部分至少这么多")
    main_only: bool = Field(False, description="只数主要部分（main: true）")
    errors: int = Field(0, ge=0, description="错误至少这么多处")
    max_score: float = Field(ge=0, le=100, description="总分最高为")
    reason: str = Field("", description="说明（显示在 fazhi schema 中）")


class ScoringSpec(_Strict):
    """How findings become the headline score and the layout score (docs/scoring.md)."""

    error_min_points: float = Field(4, ge=0, description="每处错误至少扣的分")
    warning_max_points: float = Field(3, ge=0, description="每处警告至多扣的分")
    warning_rule_cap: float = Field(3, ge=0, description="同一规则的警告合计至多扣的分（应小于一处错误）")
    caps: list[ScoreCap] = Field(
        default_factory=lambda: [
            ScoreCap(absent=1, max_score=89.9, reason="任一部分缺失或为空，不评优秀"),
            ScoreCap(errors=1, max_score=89.9, reason="有错误，不评优秀"),
            ScoreCap(absent=1, main_only=True, max_score=74.9, reason="一个主要部分缺失或为空，至多合格"),
            ScoreCap(absent=2, max_score=59.9, reason="两个及以上部分缺失或为空，不合格"),
        ]
    )
    layout_points: dict[str, float] = Field(
        default_factory=lambda: {
            "font-title": 15.0, "font-body": 30.0, "font-heading": 15.0,
            "page-margins": 15.0, "page-size": 15.0, "line-spacing": 10.0,
        },
        description="版式分（仅 .docx）：每条版式规则不符合时扣的分",
    )

    @model_validator(mode="after")
    def _errors_outweigh_warnings(self) -> "ScoringSpec":
        if self.warning_max_points >= self.error_min_points or self.warning_rule_cap >= self.error_min_points:
            raise ValueError("warning_max_points 和 warning_rule_cap 必须小于 error_min_points：一处错误应比同一规则的全部警告扣分多")
        return self


class Profile(ProfileMethods, _Strict):
    name: str
    extends: str | None = None
    description: str = ""
    parts: list[PartSpec]
    meta: MetaSpec = MetaSpec()
    layout: LayoutSpec = LayoutSpec()
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    allow: list[str] = Field(default_factory=list, description="不再报告的短语（地名、本地用语）")
    data: dict[str, list[str]] = Field(default_factory=dict, description="追加的数据文件，按类型（laws/terms/…）")
    grades: list[Grade] = Field(
        default_factory=lambda: [
            Grade(name="优秀", min_score=90),
            Grade(name="良好", min_score=75),
            Grade(name="合格", min_score=60),
            Grade(name="不合格", min_score=0),
        ]
    )
    min_score: float = Field(60, ge=0, le=100)
    scoring: ScoringSpec = ScoringSpec()

    @model_validator(mode="after")
    def _five_parts(self) -> "Profile":
        ids = [p.id for p in self.parts]
        if sorted(ids) != sorted(PART_IDS):
            raise ValueError(f"parts 必须恰好包含五个部分 {', '.join(PART_IDS)}，实际为 {', '.join(ids)}")
        self.parts.sort(key=lambda p: PART_IDS.index(p.id))
        return self

    # main_parts, part(), grade(), rule_setting(): ProfileMethods (shared with fazhi.schema.records)

    def default_rule_setting(self) -> RuleSetting:
        return RuleSetting()
