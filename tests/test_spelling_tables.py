"""The typo detector's packed tables (spelling/_lexicon.py) answer as the
plain dict of the lexicon does, follow every change of their sources, survive
a broken cache entry, and the fast detector finds exactly what the plain
algorithm (a dict, every substring looked up, every window scored) finds."""

from __future__ import annotations

import gzip
import math
import random
from functools import lru_cache
from pathlib import Path

import pytest

from fazhi.checker.rules.spelling import _detector, _lexicon

FIXTURES = Path(__file__).parent / "fixtures"


@lru_cache(maxsize=1)
def source_frequencies() -> dict[str, int]:
    return _lexicon.read_frequencies()


@lru_cache(maxsize=1)
def source_confusions() -> dict[str, frozenset[str]]:
    return {c: frozenset(s) for c, s in _lexicon.read_confusions().items()}


def sample_words(n: int = 3000) -> list[str]:
    """Words of every length, and near misses: a character changed, added, cut."""
    rnd = random.Random(5)
    words = sorted(source_frequencies())
    picked = rnd.sample(words, n)
    misses = [w[:-1] + rnd.choice("的法镇局据政") for w in picked] + [w + "镇" for w in picked[:500]] + [w[1:] for w in picked[:500]]
    return picked + [w for w in misses if w]


# ---------------------------------------------------------------- lookups


def test_lookups_equal_the_dict_on_a_sample():
    lex, freqs = _lexicon.lexicon(), source_frequencies()
    for w in sample_words():
        f = freqs.get(w, 0)
        assert lex.freq(w) == f, w
        assert lex.target(w) == (f if 2 <= len(w) <= 4 and f >= _lexicon.TARGET_FREQ else 0), w


def test_character_tables_equal_the_lexicon_s():
    lex, freqs = _lexicon.lexicon(), source_frequencies()
    best_left: dict[str, int] = {}
    follows: dict[str, set[str]] = {}
    for w, f in freqs.items():
        if len(w) == 2:
            best_left[w[1]] = max(best_left.get(w[1], 0), f)
        if f >= _lexicon.TARGET_FREQ:
            for k in range(len(w) - 1):
                follows.setdefault(w[k], set()).add(w[k + 1])
    for c in "镇法治政府据局的一鼎亍":
        assert lex.single(c) == freqs.get(c, 0)
        assert lex.best_left(c) == best_left.get(c, 0)
        assert lex.follows.get(c) == "".join(sorted(follows.get(c, ())))
        assert set(lex.confusable.get(c)) == source_confusions().get(c, frozenset())
        assert set(lex.left.get(c)) == {p for r in lex.confusable.get(c) for p in lex.precedes.get(r)}
    pairs = {w for w, f in freqs.items() if len(w) == 2 and f >= _lexicon.COVER_FREQ}
    for w in sample_words(500):
        if len(w) == 2:
            assert (_lexicon.pair_key(w) in lex.pairs) == (w in pairs), w


@pytest.mark.parametrize(
    "run",
    [
        "全面贯彻落实法治政府建设大数局产业",
        "聘请法治副校长推行一村一法律顾问",
        "言息化建设持旭推进依法刑政",
        "法",
        "吴祎齐圣驾长",
        "因城施策科工局",
    ],
)
def test_uncovered_characters_are_those_in_no_frequent_word(run):
    freqs, covered = source_frequencies(), set()
    for s in range(len(run)):
        for e in range(s + 2, len(run) + 1):
            if freqs.get(run[s:e], 0) >= _detector.COVER_FREQ:
                covered.update(range(s, e))
    assert _detector.uncovered(run) == [i for i in range(len(run)) if i not in covered]


# ---------------------------------------------------------------- the cache


SMALL_LEXICON = "# word<TAB>frequency\n人\t300000\n民\t90000\n人民\t80000\n政府\t90000\n人民政府\t5000\n大数据\t800\n数据\t9000\n"


