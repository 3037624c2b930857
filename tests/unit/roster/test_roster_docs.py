"""docs/roster.md describes the workbook the reader reads, and the README needs nothing
outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.roster.reader import SHEETS
from bot.roster.template import _CHOICES

ROOT = Path(__file__).resolve().parents[3]
ROSTER_DOC = ROOT / "docs" / "roster.md"


def _section(sheet: str) -> str:
    text = ROSTER_DOC.read_text(encoding="utf-8")
    match = re.search(rf"^## {sheet}\b.*?(?=^## |\Z)", text, flags=re.MULTILINE | re.DOTALL)
    assert match is not None, f"docs/roster.md has no section for the {sheet} sheet"
    return match.group(0)


@pytest.mark.parametrize("spec", SHEETS, ids=lambda spec: spec.name)
def test_every_column_of_every_sheet_is_described(spec):
    section = _section(spec.name)
    rows = {
        match.group(1): match.group(2).strip()
        for match in re.finditer(r"^\| `(\w+)` \| ([^|]+) \|", section, flags=re.MULTILINE)
    }
    assert set(rows) == {column.name for column in spec.columns}
    for column in spec.columns:
        required = rows[column.name].startswith("yes")
        assert required == column.required, column.name


@pytest.mark.parametrize(("where", "choices"), _CHOICES.items(), ids=lambda value: str(value))
def test_every_allowed_value_is_named(where, choices):
    sheet, column = where
    row = next(line for line in _section(sheet).splitlines() if line.startswith(f"| `{column}` |"))
    for member in choices:
        assert f"`{member.value}`" in row, (column, member.value)


def test_the_readme_links_only_inside_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", readme)
    local = [target for target in targets if not re.match(r"\w+://|mailto:", target)]
    assert "docs/roster.md" in local
    for target in local:
        path = (ROOT / target).resolve()
        assert path.is_relative_to(ROOT) and path.exists(), target
    assert "../" not in readme
    assert "SPEC" not in readme
