"""`fazhi fix`: tracked changes a clerk can accept or reject.

On every seed as .docx and the realistic Word drafts: accepting fazhi's
changes gives the fixed text, whose re-check has none of the fixed findings
and no new one; rejecting them gives exactly the original text; the input is
never written; LibreOffice opens the copy and lists the changes."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from fazhi.checker.engine import check_document
from fazhi.checker.reader import read_document
from fazhi.checker.reader.minidocx import build_docx, part_xml
from fazhi.cli.app import app
from fazhi.fixer import fix_file
from fazhi.fixer.revisions import resolve_docx
from fazhi.schema import load_profile

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = sorted((ROOT / "seeds" / "docx").glob("*.docx")) + sorted((ROOT / "tests" / "fixtures" / "realistic_docx").glob("*.docx"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@cache
def _profile():
    return load_profile("township")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _texts(path: Path) -> list[str]:
    return [p.text for p in read_document(path).paragraphs]


def _places(path: Path) -> set[tuple[str, int | None]]:
    return {(f.rule, f.paragraph) for f in check_document(read_document(path), _profile()).findings}


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_accept_fixes_reject_restores(draft, tmp_path):
    before_digest = _digest(draft)
    result = fix_file(draft, _profile())
    assert _digest(draft) == before_digest
    out = tmp_path / "fixed.docx"
    out.write_bytes(result.data)
    accepted, rejected = tmp_path / "accepted.docx", tmp_path / "rejected.docx"
    accepted.write_bytes(resolve_docx(out, accept=True))
    rejected.write_bytes(resolve_docx(out, accept=False))

    assert _texts(rejected) == _texts(draft)
    assert _texts(accepted) == result.after
    for fix in result.fixes:
        assert result.after[fix.paragraph - 1] != result.before[fix.paragraph - 1]
    fixed_places = {(f.rule, f.paragraph) for f in result.fixes}
    original, rechecked = _places(draft), _places(accepted)
    assert not rechecked & fixed_places
    assert rechecked <= original  # no new finding


def test_the_seeds_have_fixes_of_every_kind_they_need():
    rules = {f.rule for d in DRAFTS for f in fix_file(d, _profile()).fixes}
    assert {"term-fazhi", "halfwidth-punctuation", "numbering-style"} <= rules


# ---------------------------------------------------------------- a draft with everything that must survive

_BOLD = "<w:rPr><w:b/><w:rFonts w:eastAsia=\"黑体\"/></w:rPr>"
_BODY = (
    '<w:p><w:r><w:t>岘山镇2023年度法治政府建设情况报告</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>衡阳县委依法治县办：</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>一、2023年度推进法治政府建设的主要举措和成效</w:t></w:r></w:p>'
    # 法制宣传 split across runs: 法 | 制宣 (bold) | 传; a comment and a bookmark around it
    '<w:p><w:bookmarkStart w:id="0" w:name="mark"/><w:r><w:t>组织法</w:t></w:r>'
    '<w:commentRangeStart w:id="1"/>'
    f'<w:r>{_BOLD}<w:t>制宣</w:t></w:r><w:r><w:t>传活动3场,会议于10:30召开。</w:t></w:r>'
    '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r><w:bookmarkEnd w:id="0"/></w:p>'
    # a field whose result holds 法制教育: fields are not edited
    '<w:p><w:r><w:t>见</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF mark </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>法制教育</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:r><w:t>，另开展法制讲座2次。</w:t></w:r></w:p>'
    # an earlier revision by someone else stays as it was
    '<w:p><w:r><w:t>二、2023年度推进法治政府建设存在的不足和原因</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>普法形式单一</w:t></w:r><w:ins w:id="7" w:author="张三" w:date="2024-01-01T00:00:00Z"><w:r><w:t>,原因是人员不足</w:t></w:r></w:ins>'
    '<w:r><w:t>。</w:t></w:r></w:p>'
    # a table cell
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>法制培训(次)</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    '<w:p><w:r><w:t>三、2023年度党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>镇党委书记带头述法。</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>四、2024年度推进法治政府建设的主要安排</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>(一)完善制度</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>五、其他需要报告的情况</w:t></w:r></w:p><w:p><w:r><w:t>无。</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>衡阳县岘山镇人民政府</w:t></w:r></w:p><w:p><w:r><w:t>2024.02.22</w:t></w:r></w:p>'
)
_COMMENTS = part_xml("comments", '<w:comment w:id="1" w:author="李四" w:date="2024-01-02T00:00:00Z"><w:p><w:r><w:t>请核实</w:t></w:r></w:p></w:comment>')


@pytest.fixture
def rich_draft(tmp_path) -> Path:
    return build_docx(tmp_path / "draft.docx", _BODY, parts={"comments": _COMMENTS})


def _document(data: bytes):
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml")), {n: z.read(n) for n in z.namelist()}


def test_split_runs_keep_their_formatting_and_everything_else_survives(rich_draft, tmp_path):
    result = fix_file(rich_draft, _profile())
    root, parts = _document(result.data)
    ns = {"w": W}
    # 法制宣传 across three runs: only 制 is deleted, and the inserted 治 has the bold run's properties
    deleted = root.xpath("//w:del[@w:author='fazhi']//w:delText/text()", namespaces=ns)
    assert "制" in deleted
    ins_runs = root.xpath("//w:ins[@w:author='fazhi']/w:r[w:t='治']", namespaces=ns)
    assert any(r.find(f"{{{W}}}rPr/{{{W}}}b") is not None for r in ins_runs)
    bold_rest = root.xpath("//w:r[w:rPr/w:b][w:t='宣']", namespaces=ns)
    assert bold_rest  # the rest of the bold run is still bold
    # comments, bookmarks, the field and the earlier revision are untouched
    assert len(root.xpath("//w:commentRangeStart|//w:commentRangeEnd|//w:commentReference", namespaces=ns)) == 3
    assert len(root.xpath("//w:bookmarkStart|//w:bookmarkEnd", namespaces=ns)) == 2
    assert root.xpath("//w:instrText/text()", namespaces=ns) == [" REF mark "]
    assert root.xpath("//w:r[preceding-sibling::w:r[1]/w:fldChar/@w:fldCharType='separate']/w:t/text()", namespaces=ns) == ["法制教育"]
    assert root.xpath("//w:ins[@w:author='张三']/w:r/w:t/text()", namespaces=ns) == [",原因是人员不足"]
    assert parts["word/comments.xml"] == zipfile.ZipFile(rich_draft).read("word/comments.xml")
    # the fixes that could be made were: the table cell, the heading marker, the date, 讲座 after the field
    after = "\n".join(result.after)
    for fixed in ("法治培训（次）", "（一）完善制度", "2024年2月22日", "另开展法治讲座2次", "组织法治宣传活动3场，会议于10:30召开"):
        assert fixed in after
    # every revision has an id no other annotation uses, the author and a date
    ids = root.xpath("//@w:id", namespaces=ns)
    marks = root.xpath("//w:ins[@w:author='fazhi']|//w:del[@w:author='fazhi']", namespaces=ns)
    assert marks and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", m.get(f"{{{W}}}date")) for m in marks)
    mark_ids = [m.get(f"{{{W}}}id") for m in marks]
    others = [i for i in ids if i not in mark_ids]
    assert len(set(mark_ids)) == len(mark_ids) and not set(mark_ids) & set(others)
    # reject → the original text exactly; accept → the fixed text
    rejected, accepted = tmp_path / "r.docx", tmp_path / "a.docx"
    rejected.write_bytes(resolve_docx(result.data, accept=False))
    accepted.write_bytes(resolve_docx(result.data, accept=True))
    assert _texts(rejected) == _texts(rich_draft)
    assert _texts(accepted) == result.after


# ---------------------------------------------------------------- LibreOffice opens it and lists the changes


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_copy_and_lists_the_tracked_changes(tmp_path):
    draft = ROOT / "seeds" / "docx" / "001_f4cae163528c1ce9.docx"
    result = fix_file(draft, _profile())
    out = tmp_path / "fixed.docx"
    out.write_bytes(result.data)
    profile_dir = tmp_path / "lo-profile"
    for fmt in ("pdf", "fodt"):
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile_dir}", "--headless", "--convert-to", fmt, "--outdir", str(tmp_path), str(out)],
            check=True, capture_output=True, timeout=180,
        )
    assert (tmp_path / "fixed.pdf").stat().st_size > 1000
    fodt = (tmp_path / "fixed.fodt").read_text(encoding="utf-8")
    regions = re.findall(r"<text:changed-region.*?</text:changed-region>", fodt, re.S)
    assert len(regions) >= len(result.fixes)
    assert all("<dc:creator>fazhi</dc:creator>" in r for r in regions)
    assert any("<text:deletion>" in r for r in regions) and any("<text:insertion>" in r for r in regions)


# ---------------------------------------------------------------- the command


def _run(*args):
    return CliRunner().invoke(app, ["fix", *map(str, args)])


def test_fix_writes_a_copy_and_refuses_to_overwrite(tmp_path):
    draft = tmp_path / "报告.docx"
    shutil.copy(ROOT / "seeds" / "docx" / "004_5eb6a8149b33c332.docx", draft)
    digest = _digest(draft)
    first = _run(draft)
    assert first.exit_code == 0, first.output
    out = tmp_path / "报告.修订.docx"
    assert out.exists() and "自动修改" in first.output and "审阅" in first.output
    second = _run(draft)
    assert second.exit_code == 2 and "--force" in second.output
    assert _run(draft, "--force").exit_code == 0
    refused = _run(draft, "-o", draft, "--force")
    assert refused.exit_code == 2 and "覆盖原文件" in refused.output
    assert _digest(draft) == digest


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path):
    draft = tmp_path / "d.docx"
    shutil.copy(ROOT / "seeds" / "docx" / "003_cfeccfaec11a132e.docx", draft)
    result = _run(draft, "--dry-run")
    assert result.exit_code == 0
    assert "--- d.docx（原文）" in result.output and "+++ d.docx（修改后）" in result.output
    assert re.search(r"^-.*法制", result.output, re.M) and re.search(r"^\+.*法治", result.output, re.M)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.docx"]


def test_json_lists_rule_place_before_after(tmp_path):
    draft = tmp_path / "d.docx"
    shutil.copy(ROOT / "seeds" / "docx" / "003_cfeccfaec11a132e.docx", draft)
    result = _run(draft, "--format", "json", "--dry-run")
    data = json.loads(result.output)
    assert data["fixes"] and data["output"] is None
    fix = data["fixes"][0]
    assert fix["rule"] == "term-fazhi" and fix["before"].startswith("法制") and fix["after"].startswith("法治")
    texts = _texts(draft)
    loc = fix["location"]
    assert texts[loc["paragraph"] - 1][loc["start"] : loc["end"]] == fix["before"]


@pytest.mark.parametrize("encoding, newline", [("utf-8", "\n"), ("gb18030", "\r\n")])
def test_text_files_get_a_fixed_copy_in_their_encoding(tmp_path, encoding, newline):
    text = (ROOT / "seeds" / "003_cfeccfaec11a132e.txt").read_text(encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_bytes(text.replace("\n", newline).encode(encoding))
    digest = _digest(draft)
    result = _run(draft)
    assert result.exit_code == 0 and "+++ d.txt（修改后）" in result.output
    out = (tmp_path / "d.修订.txt").read_bytes()
    fixed = out.decode(encoding)
    assert newline in fixed and fixed.count(newline) == draft.read_bytes().decode(encoding).count(newline)
    assert "法治宣传" in fixed
    assert _digest(draft) == digest


def test_bad_input_is_one_line(tmp_path):
    missing = _run(tmp_path / "nope.docx")
    assert missing.exit_code == 2 and "不存在" in missing.output
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    result = _run(bad)
    assert result.exit_code == 2 and "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
