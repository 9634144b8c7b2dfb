"""Help in the words of the rest of fazhi: no English type names, defaults or
`required` after the options, and the columns line up in terminal cells."""

import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from fazhi.cli.app import app

COMMANDS = ["check", "ci", "serve", "template", "rules", "schema", "fix", "format", "compare"]


def help_of(command: str) -> str:
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "100"}, terminal_width=100)
    return result.output if result.exit_code == 0 else ""


@pytest.mark.parametrize("command", COMMANDS)
def test_no_english_metavars_defaults_or_required(command):
    out = help_of(command)
    if not out:
        pytest.skip(f"fazhi {command} is not a command in this build")
    assert not re.search(r"<(?:str|int|float|path|file|directory|bool|list\[|int range|float range)", out), out
    assert "[default:" not in out and "; default:" not in out and "[required]" not in out
    assert not re.search(r"\[[^\]]*required", out)


def test_check_help_shows_chinese_labels():
    out = help_of("check")
    assert "--format <文字>" in out and "[默认：text]" in out and "[必填]" in out
    assert "--jobs <整数>" in out and "--output <路径>" in out


def test_option_help_starts_in_one_column_of_cells():
    out = help_of("check")
    starts = set()
    for line in out.splitlines():
        m = re.match(r"^(  -.*?\S)( {2,})(\S)", line)
        if m and "--" in m.group(1):
            starts.add(cell_len(m.group(1) + m.group(2)))
    assert len(starts) == 1, starts
