"""Bad-input safety: recognise what a file really is, open zips with limits,
parse XML without entities or network. Every refusal is an InputError with a
one-line Chinese reason that says how to fix the file."""

from __future__ import annotations

import errno
import os
import stat
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from fazhi.errors import InputError

MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # declared uncompressed size of all entries
MAX_ENTRY_BYTES = 100 * 1024 * 1024  # one part we read
MAX_RATIO = 100  # compression ratio refused on entries larger than RATIO_MIN_BYTES
RATIO_MIN_BYTES = 5 * 1024 * 1024
_CHUNK = 1 << 20

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")

RESAVE_HOW = "用 Word 或 WPS 打开后“另存为” .docx 再检查"
RESAVE = "请" + RESAVE_HOW

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


class UnexpectedReadError(InputError):
    """An error the reader did not anticipate, reported as bad input rather than a
    traceback. Tests (fuzzing) treat it as a reader bug."""


# --- only regular files are opened ---------------------------------------------------

_NOT_REGULAR = (
    (stat.S_ISFIFO, "这是命名管道（FIFO），不是普通文件，未打开"),
    (stat.S_ISSOCK, "这是套接字（socket），不是普通文件，未打开"),
    (stat.S_ISCHR, "这是设备文件，不是普通文件，未打开"),
    (stat.S_ISBLK, "这是设备文件，不是普通文件，未打开"),
)


def regular_file(path: Path) -> os.stat_result:
    """The stat of `path` if it is a regular file (links followed); otherwise an
    InputError saying what it is. Nothing is opened, so a FIFO cannot block."""
    p = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(p, "这是一个失效的快捷链接（符号链接指向的文件不存在），请改用报告文件本身") from None
        raise InputError(p, "文件不存在，请检查路径") from None
    except OSError as exc:
        raise InputError(p, _stat_reason(exc)) from None
    except ValueError:  # a NUL byte in the name
        raise InputError(p, "文件名含有非法字符，无法打开") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(p, "这是一个文件夹，不是报告文件")
    for test, reason in _NOT_REGULAR:
        if test(st.st_mode):
            raise InputError(p, f"{reason}；请提供报告文件本身")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(p, "不是普通文件，未打开；请提供报告文件本身")
    return st


def _stat_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "符号链接形成循环（链接最终指回自己），无法打开；请删除或修正该链接"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有读取权限，请检查文件权限"
    if exc.errno == errno.ENAMETOOLONG:
        return "路径太长，无法打开；请把文件移到较短的路径下"
    if exc.errno == errno.ENOTDIR:
        return "路径中有一段不是文件夹，请检查路径"
    return f"无法读取文件（{exc.strerror or type(exc).__name__}），请检查路径和权限"


def read_head(path: Path, size: int) -> bytes:
    """The first `size` bytes of a regular file. Opened non-blocking and checked
    again after opening, so a file swapped for a FIFO meanwhile cannot hang us."""
    regular_file(path)
    p = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(p, _open_reason(exc)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(p, "不是普通文件，未读取；请提供报告文件本身")
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(size)
    except OSError as exc:
        raise InputError(p, _open_reason(exc)) from None
    finally:
        os.close(fd)


def _open_reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.ELOOP, errno.ENAMETOOLONG):
        return _stat_reason(exc)
    return f"无法读取文件（{exc.strerror or type(exc).__name__}），请检查文件权限或是否被其他程序占用"


# --- what is this file, by content --------------------------------------------------


def sniff(head: bytes) -> str:
    """Kind of file from its first bytes: empty, zip, cfb, pdf, rtf, html, text, binary."""
    if not head:
        return "empty"
    if head.startswith(ZIP_MAGICS):
        return "zip"
    if head.startswith(CFB_MAGIC):
        return "cfb"
    if head.startswith(b"%PDF"):
        return "pdf"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    low = stripped[:512].lower()
    if low.startswith((b"<!doctype html", b"<html", b"mime-version:")) or b"<html" in low[:200]:
        return "html"
    if low.startswith(b"<?xml") and (b"w:worddocument" in low or b"<?mso-application" in low):
        return "wordxml"
    if _looks_binary(head):
        return "binary"
    return "text"


