"""The regex prefilter (rules/_prefilter.py) may only skip texts a pattern
cannot match: checked on random patterns and texts, and on every pattern of
the data files it guards."""

import re

from hypothesis import given, settings, strategies as st

from fazhi.checker.rules._prefilter import AnyPrefilter, Prefilter, required
from fazhi.checker.rules.language._data import placeholders, rates
from fazhi.checker.rules.references.outdated_reference import outdated_entries
from fazhi.schema import load_profile

ALPHABET = "ab法制%％X×1 "
atoms = st.sampled_from(["a", "b", "法", "制", "%", "[%％]", "[Xx×]", r"\d", r"\s", "[a-c]", "[^a]", ".", "X", "1"])


def _combine(children):
    pair = st.tuples(children, children)
    return st.one_of(
        pair.map(lambda p: p[0] + p[1]),
        pair.map(lambda p: f"(?:{p[0]}|{p[1]})"),
        children.map(lambda c: f"(?:{c})?"),
        children.map(lambda c: f"(?:{c})*"),
        children.map(lambda c: f"(?:{c})+"),
        children.map(lambda c: f"(?:{c}){{2,}}"),
        children.map(lambda c: f"(?:{c}){{0,3}}?"),
        children.map(lambda c: f"(?<!a){c}"),
        children.map(lambda c: f"(?=b){c}"),
        children.map(lambda c: f"^{c}$"),
        children.map(lambda c: f"({c})"),
    )


patterns = st.recursive(atoms, _combine, max_leaves=6)


@settings(max_examples=400, deadline=None)
@given(patterns, st.lists(st.text(alphabet=ALPHABET, max_size=12), min_size=1, max_size=6))
def test_a_skipped_text_has_no_match(source, texts):
    pattern = re.compile(source)
    guard = Prefilter(pattern)
    for text in texts:
        if not guard.may_match(text):
            assert pattern.search(text) is None, (source, text)
        assert list(m.span() for m in guard.finditer(text)) == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.lists(patterns, min_size=1, max_size=4), st.lists(st.text(alphabet=ALPHABET, max_size=12), min_size=1, max_size=6))
def test_a_text_ruled_out_for_a_list_matches_none_of_it(sources, texts):
    compiled = [re.compile(s) for s in sources]
    guard = AnyPrefilter(compiled)
    for text in texts:
        if not guard.may_match(text):
            assert all(p.search(text) is None for p in compiled), (sources, text)


def test_a_list_prefilter_rules_out_clean_text():
    guard = AnyPrefilter([re.compile(r"(?<![A-Za-z])[Xx]{2,}"), re.compile(r"(?:错误|Error)[!！]\s*未定义书签")])
    assert not guard.may_match("全年召开专题会议4次。")
    assert guard.may_match("XX镇") and guard.may_match("未定义书签")
    assert AnyPrefilter([re.compile(r"\w+")]).may_match("")
    assert not AnyPrefilter([]).may_match("anything")


def test_needs_are_selective():
    need = required(re.compile(r"(?<![A-Za-z])(?:[Xx]{2,}|×{2,})(?![A-Za-z])"))
    assert need is not None and need.chars == {"X", "x", "×"}
    assert required(re.compile(r"(?:政府|县)?法制办(?:公室)?")).strings == {"法制办"}
    assert required(re.compile(r"[\u4e00-\u9fff]{0,8}?(?:率|占比)(?P<num>\d+)\s*[%％]")).strings == {"率", "占比"}
    words = "|".join(f"{c}率" for c in "参合覆盖及格优良")
    assert required(re.compile(rf"[\u4e00-\u9fff]{{0,8}}?(?:{words})(?P<num>\d+)\s*[%％]")).chars == {"%", "％"}


def test_unanalysable_patterns_are_never_skipped():
    for source in [r"(?i)xx", r"(a)\1", r"a*", r"[^a]b?", r"\w+", r"(?(1)a|b)"]:
        try:
            pattern = re.compile(source)
        except re.error:
            continue
        assert Prefilter(pattern).may_match("") or required(pattern) is not None
    assert required(re.compile("(?i)xx")) is None
    assert required(re.compile(r"(a)\1")) is None
    assert Prefilter(re.compile(r"\w+")).may_match("")


def test_data_patterns_keep_their_matches():
    """On the seeds, every data pattern the rules guard finds the same matches."""
    import pathlib

    profile = load_profile("township")
    guarded = [p.regex for p in placeholders(profile).inline] + [rates(profile).regex] + [e.pattern for e in outdated_entries(profile)]
    seeds = pathlib.Path(__file__).resolve().parent.parent / "seeds"
    lines = [ln for f in sorted(seeds.glob("*.txt")) for ln in f.read_text(encoding="utf-8").splitlines()]
    lines += ["XXX镇", "参学率120%", "七五普法", "县法制办", "错误！未定义书签。", "{{name}}", "[bookmark: _GoBack]", "○○年"]
    for pattern in guarded:
        guard = Prefilter(pattern)
        for line in lines:
            assert [m.span() for m in guard.finditer(line)] == [m.span() for m in pattern.finditer(line)], (pattern.pattern, line)


@settings(max_examples=200, deadline=None)
@given(patterns, st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=10), min_size=1, max_size=5))
def test_candidate_paragraphs_hold_every_match(source, lines):
    """One scan of the whole text names every paragraph a per-paragraph search can match."""
    from fazhi.checker.engine import build_context
    from fazhi.checker.reader import document_from_text
    from fazhi.checker.rules._prefilter import candidate_paragraphs

    pattern = re.compile(source)
    doc = document_from_text("\n".join(line.replace("\n", " ") for line in lines))
    ctx = build_context(doc, PROFILE)
    found = candidate_paragraphs(ctx, pattern)
    for para in doc.paragraphs:
        if pattern.search(para.text):
            assert found is None or para.index in found, (source, para.text)


PROFILE = load_profile("township")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab法制办%X", min_size=1, max_size=4), min_size=9, max_size=14), st.text(alphabet="ab法制办%X ", max_size=20))
def test_a_list_of_many_strings_is_ruled_out_in_one_pass(words, text):
    compiled = [re.compile(re.escape(w)) for w in words]
    assert AnyPrefilter(compiled).may_match(text) == any(p.search(text) for p in compiled)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=6), st.integers(0, 12), st.integers(0, 12))
def test_spans_contain_what_one_of_them_covers(pairs, start, end):
    from fazhi.checker.rules.references._text import Spans

    spans = [(min(a, b), max(a, b)) for a, b in pairs]
    start, end = min(start, end), max(start, end)
    assert Spans(12, spans).contains(start, end) == any(s <= start and end <= e for s, e in spans)