@pytest.fixture
def sources(tmp_path, monkeypatch):
    """Small data files of the detector's kinds in tmp_path (to be edited), and a fresh cache."""
    data = tmp_path / "data"
    data.mkdir()
    with gzip.open(data / "spelling_lexicon.tsv.gz", "wt", encoding="utf-8") as fh:
        fh.write(SMALL_LEXICON)
    (data / "spelling_words.txt").write_text("# words\n抗疫\n", encoding="utf-8")
    (data / "spelling_confusion.tsv").write_text("# char\t…\n局\t据举\t\n", encoding="utf-8")
    monkeypatch.setattr(_lexicon, "builtin", lambda name: data / name)
    monkeypatch.delenv("FAZHI_NO_CACHE", raising=False)
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path / "cache"))
    _lexicon.lexicon.cache_clear()
    yield data
    _lexicon.lexicon.cache_clear()


def _fresh() -> _lexicon.Lexicon:
    _lexicon.lexicon.cache_clear()
    return _lexicon.lexicon()


def _entry(tmp_path) -> Path:
    (entry,) = (tmp_path / "cache").glob("spelling-tables-*.bin")
    return entry


def test_tables_are_built_once_and_then_mapped_from_the_cache(sources, tmp_path, monkeypatch):
    built = _fresh()
    entry = _entry(tmp_path)
    monkeypatch.setattr(_lexicon, "build_file", lambda *a: pytest.fail("built again"))
    cached = _fresh()
    for w in ("人", "人民", "人民政府", "大数据", "大数局", "抗疫", "政"):
        assert cached.freq(w) == built.freq(w) and cached.target(w) == built.target(w)
    assert cached.freq("人民政府") == 5000 and cached.freq("抗疫") == 1000 and cached.target("大数据") == 800
    assert cached.pairs == built.pairs and cached.confusable.get("局") == "举据" and _entry(tmp_path) == entry


def test_an_edited_source_rebuilds_the_tables(sources, tmp_path):
    assert _fresh().freq("示范镇街") == 0
    old = _entry(tmp_path)
    with open(sources / "spelling_words.txt", "a", encoding="utf-8") as fh:
        fh.write("示范镇街\n")
    assert _fresh().freq("示范镇街") == 1000
    assert _entry(tmp_path) != old  # the stale file is gone


def test_a_damaged_or_truncated_file_is_rebuilt(sources, tmp_path):
    first = _fresh()
    expected = first.freq("人民政府"), first.left.get("局")
    entry = _entry(tmp_path)
    whole = entry.read_bytes()
    header_size = whole[-4:]
    for damage in (
        b"",
        b"\x00garbage",
        whole[:1000],
        whole[:-9] + header_size,
        _lexicon.MAGIC + b"\xff" * 40,
        whole[:-4] + b"\xff\xff\x00\x00",
    ):
        entry.unlink()  # a new file: the mapped one stays as it was for the tables already loaded
        entry.write_bytes(damage)
        again = _fresh()
        assert (again.freq("人民政府"), again.left.get("局")) == expected == (5000, "数")
        assert _entry(tmp_path).read_bytes() == whole


def test_without_a_writable_cache_the_tables_are_built_in_memory(sources, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(blocker / "cache"))
    assert _fresh().freq("人民政府") == 5000
    monkeypatch.setenv("FAZHI_NO_CACHE", "1")
    assert _fresh().target("大数据") == 800


# ---------------------------------------------------------------- the detector


@lru_cache(maxsize=1)
def best_two_character_word() -> tuple[dict[str, int], dict[str, int]]:
    """(char → the frequency of the most frequent two-character word starting,
    and ending, with it)."""
    starting: dict[str, int] = {}
    ending: dict[str, int] = {}
    for w, f in source_frequencies().items():
        if len(w) == 2:
            starting[w[0]] = max(starting.get(w[0], 0), f)
            ending[w[1]] = max(ending.get(w[1], 0), f)
    return starting, ending


