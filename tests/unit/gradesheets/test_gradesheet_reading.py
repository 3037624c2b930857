"""Reading grade sheets: the corpus of real-looking and hostile files (SPEC §2.4)."""

from __future__ import annotations

import pytest

from bot.gradesheets.reading import (
    CANDIDATE,
    GRADE,
    MAX_DATA_ROWS,
    GradeSheetFileError,
    read_grade_sheet,
)
from bot.i18n import t
from tests.support.workbooks import (
    OLE_HEADER,
    Formula,
    NumberText,
    csv_bytes,
    encrypted_workbook,
    entity_attack,
    excel_workbook,
    legacy_xls,
    many_rows,
    not_a_workbook_zip,
    ole_file,
    workbook,
    zip_bomb_by_ratio,
    zip_bomb_by_total,
)


def refusal(content: bytes, filename: str) -> GradeSheetFileError:
    with pytest.raises(GradeSheetFileError) as caught:
        read_grade_sheet(content, filename)
    return caught.value


def values(sheet) -> list[tuple]:
    return [(r.number, r.candidate, r.grade) for r in sheet.rows]


def test_plain_inspera_sheet():
    sheet = read_grade_sheet(
        workbook([["Candidate ID", "Grade"], [10412, "B"], [10413, "C"]]), "k.xlsx"
    )
    assert (sheet.kind, sheet.sheet_name, sheet.header_row) == ("xlsx", "Ark1", 1)
    assert sheet.columns == {CANDIDATE: 1, GRADE: 2}
    assert values(sheet) == [(2, 10412, "B"), (3, 10413, "C")]


def test_excel_layout_with_shared_strings_and_cached_formula_values():
    content = excel_workbook(
        [
            ["Kandidatnummer", "Poeng", "Karakter"],
            [10412, 91, Formula('IF(B2>=89,"A","B")', cached="A")],
            [10413, 50, Formula("VLOOKUP(B3,Skala!A:B,2)")],
        ]
    )
    sheet = read_grade_sheet(content, "karakterer.xlsx")
    first, second = sheet.rows
    assert (first.grade, first.points, first.formulas_without_value) == ("A", 91, frozenset())
    assert second.grade is None and second.formulas_without_value == {GRADE}


def test_header_not_on_row_one_under_a_merged_title_and_merged_header_cells():
    content = workbook(
        [
            ["Karakterer TDT4100 høst 2026", None, None],
            [],
            ["Kandidat-ID", None, "Karakter"],
            [10412, None, "A"],
        ],
        merge=["A1:C1", "A3:B3"],
    )
    sheet = read_grade_sheet(content, "k.xlsx")
    assert sheet.header_row == 3
    assert sheet.columns == {CANDIDATE: 1, GRADE: 3}
    assert values(sheet) == [(4, 10412, "A")]


def test_hidden_extra_sheets_are_not_read():
    content = workbook(
        [["Candidate ID", "Grade"], [10412, "B"]],
        title="Karakterer",
        extra_sheets={"Skjult": [["Candidate ID", "Grade"], [99999, "F"]], "Notater": [["x"]]},
        first=["Skjult"],
        hidden=["Skjult"],
    )
    sheet = read_grade_sheet(content, "k.xlsx")
    assert sheet.sheet_name == "Karakterer"
    assert values(sheet) == [(2, 10412, "B")]


def test_headers_matched_loosely_with_explanations():
    content = workbook([["  KANDIDAT-ID ", "karakter", "Begrunnelse"], [10412, "B", "God"]])
    sheet = read_grade_sheet(content, "k.xlsx")
    assert sheet.headers == {
        "candidate": "KANDIDAT-ID",
        "grade": "karakter",
        "explanation": "Begrunnelse",
    }
    assert sheet.rows[0].explanation == "God"


def test_number_written_as_float_is_kept_for_normalising():
    content = excel_workbook([["Candidate ID", "Grade"], [NumberText("10412.0"), "B"]])
    assert read_grade_sheet(content, "k.xlsx").rows[0].candidate == 10412.0


@pytest.mark.parametrize("bom", [False, True])
def test_csv_with_and_without_bom(bom):
    content = csv_bytes([["Candidate ID", "Grade"], ["10412", "B"]], bom=bom)
    sheet = read_grade_sheet(content, "k.csv")
    assert (sheet.kind, sheet.delimiter) == ("csv", ",")
    assert sheet.headers[CANDIDATE] == "Candidate ID"
    assert values(sheet) == [(2, "10412", "B")]


def test_semicolon_csv_with_decimal_commas():
    content = csv_bytes(
        [["Kandidatnummer", "Poeng", "Karakter"], ["10412", "83,5", "B"]], delimiter=";"
    )
    sheet = read_grade_sheet(content, "k.csv")
    assert sheet.delimiter == ";"
    assert (sheet.rows[0].points, sheet.rows[0].grade) == ("83,5", "B")


def test_csv_not_in_utf8():
    content = csv_bytes([["Kandidat", "Karakter"], ["1", "Bestått"]], encoding="cp1252")
    assert refusal(content, "k.csv").key == "gradesheet.file.not_utf8"