def _looks_binary(head: bytes) -> bool:
    """Control bytes (other than tab/newlines) in the first KB; UTF-16 text with a
    BOM or with NULs in a regular pattern is text."""
    sample = head[:1024]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(sample):
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(sample) // 50)


def utf16_without_bom(sample: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" recognised by line breaks stored as (0A, 00) or
    (00, 0A) pairs; without line breaks, by ASCII characters paired with NULs.
    (CJK text alone says nothing: 一 is U+4E00.)"""
    pairs = len(sample) // 2
    if pairs < 2 or b"\x00" not in sample[: pairs * 2]:
        return None  # every test below counts NUL bytes
    le = be = le_nl = be_nl = 0
    for i in range(0, pairs * 2, 2):
        a, b = sample[i], sample[i + 1]
        if b == 0 and 9 <= a < 0x80:
            le += 1
            le_nl += a in (10, 13)
        elif a == 0 and 9 <= b < 0x80:
            be += 1
            be_nl += b in (10, 13)
    guess = None
    if le_nl and not be_nl:
        guess = "utf-16-le"
    elif be_nl and not le_nl:
        guess = "utf-16-be"
    else:
        need = max(2, pairs // 200)
        if le >= need and be == 0:
            guess = "utf-16-le"
        elif be >= need and le == 0:
            guess = "utf-16-be"
    return guess if guess and _decodes(sample[: pairs * 2], guess) else None


def _decodes(sample: bytes, encoding: str) -> bool:
    """Real UTF-16 text decodes strictly (random bytes soon hit a lone surrogate)."""
    for cut in (0, 2):  # the sample may end inside a surrogate pair
        try:
            sample[: len(sample) - cut].decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def refuse_foreign(path: Path, kind: str, expected: str) -> None:
    """Raise a clear InputError for content fazhi does not read."""
    p = str(path)
    if kind == "empty":
        raise InputError(p, "文件是空的（0 字节），可能没有保存完整，请重新保存或重新获取文件")
    if kind == "cfb":
        raise InputError(p, cfb_reason(path))
    if kind == "pdf":
        raise InputError(p, "这是 PDF 文件，无法检查；请提供 Word 原稿（.docx），或把正文复制到 .txt 文件后再检查")
    if kind == "rtf":
        raise InputError(p, f"这是 RTF 格式文件（不是 .docx），{RESAVE}")
    if kind in ("html", "wordxml"):
        what = "网页（HTML/MHT）" if kind == "html" else "Word 2003 XML"
        raise InputError(p, f"这是{what}格式的文件，只是扩展名为 {path.suffix or '空'}，{RESAVE}")
    if kind == "zip" and expected == "text":
        raise InputError(p, "文件内容是压缩包（.docx 等），扩展名却是文本格式；如是 Word 文档，请把扩展名改为 .docx")
    if kind == "text" and expected == "docx":
        raise InputError(p, f"文件内容是纯文本，扩展名却是 {path.suffix or '空'}；请把扩展名改为 .txt，或在 Word 中另存为 .docx")
    if kind == "binary":
        if expected == "docx":
            raise InputError(p, f"不是有效的 .docx 文件（文件头不是 Word 文档格式），可能已损坏；{RESAVE}")
        raise InputError(p, "不是文本文件（含有二进制内容），请提供 .docx、.txt 或 .md 报告")


def cfb_reason(path: Path) -> str:
    """Encrypted OOXML and legacy .doc/.wps both live in an OLE2 compound file;
    the directory's UTF-16 stream names tell them apart."""
    data = _cfb_directory_bytes(path)
    if _ENCRYPTION_INFO in data:
        return "文件已加密（设置了打开密码），请在 Word 中取消密码（文件→信息→保护文档→用密码进行加密，清空密码）后另存为 .docx"
    if _WORD_STREAM in data:
        return f"这是旧版 Word/WPS（.doc/.wps）文件，无法直接检查，{RESAVE}"
    return "这是旧版 Office 复合文档（不是 Word 文档，可能是 .xls/.ppt），请提供 .docx 报告"


def _cfb_directory_bytes(path: Path, window: int = 8 * 1024 * 1024) -> bytes:
    """Where the stream names are: the first directory sector (from the header),
    and, for files whose directory sits elsewhere, the first and last 8 MB."""
    try:
        with open(path, "rb") as f:
            header = f.read(512)
            parts = [header]
            if len(header) >= 52:
                shift = int.from_bytes(header[30:32], "little")
                first_dir = int.from_bytes(header[48:52], "little")
                size = 1 << shift if 7 <= shift <= 16 else 512
                if first_dir < 0xFFFFFFFA:
                    f.seek((first_dir + 1) * size)
                    parts.append(f.read(size))
            f.seek(0)
            parts.append(f.read(window))
            f.seek(0, 2)
            end = f.tell()
            if end > window:
                f.seek(max(window, end - window))
                parts.append(f.read(window))
    except OSError:
        return b""
    return b"".join(parts)


# --- zip with limits ----------------------------------------------------------------


_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"
_MAX_COMMENT = 0xFFFF
MAX_DIRECTORY_BYTES = 8 * 1024 * 1024  # 10,000 entries with long names take under 1 MB


def zip_directory_size(path: Path) -> tuple[int, int] | None:
    """(entry count, central directory bytes) from the end-of-central-directory
    record (Zip64 when present), read from the file's tail without parsing the
    directory; None when there is no such record (zipfile then says why)."""
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            size = f.tell()
            tail_len = min(size, 22 + _MAX_COMMENT + 20 + 56)
            f.seek(size - tail_len)
            tail = f.read(tail_len)
            at = tail.rfind(_EOCD)
            if at < 0 or len(tail) - at < 22:
                return None
            entries = int.from_bytes(tail[at + 10 : at + 12], "little")
            directory = int.from_bytes(tail[at + 12 : at + 16], "little")
            loc = at - 20
            if loc >= 0 and tail[loc : loc + 4] == _EOCD64_LOCATOR:
                offset = int.from_bytes(tail[loc + 8 : loc + 16], "little")
                if offset < size:
                    f.seek(offset)
                    record = f.read(56)
                    if record[:4] == _EOCD64 and len(record) == 56:
                        entries = max(entries, int.from_bytes(record[32:40], "little"))
                        directory = max(directory, int.from_bytes(record[40:48], "little"))
            return entries, directory
    except OSError:
        return None


def _check_directory(path: Path) -> None:
    """The entry count and directory size, before zipfile reads the directory
    (which costs memory and time in proportion to what the record claims)."""
    found = zip_directory_size(path)
    if found is None:
        return
    entries, directory = found
    p = str(path)
    if entries > MAX_ENTRIES:
        raise InputError(p, f"压缩包内文件过多（{entries} 个，上限 {MAX_ENTRIES}），不像正常的 Word 文档，拒绝读取")
    if directory > MAX_DIRECTORY_BYTES:
        raise InputError(p, f"压缩包目录过大（{directory // 1024 // 1024} MB，上限 {MAX_DIRECTORY_BYTES // 1024 // 1024} MB），不像正常的 Word 文档，拒绝读取")


class SafeZip:
    """A zip opened with limits checked up front; `read` is bounded by the file's
    budget (each part and all parts together, see fazhi.limits)."""

    def __init__(self, path: Path):
        from fazhi.limits import current

        self.path = path
        self.budget = current()
        _check_directory(path)
        try:
            self.zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise InputError(str(path), f"文件不完整或已损坏（压缩包结构无法读取），可能下载或复制未完成；请重新获取文件，或{RESAVE_HOW}") from None
        except (OSError, ValueError, EOFError, OverflowError, IndexError, NotImplementedError, zipfile.LargeZipFile) as exc:
            raise InputError(str(path), f"文件已损坏，无法作为 .docx 打开（{type(exc).__name__}）；{RESAVE}") from None
        try:
            self._check_limits()
        except InputError:
            self.zf.close()
            raise
        self.names = {info.filename for info in self.zf.infolist()}

    def _check_limits(self) -> None:
        infos = self.zf.infolist()
        p = str(self.path)
        if len(infos) > MAX_ENTRIES:
            raise InputError(p, f"压缩包内文件过多（{len(infos)} 个，上限 {MAX_ENTRIES}），不像正常的 Word 文档，拒绝读取")
        total = sum(max(0, i.file_size) for i in infos)
        if total > MAX_TOTAL_BYTES:
            raise InputError(p, f"解压后体积过大（{total // 1024 // 1024} MB，上限 {MAX_TOTAL_BYTES // 1024 // 1024} MB），可能是压缩炸弹，拒绝读取；请删除大图片后另存")
        for i in infos:
            if i.file_size > RATIO_MIN_BYTES and i.file_size > MAX_RATIO * max(1, i.compress_size):
                raise InputError(p, f"压缩包内“{i.filename}”压缩比异常（超过 {MAX_RATIO}:1），可能是压缩炸弹，拒绝读取")

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str, limit: int | None = None) -> bytes:
        """Read one entry, never more than `limit` bytes (default: the budget's
        part size) whatever its header says."""
        return b"".join(self.stream(name, limit))

    def stream(self, name: str, limit: int | None = None, chunk: int = _CHUNK):
        """Yield an entry's bytes in chunks (bounded like `read`); stop early to save work."""
        p = str(self.path)
        budget = self.budget
        part_limit = limit if limit is not None else budget.part_bytes()
        try:
            with self.zf.open(name) as f:
                size = 0
                while True:
                    data = f.read(chunk)
                    if not data:
                        return
                    size += len(data)
                    if size > part_limit:
                        if limit is not None:
                            raise InputError(p, f"“{name}”解压后超过 {limit // 1024 // 1024} MB，可能是压缩炸弹，拒绝读取")
                        raise budget.refuse("part_mb", f"“{name}”")
                    budget.inflate(len(data), name)
                    yield data
        except InputError:
            raise
        except KeyError:
            raise InputError(p, f"文件不完整：缺少“{name}”；{RESAVE}") from None
        except RuntimeError:  # encrypted zip entry
            raise InputError(p, f"压缩包内容加了密码，无法读取；{RESAVE}") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, OverflowError) as exc:
            raise InputError(p, f"文件已损坏（“{name}”无法解压：{_short(exc)}）；请重新获取文件，或{RESAVE_HOW}") from None

    def close(self) -> None:
        self.zf.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _short(exc: Exception) -> str:
    text = str(exc).replace("\n", " ")
    return text[:80] or type(exc).__name__


