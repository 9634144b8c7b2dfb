"""fazhi.cache: parsed data kept between runs is what parsing gives, follows
every change of its source, and never makes a run fail."""

from __future__ import annotations

import marshal

import pytest

from fazhi import cache
from fazhi.checker import townships


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.delenv("FAZHI_NO_CACHE", raising=False)
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _parse_counting(path, calls):
    def build():
        calls.append(1)
        return {line.split("=")[0]: tuple(line.split("=")[1].split(",")) for line in path.read_text(encoding="utf-8").splitlines()}

    return build


def _compiled(path, calls):
    return cache.compiled("demo", [path], _parse_counting(path, calls), lambda d: d, lambda d: d)


def test_second_run_reads_the_entry_and_gets_the_same_value(folder, tmp_path):
    src = tmp_path / "demo.txt"
    src.write_text("石市镇=430421,360924\n岘山镇=430421\n", encoding="utf-8")
    calls: list = []
    first = _compiled(src, calls)
    second = _compiled(src, calls)
    assert first == second == {"石市镇": ("430421", "360924"), "岘山镇": ("430421",)}
    assert len(calls) == 1 and len(list(folder.glob("demo-*.marshal"))) == 1


def test_an_edited_source_is_parsed_again(folder, tmp_path):
    src = tmp_path / "demo.txt"
    src.write_text("a=1\n", encoding="utf-8")
    calls: list = []
    assert _compiled(src, calls) == {"a": ("1",)}
    src.write_text("a=2\n", encoding="utf-8")
    assert _compiled(src, calls) == {"a": ("2",)}
    assert len(calls) == 2


def test_damaged_entry_or_unwritable_folder_only_costs_a_parse(folder, tmp_path, monkeypatch):
    src = tmp_path / "demo.txt"
    src.write_text("a=1\n", encoding="utf-8")
    calls: list = []
    _compiled(src, calls)
    for entry in folder.glob("demo-*.marshal"):
        entry.write_bytes(b"\x00garbage")
    assert _compiled(src, calls) == {"a": ("1",)}
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert _compiled(src, calls) == {"a": ("1",)}
    assert len(calls) == 3


def test_missing_source_is_reported_by_the_parser(folder, tmp_path):
    with pytest.raises(FileNotFoundError):
        _compiled(tmp_path / "absent.txt", [])


def test_no_cache_switch(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_NO_CACHE", "1")
    src = tmp_path / "demo.txt"
    src.write_text("a=1\n", encoding="utf-8")
    calls: list = []
    _compiled(src, calls)
    _compiled(src, calls)
    assert len(calls) == 2 and not folder.exists()


def test_township_table_from_the_cache_equals_the_parsed_one(folder):
    townships._builtin.cache_clear()
    try:
        cold = townships.township_table()
        townships._builtin.cache_clear()
        warm = townships.township_table()
    finally:
        townships._builtin.cache_clear()
    parsed = townships._read(townships.DATA)
    assert warm.by_name == cold.by_name == parsed.by_name
    assert warm.by_county == parsed.by_county and warm.county_names == parsed.county_names
    assert warm.counties("石市镇") == parsed.counties("石市镇")
    assert marshal.loads(next(folder.glob("townships-*.marshal")).read_bytes())[2] == parsed.county_names


def test_yaml_data_files_from_the_cache_equal_the_parsed_ones(folder, tmp_path):
    from fazhi.errors import ProfileError
    from fazhi.schema import datafiles

    src = tmp_path / "terms.yaml"
    src.write_text("wrong:\n  - term: 法制政府\n    right: 法治政府\nnote: 1.5\n", encoding="utf-8")
    parsed = datafiles.parse_yaml(src.read_text(encoding="utf-8"), src)
    cold, warm = datafiles.read_yaml(src, "terms"), datafiles.read_yaml(src, "terms")
    assert cold == warm == parsed and list(folder.glob("yaml-terms-*.marshal"))
    assert warm.line == 1 and warm["wrong"][0].line == parsed["wrong"][0].line == 2
    assert type(warm["wrong"][0]) is datafiles.Mapping
    src.write_text("wrong: []\n", encoding="utf-8")  # an edited file is parsed again
    assert datafiles.read_yaml(src, "terms") == {"wrong": []}
    for entry in folder.glob("yaml-terms-*.marshal"):  # a damaged entry only costs the parse
        entry.write_bytes(b"\x00garbage")
    assert datafiles.read_yaml(src, "terms") == {"wrong": []}
    src.write_text("wrong: [\n", encoding="utf-8")  # a broken file never gets an entry
    for _ in range(2):
        with pytest.raises(ProfileError, match="YAML"):
            datafiles.read_yaml(src, "terms")


def test_divisions_table_from_the_cache_equals_the_built_one(folder, tmp_path):
    from fazhi.checker.rules.content import _places
    from fazhi.errors import ProfileError
    from fazhi.schema.datafiles import builtin

    files, generic = (str(builtin("divisions.tsv")),), ("城区",)
    built = _places._build(files, generic)
    _places._table.cache_clear()
    try:
        cold = _places._table(files, generic)
        _places._table.cache_clear()
        warm = _places._table(files, generic)
        assert warm is not cold and list(folder.glob("divisions-*.marshal"))
        for table in (cold, warm):
            assert table.by_code == built.by_code and list(table.names.items()) == list(built.names.items())
        assert warm.find("湖南省衡阳市衡阳县") == built.find("湖南省衡阳市衡阳县")
        bad = tmp_path / "bad.tsv"
        bad.write_text("430000\t湖南省\n", encoding="utf-8")
        for _ in range(2):  # a broken added file never gets an entry
            with pytest.raises(ProfileError, match="格式错误"):
                _places._table((*files, str(bad)), generic)
    finally:
        _places._table.cache_clear()
