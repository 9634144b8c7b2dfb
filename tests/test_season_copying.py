"""Copying between the reports of one batch (`copied-paragraph`): a batch of 300
generated reports with 5 planted copied paragraphs (tests/season_batch.py), and
the finding end to end through `fazhi check FOLDER`. Speed is measured by
benchmarks/season_copying.py, not here."""

import json

import pytest
from typer.testing import CliRunner

from fazhi.checker.rules import registry
from fazhi.cli.app import app
from fazhi.season.copying import CopyIndex, Source, find_copies, sketch_of
from season_batch import generate


def _found(batch) -> set:
    names = list(batch.texts)
    pairs = find_copies([Source(f, batch.entities[f], batch.texts[f].split("\n")) for f in names])
    return {frozenset([(names[p.a], p.a_paragraph), (names[p.b], p.b_paragraph)]) for p in pairs}


@pytest.mark.parametrize("seed", [15, 16])
def test_300_reports_all_5_planted_copies_found_and_nothing_else(seed):
    batch = generate(300, copies=5, boilerplate_pairs=3, seed=seed)
    found = _found(batch)
    assert found == {frozenset([(a, i), (b, j)]) for a, i, b, j in batch.copied}
    files_in_pairs = {f for pair in found for f, _ in pair}
    for c, d in batch.boilerplate:  # these share a whole paragraph, but only of boilerplate
        assert not {c, d} <= files_in_pairs


def _two(first: str, second: str, *, entities=("甲镇", "乙镇")) -> list[Source]:
    return [Source("a.txt", entities[0], ["标题", first]), Source("b.txt", entities[1], ["标题", second])]


def test_the_rule_examples_as_a_batch_of_two():
    rule = registry()["copied-paragraph"]
    for example, copied in ((rule.bad, True), (rule.good, False)):
        first, second = (line.split("：", 1)[1] for line in example.split("\n"))
        assert bool(find_copies(_two(first, second))) is copied, example


def test_a_copy_with_small_edits_is_still_a_copy():
    text = "全镇依托“法润乡村”夜校，由驻村律师每周三晚上在村部讲解土地承包和赡养纠纷案例，群众带着问题来、带着答案走，全年开课四十余次。"
    edited = text.replace("每周三", "每周四").replace("四十余次", "三十余次")
    assert find_copies(_two(text, edited))


def test_two_reports_of_the_same_unit_may_share_text():
    text = "全镇依托“法润乡村”夜校，由驻村律师每周三晚上在村部讲解土地承包和赡养纠纷案例，群众带着问题来、带着答案走。"
    assert not find_copies(_two(text, text, entities=("甲镇", "甲镇")))


def test_a_shared_sentence_inside_long_different_paragraphs_is_not_a_copied_paragraph():
    shared = "由驻村律师每周三晚上在村部讲解土地承包纠纷案例。"
    a = "甲镇今年把普法阵地建到田间地头，在每个村民小组设立法律服务联络点，联络员由退休教师和老党员担任，收集的问题每周汇总。" + shared
    b = "乙镇聚焦行政执法规范化，统一了执法文书，全面推行说理式执法，执法案卷由法律顾问逐卷评查并在机关例会通报，整改到位。" + shared
    assert not find_copies(_two(a, b))


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    batch = generate(12, copies=1, boilerplate_pairs=1, seed=3)
    root = tmp_path_factory.mktemp("batch")
    batch.write(root)
    return batch, root


def test_check_folder_names_the_other_file_and_paragraph_in_both_reports(folder):
    batch, root = folder
    out = CliRunner().invoke(app, ["check", str(root), "-f", "json", "--no-config"])
    assert out.exit_code in (0, 1), out.output
    reports = {r["file"].rsplit("/", 1)[-1]: r for r in json.loads(out.stdout)}
    ((a, i, b, j),) = batch.copied
    for mine, para, other, other_para in ((a, i, b, j), (b, j, a, i)):
        hits = [f for f in reports[mine]["findings"] if f["rule"] == "copied-paragraph"]
        assert [(f["location"]["paragraph"], f["copied_from"]["file"].rsplit("/", 1)[-1], f["copied_from"]["paragraph"]) for f in hits] == [
            (para, other, other_para)
        ]
        assert other in hits[0]["message"] and f"第{other_para}段" in hits[0]["message"]
        assert hits[0]["severity"] == "warning" and hits[0]["points"] == -3
    clean = [name for name, r in reports.items() if name not in (a, b)]
    assert all(not any(f["rule"] == "copied-paragraph" for f in reports[n]["findings"]) for n in clean)


