"""What reading with python-calamine must still do, and must not do: cells it would read as
empty, sheets written in unusual ways, and sheets whose cells lie so far apart that
calamine's block of cells between them would not fit in memory."""

from __future__ import annotations

import io

import openpyxl
import pytest

from bot.gradesheets.reading import GRADE, POINTS, GradeSheetFileError, read_grade_sheet
from bot.spreadsheets import FORMULA_WITHOUT_VALUE, Limits, Workbook, WorkbookProblem
from tests.support.workbooks import _SHEET_HEAD, BILLION_LAUGHS, excel_package

STRINGS = ["Candidate ID", "Grade", "B", "Points"]
HEADER = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'


def sheet(*rows: str, strings: list[str] = STRINGS) -> bytes:
    xml = _SHEET_HEAD + "<sheetData>" + "".join(rows) + "</sheetData></worksheet>"
    return excel_package(xml, strings)


def refusal(content: bytes) -> str:
    with pytest.raises(GradeSheetFileError) as caught:
        read_grade_sheet(content, "karakterer.xlsx")
    return caught.value.key


def rows_of(content: bytes) -> list[tuple]:
    read = read_grade_sheet(content, "karakterer.xlsx")
    return [(r.number, r.candidate, r.grade, r.points, r.formulas_without_value) for r in read.rows]


def test_two_cells_far_apart_are_refused_before_calamine_reads_the_sheet():
    # Calamine would fill the block between them: 1,048,576 × 16,384 cells, some 550 GB.
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    assert refusal(sheet(HEADER, far)) == "gradesheet.file.too_many_rows"
    wide = '<row r="2"><c r="A2"><v>1</v></c></row><row r="40000"><c r="ZZ40000"><v>1</v></c></row>'
    assert refusal(sheet(HEADER, wide)) == "gradesheet.file.too_costly"


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="A2" r="XFD50000"><v>1</v></c>',  # calamine takes the later r
        '<c r="A2" s="0" r = "XFD50000"><v>1</v></c>',
        "<c r='xfd50000'><v>1</v></c>",
        '<c t="n" r="XFD50000"><v>1</v></c>',
    ],
)
def test_a_far_reference_written_unusually_is_found_too(cell):
    assert refusal(sheet(HEADER, f'<row r="2">{cell}</row>')) == "gradesheet.file.too_costly"


def test_cells_without_references_are_placed_as_calamine_places_them():
    content = sheet(
        '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>',
        '<row><c><v>10412</v></c><c t="s"><v>2</v></c></row>',
    )
    assert rows_of(content) == [(2, 10412.0, "B", None, frozenset())]
    # Each cell follows the one before it: 5 rows of 300 make a block of 1,500 cells.
    limits = Limits(rows=100, cells=10_000, strings=100, block=1_000)
    wide = "<row>" + "".join(f"<c><v>{n}</v></c>" for n in range(300)) + "</row>"
    with Workbook(sheet(*[wide] * 5), limits) as workbook, pytest.raises(WorkbookProblem) as caught:
        workbook.read(0)
    assert caught.value.kind == "too_costly"
    with Workbook(sheet(*[wide] * 3), limits) as workbook:
        assert len(workbook.read(0).rows) == 3


def test_an_error_cell_reads_as_its_error_and_a_formula_without_value_is_reported():
    header = HEADER.replace("</row>", '<c r="C1" t="s"><v>3</v></c></row>')
    content = sheet(
        header,
        '<row r="2"><c r="A2"><v>10412</v></c><c r="B2" t="e"><v>#N/A</v></c></row>',
        '<row r="3"><c r="A3"><v>10413</v></c><c r="B3" t="s"><v>2</v></c>'
        '<c r="C3"><f>SUM(X1:X9)</f></c></row>',
        '<row r="4"><c r="A4"><v>10414</v></c><c r="B4"><f>Y1</f></c></row>',
    )
    assert rows_of(content) == [
        (2, 10412.0, "#N/A", None, frozenset()),
        (3, 10413.0, "B", None, frozenset({POINTS})),  # in a column calamine left out
        (4, 10414.0, None, None, frozenset({GRADE})),  # in a row calamine left out
    ]


def test_dates_booleans_and_formulas_as_openpyxl_writes_them():
    import datetime

    book = openpyxl.Workbook()
    book.active.append(["Candidate ID", "Grade", "Points"])
    book.active.append([10412, True, datetime.datetime(2026, 12, 10, 9, 30)])
    book.active.append([10413, '=IF(C3>50,"A","F")', 60])
    out = io.BytesIO()
    book.save(out)
    assert rows_of(out.getvalue()) == [
        (2, 10412.0, True, datetime.datetime(2026, 12, 10, 9, 30), frozenset()),
        (3, 10413.0, None, 60.0, frozenset({GRADE})),
    ]


def test_a_sheet_with_prefixed_elements_is_read():
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><x:worksheet '
        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>'
        '</x:row><x:row r="2"><x:c r="A2"><x:v>10412</x:v></x:c><x:c r="B2" t="s"><x:v>2</x:v>'
        "</x:c></x:row></x:sheetData></x:worksheet>"
    )
    assert rows_of(excel_package(xml, STRINGS)) == [(2, 10412.0, "B", None, frozenset())]


def test_a_dtd_in_any_part_is_refused():
    shared = excel_package(_SHEET_HEAD + "<sheetData/></worksheet>", STRINGS)
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(shared)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                data = data.replace(
                    b"<sst", BILLION_LAUGHS.replace("worksheet", "sst").encode() + b"<sst"
                )
            target.writestr(item, data)
    assert refusal(out.getvalue()) == "gradesheet.file.unsafe_xml"


def test_the_block_calamine_read_is_checked_against_the_limits():
    limits = Limits(rows=10, cells=1_000, strings=100, block=1_000)
    rows = [HEADER, *(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, 12))]
    with Workbook(sheet(*rows), limits) as workbook, pytest.raises(WorkbookProblem) as caught:
        workbook.read(0)
    assert caught.value.kind == "too_many_rows"
    with Workbook(sheet(*rows[:5]), limits) as workbook:
        cells = workbook.read(0)
    assert (cells.first_row, len(cells.rows), cells.marked) == (1, 5, False)
    assert FORMULA_WITHOUT_VALUE not in cells.rows[1]
