"""A validated profile as plain objects, for a start-up that skips pydantic.

Importing pydantic and building the profile's model classes costs ~0.1 s of a
single-file check. `fazhi.config.resolve_settings` therefore keeps the
resolved profile of a run in fazhi's cache as `Record`s (see `records`): the
same attribute tree the pydantic models have, read by the checker exactly as
the models are, copied with `model_copy` and dumped with `model_dump` as
pydantic does. They are made only from a profile pydantic has validated, never
from user input. `ProfileMethods` is the behaviour both kinds of profile share."""

from __future__ import annotations

from typing import Any


class ProfileMethods:
    """What a Profile does besides holding fields (pydantic model or Record)."""

    parts: list
    grades: list
    rules: dict

    @property
    def main_parts(self) -> list[str]:
        return [p.id for p in self.parts if p.main]

    def part(self, part_id: str):
        return next(p for p in self.parts if p.id == part_id)

    def grade(self, score: float) -> str:
        for g in sorted(self.grades, key=lambda g: -g.min_score):
            if score >= g.min_score:
                return g.name
        return self.grades[-1].name

    def rule_setting(self, slug: str):
        return self.rules.get(slug) or self.default_rule_setting()

    def default_rule_setting(self):  # pragma: no cover - both kinds override it
        raise NotImplementedError


class Record:
    """The fields of a validated model as attributes; `__model__` names its class."""

    def __init__(self, model: str, fields: dict[str, Any]) -> None:
        self.__dict__.update(fields)
        self.__dict__["__model__"] = model

    @property
    def fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("__")}

    def model_copy(self, update: dict | None = None, deep: bool = False) -> Record:
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        new.__dict__.update(update or {})
        return new

    def model_dump(self, mode: str = "python") -> dict[str, Any]:
        return {k: _dump(v, mode) for k, v in self.fields.items()}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # as pydantic's (mutable) models

    def __repr__(self) -> str:
        return f"{self.__dict__['__model__']}({', '.join(f'{k}={v!r}' for k, v in self.fields.items())})"


class ProfileRecord(ProfileMethods, Record):
    """A Profile; `__default_setting__` is RuleSetting() as pydantic built it."""

    def default_rule_setting(self):
        return self.__dict__["__default_setting__"]


def _dump(value: Any, mode: str) -> Any:
    if isinstance(value, Record):
        return value.model_dump(mode)
    if isinstance(value, dict):
        return {k: _dump(v, mode) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        items = [_dump(v, mode) for v in value]
        return items if mode == "json" or isinstance(value, list) else tuple(items)
    return value


def records(value: Any) -> Any:
    """`value` with every pydantic model in it turned into a Record."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        fields = {name: records(getattr(value, name)) for name in type(value).model_fields}
        if isinstance(value, ProfileMethods):
            record = ProfileRecord(type(value).__name__, fields)
            record.__dict__["__default_setting__"] = records(value.default_rule_setting())
            return record
        return Record(type(value).__name__, fields)
    if isinstance(value, dict):
        return {k: records(v) for k, v in value.items()}
    if isinstance(value, list):
        return [records(v) for v in value]
    if isinstance(value, tuple):
        return tuple(records(v) for v in value)
    return value