def test_the_copy_lowers_the_score_against_the_file_checked_alone(folder):
    batch, root = folder
    ((a, _, _, _),) = batch.copied
    alone = json.loads(CliRunner().invoke(app, ["check", str(root / a), "-f", "json", "--no-config"]).stdout)
    together = {
        r["file"].rsplit("/", 1)[-1]: r
        for r in json.loads(CliRunner().invoke(app, ["check", str(root), "-f", "json", "--no-config"]).stdout)
    }
    assert not any(f["rule"] == "copied-paragraph" for f in alone["findings"])
    assert together[a]["score"] == pytest.approx(alone["score"] - 3)


def test_html_report_has_a_section_listing_the_pair(folder, tmp_path):
    batch, root = folder
    target = tmp_path / "审核.html"
    out = CliRunner().invoke(app, ["check", str(root), "-f", "html", "-o", str(target), "--no-config"])
    assert out.exit_code in (0, 1), out.output
    html = target.read_text(encoding="utf-8")
    ((a, i, b, j),) = batch.copied
    section = html[html.index('id="copies"') : html.index("</table>", html.index('id="copies"'))]
    assert a in section and b in section and f"第{i}段" in section and f"第{j}段" in section


def test_the_rule_can_be_switched_off(folder, tmp_path):
    _, root = folder
    profile = tmp_path / "p.yaml"
    profile.write_text("extends: township\nname: mine\nrules:\n  copied-paragraph: {enabled: false}\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["check", str(root), "-f", "json", "--no-config", "--profile", str(profile)])
    assert out.exit_code in (0, 1), out.output
    assert not any(f["rule"] == "copied-paragraph" for r in json.loads(out.stdout) for f in r["findings"])


def test_the_index_fed_in_any_order_finds_the_same_pairs_as_the_sources():
    """Workers finish in any order: the index keeps reports by position."""
    batch = generate(40, copies=3, boilerplate_pairs=1, seed=9)
    names = sorted(batch.texts)
    sources = [Source(f, batch.entities[f], batch.texts[f].split("\n")) for f in names]
    index = CopyIndex()
    for r in reversed(range(len(sources))):
        index.add(r, sketch_of(sources[r], keep_texts=True))
    assert index.copies() == find_copies(sources) and len(find_copies(sources)) == 3
    assert [index.paragraphs(r) for r in range(len(sources))] == [s.paragraphs for s in sources]


def test_the_index_keeps_its_arrays_in_memory_when_no_temporary_file_can_be_made(monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise OSError("read-only file system")

    batch = generate(30, copies=2, boilerplate_pairs=1, seed=4)
    sources = [Source(f, batch.entities[f], batch.texts[f].split("\n")) for f in sorted(batch.texts)]
    expected = find_copies(sources)
    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    index = CopyIndex()
    for r, source in enumerate(sources):
        index.add(r, sketch_of(source, keep_texts=True))
    assert index.copies() == expected and len(expected) == 2
    assert index.paragraphs(3) == sources[3].paragraphs


def test_a_compact_batch_gives_the_same_reports_as_a_full_one(folder):
    """Reports without their paragraphs' text, copying from the sketches kept on
    the way: the same findings (copies included), scores and JSON."""
    from fazhi.batch import check_files
    from fazhi.schema import load_profile
    from fazhi.season.copying import copy_findings

    _, root = folder
    profile = load_profile("township")
    files = sorted(root.iterdir())
    full = check_files(files, profile, jobs=1)
    copy_findings(full.reports, profile)
    for jobs, packed in ((1, False), (2, False), (2, True)):
        compact = check_files(files, profile, jobs=jobs, compact=True, keep_context=False, packed=packed)
        assert not any(r.paragraphs for r in compact.reports)
        copy_findings(compact.reports, profile, compact.copies)
        assert [r.to_dict() for r in compact.reports] == [r.to_dict() for r in full.reports]
