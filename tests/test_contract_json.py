"""`fazhi check --format json` output follows docs/contract.md §2."""

import json
import subprocess
import sys

from conftest import SEEDS

SEED = SEEDS / "001_f4cae163528c1ce9.txt"


def _run(*args):
    return subprocess.run([sys.executable, "-m", "fazhi", "check", *args], capture_output=True, text=True)


def test_one_file_one_object():
    p = _run("--format", "json", str(SEED))
    data = json.loads(p.stdout)
    assert isinstance(data, dict)
    assert {"file", "profile", "entity", "year", "doc_date", "score", "grade", "parts", "findings"} <= set(data)
    assert [x["id"] for x in data["parts"]] == ["achievements", "shortcomings", "leader_duties", "next_year", "other"]
    assert data["doc_date"] == "2024-02-22" and data["year"] == 2023 and data["entity"] == "岘山镇"
    assert all(x["status"] in ("heading", "inline", "missing") for x in data["parts"])
    for f in data["findings"]:
        assert f["severity"] in ("error", "warning", "info")
        assert f["points"] <= 0 and f["basis"] and f["message"]
        if "paragraph" in f["location"]:
            assert f["location"]["paragraph"] >= 1
    grades = {"优秀": 90, "良好": 75, "合格": 60, "不合格": 0}
    assert data["score"] >= grades[data["grade"]]


def test_paragraph_index_and_offsets_point_at_the_evidence():
    lines = SEED.read_text(encoding="utf-8").splitlines()
    data = json.loads(_run("--format", "json", str(SEED)).stdout)
    for f in data["findings"]:
        loc = f["location"]
        if "start" in loc and f["evidence"]:
            text = lines[loc["paragraph"] - 1]
            span = text[loc["start"]:loc["end"]]
            # The evidence is the span itself or the span with a little context around it.
            assert span and span in f["evidence"] and f["evidence"] in text, f


def test_several_files_give_an_array_and_exit_codes():
    p = _run("--format", "json", str(SEED), str(SEEDS / "002_3c0df08b306f7395.txt"))
    data = json.loads(p.stdout)
    assert isinstance(data, list) and len(data) == 2
    assert p.returncode == 1  # 002 fails


def test_min_score_sets_exit_code():
    assert _run("--format", "json", "--min-score", "0", str(SEEDS / "003_cfeccfaec11a132e.txt")).returncode in (0, 1)
    assert _run("--format", "json", "--min-score", "100", str(SEED)).returncode == 1


def test_part_heading_location():
    data = json.loads(_run("--format", "json", str(SEED)).stdout)
    ach = data["parts"][0]
    assert ach["status"] == "heading" and ach["location"]["paragraph"] == 8
    assert ach["heading"].startswith("一、推进法治政府")


# --- orjson writes what json.dumps(ensure_ascii=False, indent=2) writes --------------

from hypothesis import example as _example, given as _given, settings as _settings, strategies as _st  # noqa: E402

_leaves = (
    _st.none()
    | _st.booleans()
    | _st.integers(min_value=-(2**70), max_value=2**70)
    | _st.floats(allow_nan=False, allow_infinity=False)
    | _st.text()
)
_json_values = _st.recursive(_leaves, lambda inner: _st.lists(inner, max_size=4) | _st.dictionaries(_st.text(max_size=8), inner, max_size=4), max_leaves=25)


@_settings(max_examples=300, deadline=None)
@_given(_json_values)
@_example([1e-05, 0.0001, 2.5e-07, 1e16, 1.5e300, -0.0, 12.5, 2**64, "\u2028\x00", {"得分": 95.5}])
def test_fast_json_writer_gives_the_standard_text(value):
    import json

    from fazhi.formatters.json_format import dumps

    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


class _Stub:
    """What the JSON formatter reads of a report."""

    def __init__(self, data):
        self.data = data

    def to_dict(self):
        return self.data


@_settings(max_examples=200, deadline=None)
@_given(_st.lists(_st.dictionaries(_st.text(max_size=8), _json_values, max_size=4), max_size=4), _st.booleans())
@_example([{"a": "\ud800"}, {"b": [1e-05, {}, []]}], True)
def test_the_json_written_one_report_at_a_time_is_the_whole_arrays_text(items, many):
    """A batch's JSON is streamed report by report: the pieces join to what one
    json.dumps of the whole array (or of the one object) writes."""
    import json

    from fazhi.formatters.json_format import stream

    whole = json.dumps(items[0] if len(items) == 1 and not many else items, ensure_ascii=False, indent=2)
    assert "".join(stream([_Stub(i) for i in items], [], many=many)) == whole