# --- XML ---------------------------------------------------------------------------


def refuse_doctype(data: bytes, path: Path, name: str) -> None:
    """A DOCTYPE (entities, XXE) never belongs in a .docx part."""
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!doctype" in head or b"<\x00!\x00D\x00O\x00C\x00" in head:
        raise InputError(str(path), f"“{name}”含有 DOCTYPE 声明（Word 从不写入，可能是恶意构造的文件），拒绝读取；{RESAVE}")


def parse_xml(data: bytes, path: Path, name: str) -> etree._Element:
    """Parse one part safely: no DTD, no entities, no network."""
    refuse_doctype(data, path, name)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():
            raise InputError(str(path), f"文件结构嵌套过深（“{name}”超过 256 层），不像正常的 Word 文档，拒绝读取；{RESAVE}") from None
        raise InputError(str(path), f"文件已损坏（“{name}”不是有效的 XML：{_short(exc)}）；{RESAVE}") from None
    except (etree.LxmlError, ValueError) as exc:
        raise InputError(str(path), f"文件已损坏（“{name}”无法解析：{_short(exc)}）；{RESAVE}") from None
    if root is None:
        raise InputError(str(path), f"文件已损坏（“{name}”是空的）；{RESAVE}")
    if root.getroottree().docinfo.doctype:
        raise InputError(str(path), f"“{name}”含有 DOCTYPE 声明，拒绝读取；{RESAVE}")
    return root
