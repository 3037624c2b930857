"""What reading a grade sheet may cost: every row and cell the reader walks counts, filler
and empty rows and a sheet's declared size included."""

from __future__ import annotations

import pytest

from bot.gradesheets.reading import (
    MAX_DATA_ROWS,
    MAX_WALKED_CELLS,
    GradeSheetFileError,
    read_grade_sheet,
)
from bot.i18n import t
from tests.support.workbooks import _SHEET_HEAD, csv_bytes, excel_package

HEADER = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
STRINGS = ["Candidate ID", "Grade", "B"]


def candidate_row(r: int) -> str:
    return f'<row r="{r}"><c r="A{r}"><v>{10000 + r}</v></c><c r="B{r}" t="s"><v>2</v></c></row>'


def sheet(rows: list[str], dimension: str | None = None) -> bytes:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    xml = _SHEET_HEAD + declared + "<sheetData>" + "".join(rows) + "</sheetData></worksheet>"
    return excel_package(xml, STRINGS)


def refusal(content: bytes, filename: str = "karakterer.xlsx") -> GradeSheetFileError:
    with pytest.raises(GradeSheetFileError) as caught:
        read_grade_sheet(content, filename)
    return caught.value


def test_filler_rows_with_values_only_in_other_columns_count():
    rows = [HEADER, *(candidate_row(r) for r in range(2, 12))]
    rows += [f'<row r="{r}"><c r="Z{r}"><v>1</v></c></row>' for r in range(12, MAX_DATA_ROWS + 30)]
    error = refusal(sheet(rows))
    assert (error.key, error.params["limit"]) == ("gradesheet.file.too_many_rows", MAX_DATA_ROWS)


def test_empty_rows_before_the_header_count():
    rows = [f'<row r="{r}"/>' for r in range(1, MAX_DATA_ROWS + 30)]
    number = MAX_DATA_ROWS + 30
    rows += [HEADER.replace('r="1"', f'r="{number}"').replace("1<", f"{number}<")]
    assert refusal(sheet(rows)).key == "gradesheet.file.too_many_rows"


def test_a_huge_declared_dimension_counts():
    rows = [HEADER, candidate_row(2)]
    assert refusal(sheet(rows, "A1:B1048576")).key == "gradesheet.file.too_many_rows"
    assert refusal(sheet(rows, "A1:XFD200")).key == "gradesheet.file.too_costly"
    assert len(read_grade_sheet(sheet(rows, "A1:B2"), "ok.xlsx").rows) == 1


def test_too_many_cells_is_refused_with_its_own_message():
    wide = "".join(f'<c r="C{{r}}" s="0"><v>{n}</v></c>' for n in range(60))
    rows = [HEADER] + [
        candidate_row(r).replace("</row>", wide.format(r=r) + "</row>") for r in range(2, 5_000)
    ]
    error = refusal(sheet(rows))
    assert (error.key, error.params["cells"]) == ("gradesheet.file.too_costly", MAX_WALKED_CELLS)


def test_csv_rows_and_cells_count_too():
    filler = [["Candidate ID", "Grade"], ["10412", "B"]] + [["", "", "x"]] * (MAX_DATA_ROWS + 30)
    assert refusal(csv_bytes(filler), "k.csv").key == "gradesheet.file.too_many_rows"
    blank_lines = b"Candidate ID,Grade\n10412,B\n" + b"\n" * (MAX_DATA_ROWS + 30)
    assert refusal(blank_lines, "k.csv").key == "gradesheet.file.too_many_rows"
    wide = b"Candidate ID,Grade\n" + (b"10412,B" + b",1" * 100 + b"\n") * 10_000
    assert refusal(wide, "k.csv").key == "gradesheet.file.too_costly"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_cost_refusal_says_what_to_do(lang):
    text = t(lang, "gradesheet.file.too_costly", filename="k.xlsx", cells=MAX_WALKED_CELLS)
    assert "k.xlsx" in text and str(MAX_WALKED_CELLS) in text


def test_a_huge_sheet_beside_the_grade_sheet_is_not_loaded_to_mark_the_copy():
    import io
    import tracemalloc

    import openpyxl

    from bot.gradesheets.annotate import annotated_workbook
    from bot.gradesheets.validation import GraderRoster, RosterCandidate, validate_sheet
    from models.tables import GradeScale

    # The grade sheet is small; "Annet" beside it holds more cells than reading may walk.
    grades = [HEADER, candidate_row(2).replace("<v>2</v></c></row>", "<v>3</v></c></row>")]
    other = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in "ABCDEFGHIJ") + "</row>"
        for r in range(1, MAX_WALKED_CELLS // 10 + 100)
    )
    other_xml = _SHEET_HEAD + "<sheetData>" + other + "</sheetData></worksheet>"
    xml = _SHEET_HEAD + "<sheetData>" + "".join(grades) + "</sheetData></worksheet>"
    content = excel_package(xml, [*STRINGS, "b"], second_sheet=other_xml)
    sheet = read_grade_sheet(content, "k.xlsx")
    roster = GraderRoster(
        "T-1",
        GradeScale.letter,
        {"10002": RosterCandidate("10002", "1", "submitted")},
        frozenset({"1"}),
    )
    preview = validate_sheet(sheet, roster, {})
    assert preview.errors  # "b" is not a grade as written

    tracemalloc.start()
    marked = annotated_workbook("en", content, sheet, preview.errors)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 40 * 2**20, f"{peak / 2**20:.0f} MB"
    copy = openpyxl.load_workbook(io.BytesIO(marked)).active
    assert [[c.value for c in row] for row in copy.iter_rows()] == [
        ["Candidate ID", "Grade"],
        [10002, "b"],
    ]
    assert "capitals" in copy["B2"].comment.text


def test_a_shared_string_table_beyond_the_cell_limit_is_refused_before_it_is_loaded():
    strings = STRINGS + [f"s{n}" for n in range(MAX_WALKED_CELLS)]
    content = excel_package(
        _SHEET_HEAD + "<sheetData>" + HEADER + "</sheetData></worksheet>", strings
    )
    assert refusal(content).key == "gradesheet.file.too_costly"


def test_the_streamed_copy_keeps_the_graders_rows_and_columns_in_place(monkeypatch):
    import io

    import openpyxl

    import bot.gradesheets.annotate as annotate
    from bot.gradesheets.validation import GraderRoster, RosterCandidate, validate_sheet
    from models.tables import GradeScale
    from tests.support.workbooks import excel_workbook

    monkeypatch.setattr(annotate, "FULL_COPY_CELLS", 0)
    content = excel_workbook(
        [["Karakterer"], [], ["Note", "Kandidatnummer", "Karakter"], ["x", 10002, "A"]]
        + [[]] * 4
        + [[None, 10003, "b"]]
    )
    sheet = read_grade_sheet(content, "k.xlsx")
    candidates = {c: RosterCandidate(c, "1", "submitted") for c in ("10002", "10003")}
    roster = GraderRoster("T-1", GradeScale.letter, candidates, frozenset({"1"}))
    preview = validate_sheet(sheet, roster, {})
    copy = openpyxl.load_workbook(
        io.BytesIO(annotate.annotated_workbook("en", content, sheet, preview.errors))
    ).active
    assert copy["B3"].value == "Kandidatnummer" and copy["C4"].value == "A"
    assert copy["B9"].value == 10003 and copy["C9"].value == "b"
    assert "capitals" in copy["C9"].comment.text and copy["C4"].comment is None
    assert copy["C9"].fill.fgColor.rgb == annotate.ERROR_FILL.fgColor.rgb
