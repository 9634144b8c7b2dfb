"""What a configuration file may hold, as pydantic models (fazhi.config).

Imported only when a configuration is read and validated: a start-up served
from the settings cache (fazhi.config_cache) never imports pydantic."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from fazhi.schema.models import RuleSetting


class LimitsConfig(BaseModel):
    """[limits]: how much one file may cost (see fazhi.limits; unset = default)."""

    model_config = ConfigDict(extra="forbid")

    seconds: float | None = Field(None, gt=0)
    paragraphs: int | None = Field(None, ge=1)
    characters: int | None = Field(None, ge=1)
    part_mb: float | None = Field(None, gt=0)
    total_mb: float | None = Field(None, gt=0)
    styles: int | None = Field(None, ge=1)
    style_depth: int | None = Field(None, ge=1)
    numbering_levels: int | None = Field(None, ge=1)


class FileConfig(BaseModel):
    """What a configuration file may hold. Unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")

    profile: str | None = None
    published: bool | None = None
    min_score: float | None = Field(None, ge=0, le=100)
    enable: list[str] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)
    select: list[str] = Field(default_factory=list, description="只运行这些规则或规则组（如 spelling、typo）")
    ignore: list[str] = Field(default_factory=list, description="不运行这些规则或规则组")
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    allow: list[str] = Field(default_factory=list)
    data: dict[str, list[str]] = Field(default_factory=dict)
    exclude: list[str] = Field(default_factory=list)
    jobs: int | None = Field(None, ge=1)
    fail_on: Literal["error", "warning", "never"] | None = None
    paths: list[str] = Field(default_factory=list, description="`fazhi ci` 不带参数时检查的文件夹/模式")
    limits: LimitsConfig = Field(default_factory=LimitsConfig)