def test_empty_sheet():
    assert refusal(workbook([]), "tom.xlsx").key == "gradesheet.file.empty"
    assert refusal(b"\r\n\r\n", "tom.csv").key == "gradesheet.file.empty"


def test_no_header_names_what_is_expected():
    error = refusal(workbook([["Navn", "Resultat"], ["Ola", "B"]]), "k.xlsx")
    assert error.key == "gradesheet.file.no_header"
    text = t("en", error.key, **error.params)
    assert "Candidate ID" in text and "Grade" in text and "first 20 rows" in text


def test_more_than_fifty_thousand_rows():
    error = refusal(many_rows(MAX_DATA_ROWS + 1), "stor.xlsx")
    assert error.key == "gradesheet.file.too_many_rows"
    assert error.params["limit"] == 50_000
    assert len(read_grade_sheet(many_rows(MAX_DATA_ROWS), "ok.xlsx").rows) == MAX_DATA_ROWS


def test_zip_bomb_by_compression_ratio():
    assert refusal(zip_bomb_by_ratio(), "k.xlsx").key == "gradesheet.file.zip_bomb"


def test_zip_bomb_by_total_size():
    assert refusal(zip_bomb_by_total(), "k.xlsx").key == "gradesheet.file.zip_bomb"


def test_entity_expansion_is_refused():
    assert refusal(entity_attack(), "k.xlsx").key == "gradesheet.file.unsafe_xml"


def test_renamed_text_file():
    content = csv_bytes([["Candidate ID", "Grade"], ["10412", "B"]])
    assert refusal(content, "karakterer.xlsx").key == "gradesheet.file.renamed_text"


def test_encrypted_workbook_and_legacy_xls_are_told_apart_by_their_streams():
    assert refusal(encrypted_workbook(), "karakterer.xlsx").key == "gradesheet.file.encrypted"
    assert refusal(legacy_xls(), "karakterer.xls").key == "gradesheet.file.legacy_xls"


def test_an_old_xls_renamed_xlsx_is_called_old_format_not_encrypted():
    assert refusal(legacy_xls(), "karakterer.xlsx").key == "gradesheet.file.legacy_xls"
    assert refusal(ole_file("Book"), "karakterer.xlsx").key == "gradesheet.file.legacy_xls"


def test_an_ole_file_that_is_no_workbook_or_is_truncated():
    word = ole_file("WordDocument", "1Table")
    assert refusal(word, "karakterer.xlsx").key == "gradesheet.file.other_office_file"
    assert refusal(legacy_xls()[:700], "karakterer.xlsx").key == "gradesheet.file.corrupt"
    assert refusal(OLE_HEADER + bytes(504), "karakterer.xlsx").key == "gradesheet.file.corrupt"


def test_a_pdf_named_csv_or_xlsx_is_called_a_pdf():
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    assert refusal(pdf, "karakterer.csv").key == "gradesheet.file.pdf"
    assert refusal(pdf, "karakterer.xlsx").key == "gradesheet.file.pdf"


@pytest.mark.parametrize("filename", ["karakterer.xlsx", "karakterer.csv", "karakterer"])
def test_an_empty_file_is_called_empty(filename):
    error = refusal(b"", filename)
    assert error.key == "gradesheet.file.zero_bytes"
    assert "0 bytes" in t("en", error.key, **error.params)


def test_corrupt_archive_and_zip_that_is_not_a_workbook():
    assert refusal(b"PK\x03\x04" + b"\x00garbage" * 20, "k.xlsx").key == "gradesheet.file.corrupt"
    assert refusal(not_a_workbook_zip(), "k.xlsx").key == "gradesheet.file.corrupt"
    assert refusal(bytes(range(256)) * 4, "k.xlsx").key == "gradesheet.file.corrupt"


def test_other_file_types():
    error = refusal(b"\x89PNG\r\n\x1a\n...", "karakterer.png")
    assert (error.key, error.params["extension"]) == ("gradesheet.file.unsupported_type", "png")
    assert refusal(not_a_workbook_zip(), "k.docx").key == "gradesheet.file.unsupported_type"


def test_file_over_ten_megabytes():
    assert refusal(b"x" * (10 * 1024 * 1024 + 1), "k.csv").key == "gradesheet.file.too_large"


def test_every_file_problem_has_a_message_in_both_languages():
    keys = {
        "too_large",
        "legacy_xls",
        "encrypted",
        "unsupported_type",
        "renamed_text",
        "corrupt",
        "zip_bomb",
        "unsafe_xml",
        "too_many_rows",
        "too_costly",
        "zero_bytes",
        "pdf",
        "other_office_file",
        "empty",
        "no_header",
        "not_utf8",
        "bad_csv",
    }
    params = dict(
        filename="f.xlsx",
        limit_mb=10,
        extension="pdf",
        limit=50000,
        rows=20,
        candidate_names="C",
        grade_names="G",
        line=3,
        cells=250000,
    )
    for key in keys:
        for lang in ("nb", "en"):
            assert "f.xlsx" in t(lang, f"gradesheet.file.{key}", **params)
