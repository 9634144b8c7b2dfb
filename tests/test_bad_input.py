"""Bad input: one clear Chinese line naming the file, exit code 2, no traceback,
no hang, the file untouched, and the other files of a batch still checked."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fazhi.checker.reader import read_document
from fazhi.checker.reader.convert import convert_to_docx, find_office
from fazhi.checker.reader.minidocx import build_docx, document_xml, para
from fazhi.cli.app import app
from fazhi.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "fixtures" / "bad"
SEED = ROOT / "seeds" / "001_f4cae163528c1ce9.txt"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_cli(*paths: Path, fmt: str = "text"):
    return CliRunner().invoke(app, ["check", "--format", fmt, *map(str, paths)])


def assert_refused(path: Path, *words: str, seconds: float = 2.0) -> str:
    """Run `fazhi check` on one bad file; return the one stderr line."""
    before = digest(path)
    start = time.perf_counter()
    result = check_cli(path)
    elapsed = time.perf_counter() - start
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    line = lines[0]
    assert str(path) in line and "Traceback" not in result.output + result.stderr
    for word in words:
        assert word in line, line
    assert digest(path) == before
    assert elapsed < seconds, elapsed
    return line


def valid_docx(tmp_path: Path, name: str = "ok.docx") -> Path:
    return build_docx(tmp_path / name, para("岘山镇2023年度法治政府建设工作报告") + para("一、主要举措与成效") + para("我镇依法行政。"))


# --- not a .docx at all ------------------------------------------------------------


def test_empty_files(tmp_path):
    for name in ("empty.docx", "empty.txt", "empty.md"):
        (tmp_path / name).write_bytes(b"")
        assert_refused(tmp_path / name, "空的")


def test_whitespace_only_text(tmp_path):
    (tmp_path / "blank.txt").write_text(" \n\u3000\n", encoding="utf-8")
    assert_refused(tmp_path / "blank.txt", "没有文字")


def test_random_bytes_named_docx(tmp_path):
    path = tmp_path / "random.docx"
    path.write_bytes(bytes(range(256)) * 40)
    assert_refused(path, "不是有效的 .docx")


def test_legacy_doc_and_doc_renamed_to_docx(tmp_path):
    assert_refused(BAD / "legacy.doc", "旧版", "另存为")
    renamed = tmp_path / "report.docx"
    shutil.copy(BAD / "legacy.doc", renamed)
    assert_refused(renamed, "旧版")


def test_encrypted_docx(tmp_path):
    assert_refused(BAD / "encrypted.docx", "加密", "密码")


def test_synthetic_cfb_with_encryption_info(tmp_path):
    path = tmp_path / "enc.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(100))
    assert_refused(path, "加密")


@pytest.mark.parametrize(
    "content,words",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", ("PDF",)),
        (b"{\\rtf1\\ansi\\ansicpg936 hello}", ("RTF",)),
        (b"<!DOCTYPE html><html><body><p>\xe6\x8a\xa5\xe5\x91\x8a</p></body></html>", ("网页",)),
        (b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>', ("Word 2003 XML",)),
        ("岘山镇2023年度法治政府建设工作报告\n一、主要举措\n".encode(), ("纯文本", ".txt")),
    ],
    ids=["pdf", "rtf", "html", "word2003xml", "plain-text"],
)
def test_other_formats_named_docx(tmp_path, content, words):
    path = tmp_path / "report.docx"
    path.write_bytes(content)
    assert_refused(path, *words)


def test_docx_named_txt(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(valid_docx(tmp_path).read_bytes())
    assert_refused(path, "扩展名", ".docx")


def test_doc_suffix_holding_a_docx_is_read(tmp_path):
    path = tmp_path / "report.doc"
    path.write_bytes(valid_docx(tmp_path).read_bytes())
    assert read_document(path).paragraphs[1].text == "一、主要举措与成效"


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "report.pages"
    path.write_bytes(b"whatever")
    assert_refused(path, "不支持的文件类型")


# --- broken packages ---------------------------------------------------------------


def test_zip_without_document(tmp_path):
    path = tmp_path / "nodoc.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    assert_refused(path, "word/document.xml")


def test_xlsx_named_docx(tmp_path):
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert_refused(path, "Excel")


def test_truncated_docx(tmp_path):
    full = valid_docx(tmp_path).read_bytes()
    for cut in (len(full) // 2, len(full) - 10, 40):
        path = tmp_path / f"cut{cut}.docx"
        path.write_bytes(full[:cut])
        assert_refused(path, "损坏")
    assert_refused(BAD / "truncated.docx", "不完整")


def test_corrupt_xml(tmp_path):
    path = build_docx(tmp_path / "x.docx", para("正文"))
    with zipfile.ZipFile(path) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    entries["word/document.xml"] = entries["word/document.xml"][:-30]
    with zipfile.ZipFile(path, "w") as z:
        for n, d in entries.items():
            z.writestr(n, d)
    assert_refused(path, "不是有效的 XML")


def test_zip_bomb_refused_fast():
    line = assert_refused(BAD / "bomb.docx", "压缩炸弹", seconds=1.0)
    assert "200 MB" in line


def test_high_ratio_entry_refused(tmp_path):
    path = valid_docx(tmp_path, "ratio.docx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/zeros.bin", bytes(20 * 1024 * 1024))
    assert_refused(path, "压缩比", seconds=1.0)


def test_lying_sizes_read_is_bounded():
    assert_refused(BAD / "lying_sizes.docx", "损坏")


def test_too_many_entries(tmp_path):
    path = valid_docx(tmp_path, "many.docx")
    with zipfile.ZipFile(path, "a") as z:
        for i in range(10_001):
            z.writestr(f"x/{i}", b"")
    assert_refused(path, "过多", seconds=3.0)


def test_entities_and_deep_nesting_refused():
    assert_refused(BAD / "laughs.docx", "DOCTYPE")
    assert_refused(BAD / "deep.docx", "嵌套过深")


def test_xxe_does_not_read_local_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-个人信息", encoding="utf-8")
    xml = document_xml(para("&xxe;")).replace("<w:document", f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><w:document', 1)
    path = build_docx(tmp_path / "xxe.docx", "")
    with zipfile.ZipFile(path) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    entries["word/document.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, d in entries.items():
            z.writestr(n, d)
    result = check_cli(path, fmt="json")
    assert result.exit_code == 2 and "TOP-SECRET" not in result.output + result.stderr


def test_xxe_in_styles_part_is_not_resolved(tmp_path):
    """Even when the parser meets an entity (the DOCTYPE check sees only the head),
    lxml must not fetch it."""
    from fazhi.checker.reader.safety import parse_xml

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    padding = "<!-- " + "x" * 5000 + " -->"
    xml = f'<?xml version="1.0"?>{padding}<!DOCTYPE r [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><r>&xxe;</r>'
    try:
        root = parse_xml(xml.encode(), tmp_path / "f.docx", "word/styles.xml")
    except InputError:
        return
    assert "TOP-SECRET" not in "".join(root.itertext())


# --- text files ----------------------------------------------------------------------


def test_wrong_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("报告".encode() + b"\xff\xfe\xfd\x80\x81" * 50)
    assert_refused(path, "编码")


def test_binary_named_txt(tmp_path):
    path = tmp_path / "bin.txt"
    path.write_bytes(bytes(range(0, 32)) * 100)
    assert_refused(path, "不是文本文件")


def test_huge_text_file_refused_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.write("报告\n".encode())
        f.truncate(25 * 1024 * 1024)  # sparse: cheap to make, refused by size
    assert_refused(path, "过大", seconds=1.0)


def test_missing_file_and_directory(tmp_path):
    result = check_cli(tmp_path / "nope.docx")
    assert result.exit_code == 2 and "不存在" in result.stderr


# --- batches and real processes ------------------------------------------------------


def test_batch_with_one_bad_file_checks_the_others(tmp_path):
    good_txt = tmp_path / "good.txt"
    shutil.copy(SEED, good_txt)
    good_docx = valid_docx(tmp_path)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04garbage")
    hashes = {p: digest(p) for p in (good_txt, good_docx, bad)}
    proc = subprocess.run(
        [sys.executable, "-m", "fazhi", "check", "--format", "json", str(good_txt), str(bad), str(good_docx)],
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    stderr = proc.stderr.decode()
    assert proc.returncode == 2
    assert stderr.strip().splitlines() == [line for line in stderr.strip().splitlines() if str(bad) in line]
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    checked = {Path(r["file"]).name for r in json.loads(proc.stdout.decode()) if "score" in r}
    assert checked == {"good.txt", "ok.docx"}
    assert all(digest(p) == h for p, h in hashes.items())


def test_no_temp_files_left(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    for f in sorted(BAD.glob("*.doc*")):
        with pytest.raises(InputError):
            read_document(f)
    read_document(valid_docx(tmp_path))
    assert list((tmp_path / "tmp").iterdir()) == []


# --- --convert -----------------------------------------------------------------------


@pytest.mark.skipif(find_office() is None, reason="LibreOffice (soffice) is not installed")
def test_convert_legacy_doc(tmp_path):
    before = digest(BAD / "legacy.doc")
    out = convert_to_docx(BAD / "legacy.doc", tmp_path)
    assert out.suffix == ".docx" and out.parent.parent == tmp_path
    assert read_document(out).paragraphs[0].text == "岘山镇2023年度法治政府建设工作报告"
    assert digest(BAD / "legacy.doc") == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("lo-profile-")] == []


@pytest.mark.skipif(find_office() is None, reason="LibreOffice (soffice) is not installed")
def test_convert_encrypted_fails_clearly(tmp_path):
    with pytest.raises(InputError) as err:
        convert_to_docx(BAD / "encrypted.docx", tmp_path, timeout=60)
    assert "转换" in err.value.reason or "LibreOffice" in err.value.reason


def test_convert_without_office(tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(InputError) as err:
        convert_to_docx(BAD / "legacy.doc", tmp_path)
    assert "LibreOffice" in err.value.reason




def test_unexpected_reader_error_is_one_clear_line(tmp_path, monkeypatch):
    """The last line of defence: a reader bug still gives exit 2 and one line."""
    import fazhi.checker.reader.docx as docx_reader

    def broken(path):
        raise ValueError("boom")

    monkeypatch.setattr(docx_reader, "read_docx", broken)
    line = assert_refused(valid_docx(tmp_path), "意外错误", "ValueError")
    assert "boom" not in line


def test_cfb_directory_found_beyond_the_first_megabytes(tmp_path):
    """Stream names are looked up where the header says the directory is."""
    path = tmp_path / "big.doc"
    sector = 12 * 1024 * 1024 // 512
    header = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    header[30:32] = (9).to_bytes(2, "little")
    header[48:52] = (sector - 1).to_bytes(4, "little")
    with open(path, "wb") as f:
        f.write(header)
        f.seek(sector * 512)
        f.write("EncryptionInfo".encode("utf-16-le").ljust(512, b"\0"))
        f.truncate(30 * 1024 * 1024)
    assert_refused(path, "加密")


def test_random_bytes_are_never_taken_for_text(tmp_path):
    """UTF-16 sniffing must not mistake random bytes for text (seen with some seeds)."""
    import random

    from fazhi.checker.reader import read_document
    from fazhi.errors import InputError

    for seed in range(200):
        f = tmp_path / f"r{seed}.docx"
        f.write_bytes(random.Random(seed).randbytes(4096))
        with pytest.raises(InputError) as exc:
            read_document(f)
        assert "纯文本" not in exc.value.reason, seed


def test_plain_text_named_doc_names_its_own_extension(tmp_path):
    from fazhi.checker.reader import read_document
    from fazhi.errors import InputError

    f = tmp_path / "report.doc"
    f.write_text("某镇2023年度法治政府建设情况报告\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_document(f)
    assert ".doc" in exc.value.reason and ".docx；" not in exc.value.reason
