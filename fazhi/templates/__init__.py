"""Word and Markdown templates of an annual report, generated from a profile.

    from fazhi.templates import build_docx, write_docx, build_markdown
    data = build_docx("township", entity="岘山镇", year=2024, addressee="衡阳县委依法治县办")
    write_docx("报告.docx", "township", entity="岘山镇", year=2024, signer="衡阳县岘山镇人民政府")
    text = build_markdown("township", entity="岘山镇", year=2024)

`profile` is a Profile or a profile reference (built-in name or .yaml path).
Raises fazhi.errors.ProfileError when the profile or its template texts are invalid."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from fazhi.schema.models import Profile

if TYPE_CHECKING:
    from jinja2 import Environment

    from fazhi.templates.skeleton import TemplateOptions

# jinja2 and the skeleton are imported when a template is built, not when the
# layout rules import fazhi.templates.fonts (a check never needs jinja2).


def __getattr__(name: str):
    if name in ("Block", "TemplateOptions", "build_skeleton"):
        from fazhi.templates import skeleton

        return getattr(skeleton, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=1)
def _md_env() -> Environment:
    from jinja2 import Environment, FileSystemLoader

    return Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=False, keep_trailing_newline=True)


def _profile(profile: Profile | str) -> Profile:
    if not isinstance(profile, str):  # a Profile, or its fazhi.schema.records form
        return profile
    from fazhi.schema import load_profile

    return load_profile(profile)


def _options(entity=None, year=None, addressee=None, signer=None) -> TemplateOptions:
    from fazhi.templates.skeleton import TemplateOptions

    return TemplateOptions(entity=entity, year=year, addressee=addressee, signer=signer)


def build_docx(profile: Profile | str = "township", *, entity: str | None = None, year: int | None = None,
               addressee: str | None = None, signer: str | None = None) -> bytes:
    """The .docx template as bytes."""
    from fazhi.templates.docx_builder import build_document_bytes

    return build_document_bytes(_profile(profile), _options(entity, year, addressee, signer))


def write_docx(path: str | Path, profile: Profile | str = "township", **options) -> Path:
    """Write the .docx template to `path` and return the path."""
    path = Path(path)
    path.write_bytes(build_docx(profile, **options))
    return path


def build_markdown(profile: Profile | str = "township", *, entity: str | None = None, year: int | None = None,
                   addressee: str | None = None, signer: str | None = None) -> str:
    """The same skeleton as Markdown: # title, ## 一、…, ### （一）…, guidance lines."""
    from fazhi.templates.skeleton import build_skeleton

    blocks = build_skeleton(_profile(profile), _options(entity, year, addressee, signer))
    return _md_env().get_template("report.md.j2").render(blocks=blocks).rstrip("\n") + "\n"
