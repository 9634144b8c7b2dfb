"""The template's content, independent of the output format: a list of blocks
(title, 主送机关, headings, guidance, 署名, 成文日期) rendered from the profile.

Every text comes from the profile and is rendered with jinja2 (sandboxed: a
profile is user input), so a county profile changes the template without code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from fazhi.errors import ProfileError
from fazhi.schema.models import Profile

CN_ORDINALS = "一二三四五六七八九十"
ENTITY_PLACEHOLDER = "【填写单位名称】"
SIGNER_PLACEHOLDER = "【填写发文机关署名】"
GUIDANCE_OPEN = "【填写说明："

_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


@dataclass(frozen=True)
class TemplateOptions:
    """What the user tells `fazhi template`; None = a placeholder or the profile's default."""

    entity: str | None = None
    year: int | None = None
    addressee: str | None = None
    signer: str | None = None

    @property
    def report_year(self) -> int:
        # Reports are written in the first quarter of the year after the one they cover.
        return self.year if self.year is not None else date.today().year - 1


@dataclass(frozen=True)
class Block:
    kind: str  # title / addressee / guidance / heading1 / heading2 / blank / signature / date
    text: str = ""
    part: str | None = None


def guidance_text(text: str) -> str:
    """Wrap a guidance line so the checker's `placeholder` rule sees it as unfilled."""
    text = text.strip()
    return text if text.startswith("【") and text.endswith("】") else f"{GUIDANCE_OPEN}{text}】"


def date_example(year: int) -> str:
    return f"{year + 1}年2月20日"


def date_placeholder(year: int) -> str:
    # Not a date the outline parser accepts, so it stays a placeholder; contains 填写 for `placeholder`.
    return f"【填写成文日期，如{date_example(year)}】"


def addressee_line(name: str) -> str:
    name = name.strip().rstrip(":：")
    return f"{name}："


def cn_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二 (numbers of headings in a template stay small)."""
    if n <= 10:
        return CN_ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_ORDINALS[tens - 1] if tens > 1 else "") + "十" + (CN_ORDINALS[ones - 1] if ones else "")


class _Renderer:
    def __init__(self, profile: Profile, variables: dict):
        self.profile = profile
        self.variables = variables

    def __call__(self, source: str, where: str) -> str:
        try:
            return _ENV.from_string(source).render(**self.variables).strip()
        except TemplateError as exc:
            names = "、".join(self.variables)
            raise ProfileError(
                f"配置档 {self.profile.name} 中 {where} 的模板文字有误：{exc}（可用变量：{names}），请修改后重试"
            ) from None


def template_variables(options: TemplateOptions) -> dict:
    year = options.report_year
    return {
        "year": year,
        "next_year": year + 1,
        "entity": (options.entity or "").strip() or ENTITY_PLACEHOLDER,
        "addressee": "",
    }


def build_skeleton(profile: Profile, options: TemplateOptions) -> list[Block]:
    variables = template_variables(options)
    variables["addressee"] = (options.addressee or profile.meta.default_addressee).strip()
    render = _Renderer(profile, variables)
    blocks = [
        Block("title", render(profile.meta.template_title, "meta.template_title")),
        Block("blank"),
        Block("addressee", addressee_line(variables["addressee"])),
    ]
    blocks += [Block("guidance", guidance_text(render(g, f"meta.template_intro[{i}]"))) for i, g in enumerate(profile.meta.template_intro)]
    for n, part in enumerate(profile.parts, start=1):
        blocks += _part_blocks(part, n, render)
    signer = (options.signer or "").strip() or SIGNER_PLACEHOLDER
    blocks += [Block("blank"), Block("signature", signer), Block("date", date_placeholder(variables["year"]))]
    return blocks


def _part_blocks(part, n: int, render: _Renderer) -> list[Block]:
    where = f"parts.{part.id}"
    out = [Block("heading1", f"{cn_ordinal(n)}、{render(part.template_heading, where + '.template_heading')}", part.id)]
    out += [Block("guidance", guidance_text(render(g, f"{where}.guidance[{i}]")), part.id) for i, g in enumerate(part.guidance)]
    for i, sub in enumerate(part.subheadings, start=1):
        out.append(Block("heading2", f"（{cn_ordinal(i)}）{render(sub, f'{where}.subheadings[{i - 1}]')}", part.id))
        out.append(Block("guidance", guidance_text(render(part.subheading_guidance, f"{where}.subheading_guidance")), part.id))
    return out
