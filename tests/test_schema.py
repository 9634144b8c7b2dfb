"""Profiles: inheritance, validation errors that name the field, JSON Schema export."""

import json

import pytest
from typer.testing import CliRunner

from fazhi.errors import ProfileError
from fazhi.schema import available_profiles, load_profile
from fazhi.schema.loader import load_profile_dict
from fazhi.schema.models import PART_IDS


def test_builtin_profiles_inherit():
    assert {"national", "township"} <= set(available_profiles())
    national, township = load_profile("national"), load_profile("township")
    assert [p.id for p in township.parts] == list(PART_IDS)
    assert township.part("achievements").heading_patterns == national.part("achievements").heading_patterns
    assert township.name == "township"


def test_county_profile_overrides_one_part(tmp_path):
    f = tmp_path / "county.yaml"
    f.write_text("extends: township\nparts:\n  - id: other\n    weight: 1\nallow: [石柱]\nmin_score: 70\n", encoding="utf-8")
    p = load_profile(str(f))
    assert p.part("other").weight == 1 and p.part("other").heading_patterns  # merged, not replaced
    assert p.allow == ["石柱"] and p.min_score == 70


@pytest.mark.parametrize("body,where", [
    ("extends: township\nparts:\n  - id: other\n    weight: abc\n", "parts[other].weight"),
    ("extends: township\nmin_scor: 70\n", "min_scor"),
    ("extends: township\nparts:\n  - id: other\n    heading_patterns: ['(unclosed']\n", "parts[other].heading_patterns"),
    ("extends: township\nlayout:\n  margin_top_mm: abc\n", "layout.margin_top_mm"),
])
def test_broken_profile_names_the_field(tmp_path, body, where):
    f = tmp_path / "bad.yaml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(ProfileError) as exc:
        load_profile(str(f))
    assert where in str(exc.value)


def test_inheritance_cycle_is_reported(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="循环"):
        load_profile_dict(str(tmp_path / "a.yaml"))


def test_cli_json_schema_and_validation(tmp_path):
    from fazhi.cli.app import app

    runner = CliRunner()
    out = runner.invoke(app, ["schema", "--json-schema"])
    assert out.exit_code == 0
    schema = json.loads(out.stdout)
    assert "parts" in schema["properties"] and schema["additionalProperties"] is False
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: township\nfoo: 1\n", encoding="utf-8")
    out = runner.invoke(app, ["schema", str(bad)])
    assert out.exit_code == 2 and "foo" in out.output and "Traceback" not in out.output
    out = runner.invoke(app, ["schema", "township"])
    assert out.exit_code == 0 and "achievements" in out.stdout


def test_json_schema_validates_builtin_profile_files():
    import jsonschema
    import yaml

    from fazhi.schema.loader import PROFILE_DIR
    from fazhi.schema.models import Profile

    data = yaml.safe_load((PROFILE_DIR / "national.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, Profile.model_json_schema())