def reference_suggestions(text: str, skip=lambda s, e: False, repeated=lambda w: False) -> list[tuple]:
    """The detector as first written: every substring looked up in a dict."""
    freqs, conf = source_frequencies(), source_confusions()
    log_total = math.log(sum(freqs.values()))
    unknown = math.log(0.5) - log_total

    def cost(t: str) -> float:
        best = [0.0] + [-math.inf] * len(t)
        for end in range(1, len(t) + 1):
            for length in range(1, min(4, end) + 1):
                f = freqs.get(t[end - length : end], 0)
                if f > 0 or length == 1:
                    best[end] = max(best[end], best[end - length] + (math.log(f) - log_total if f > 0 else unknown))
        return best[-1]

    def best_side(c: str, side: int) -> int:
        return best_two_character_word()[side].get(c, 0)

    def replacement(run: str, i: int):
        a, b = max(0, i - 4), min(len(run), i + 5)
        best = None
        for r in sorted(conf.get(run[i], ())):
            word, top, at = "", 0, 0
            for length in (2, 3, 4):
                for s in range(max(0, i - length + 1), min(i, len(run) - length) + 1):
                    w = run[s:i] + r + run[i + 1 : s + length]
                    if freqs.get(w, 0) >= 100 and freqs[w] > top:
                        word, top, at = w, freqs[w], s
            if word:
                gain = cost(run[a:i] + r + run[i + 1 : b]) - cost(run[a:b])
                if gain > 7 and (best is None or gain > best[0]):
                    best = (gain, r, word, at)
        return best

    out = []
    for m in _detector.HAN_RUN.finditer(text):
        run = m.group()
        if len(run) < 2:
            continue
        clusters: list[list[int]] = []
        covered = {k for s in range(len(run)) for e in range(s + 2, len(run) + 1) if freqs.get(run[s:e], 0) >= 50 for k in range(s, e)}
        for i in (i for i in range(len(run)) if i not in covered):
            if freqs.get(run[i], 0) >= 100000 or skip(m.start() + i, m.start() + i + 1):
                continue
            if clusters and clusters[-1][-1] == i - 1:
                clusters[-1].append(i)
            else:
                clusters.append([i])
        for cluster in clusters:
            found = [(i, f) for i in cluster if (f := replacement(run, i))]
            if not found:
                continue
            i, (gain, right, word, at) = max(found, key=lambda x: (x[1][0], -x[0]))
            if repeated(run[at : at + len(word)]):
                continue
            limit = freqs[word] * 10
            if (i - 1 in cluster and best_side(run[i], 1) > limit) or (i + 1 in cluster and best_side(run[i], 0) > limit):
                continue
            out.append((m.start() + i, run[i], right, word, gain))
    return out


def sample_texts() -> list[str]:
    rows = (FIXTURES / "ecspell" / "sample.tsv").read_text(encoding="utf-8").splitlines()
    texts = [row.split("\t")[1] for row in rows]
    rnd, conf = random.Random(11), source_confusions()
    for text in texts[:80]:  # more suspects: characters swapped for confusable ones
        chars = list(text)
        for k in rnd.sample(range(len(chars)), min(3, len(chars))):
            if conf.get(chars[k]):
                chars[k] = rnd.choice(sorted(conf[chars[k]]))
        texts.append("".join(chars))
    return texts + ["大力培育发展大数局产业。", "言息化建设持旭推进", "𠀀大数局产业，全面推行驾长制度", "局", ""]


def test_the_detector_finds_what_the_plain_algorithm_finds():
    texts = sample_texts()
    assert sum(len(reference_suggestions(t)) for t in texts) > 40  # the sample exercises it
    for text in texts:
        fast = [(s.start, s.wrong, s.right, s.word, s.gain) for s in _detector.suggestions(text)]
        assert fast == reference_suggestions(text), text


def test_the_detector_honours_skip_and_repeated_as_the_plain_algorithm():
    def skip(s, e):
        return s % 5 == 2

    def repeated(w):
        return len(w) == 3

    for text in sample_texts()[::3]:
        fast = [(s.start, s.wrong, s.right, s.word, s.gain) for s in _detector.suggestions(text, skip=skip, repeated=repeated)]
        assert fast == reference_suggestions(text, skip, repeated), text
