"""Real-looking grade sheets made in the tests: workbooks as openpyxl writes them, as Excel
writes them (shared strings, cached formula values), and broken or hostile files."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.utils import get_column_letter

Row = Sequence[object]


def workbook(
    rows: Iterable[Row],
    *,
    title: str = "Ark1",
    extra_sheets: dict[str, list[Row]] | None = None,
    hidden: Iterable[str] = (),
    first: Iterable[str] = (),
    merge: Iterable[str] = (),
) -> bytes:
    """An .xlsx written by openpyxl. `first` names extra sheets placed before the main one;
    `hidden` hides sheets; `merge` merges ranges of the main sheet (e.g. "A1:C1")."""
    book = openpyxl.Workbook()
    main = book.active
    main.title = title
    for row in rows:
        main.append(list(row))
    for name, extra_rows in (extra_sheets or {}).items():
        index = 0 if name in set(first) else None
        sheet = book.create_sheet(name, index)
        for row in extra_rows:
            sheet.append(list(row))
    for name in hidden:
        book[name].sheet_state = "hidden"
    for cells in merge:
        main.merge_cells(cells)
    book.active = book.worksheets.index(main)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: Iterable[Row], *, delimiter: str = ",", bom: bool = False, encoding="utf-8"):
    text = "\r\n".join(delimiter.join("" if v is None else str(v) for v in row) for row in rows)
    data = (text + "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


# -- workbooks as Excel writes them ------------------------------------------------------

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PKG = "http://schemas.openxmlformats.org/package/2006"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = (
    f'{_XML}<Types xmlns="{_PKG}/content-types">'
    f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SML}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SML}.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    f'{_XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    f'xmlns:r="{_DOC}"><sheets><sheet name="Karakterer" sheetId="1" r:id="rId1"/></sheets>'
    "</workbook>"
)
_WORKBOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_DOC}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


class Formula:
    """A formula cell; `cached` is the value Excel computed and saved, None if none was."""

    def __init__(self, formula: str, cached: str | float | None = None) -> None:
        self.formula = formula
        self.cached = cached


class NumberText:
    """A number cell written exactly as given, e.g. "10412.0"."""

    def __init__(self, text: str) -> None:
        self.text = text


def excel_workbook(rows: Iterable[Row], *, prolog: str = "", sheet_prefix: str = "") -> bytes:
    """An .xlsx laid out as Excel saves it: strings in sharedStrings.xml, numbers as
    numbers, formulas with (or without) their cached value. `prolog` goes before the
    worksheet element (for hostile XML tests)."""
    strings: dict[str, int] = {}
    sheet_rows = [_row_xml(n, row, strings) for n, row in enumerate(rows, start=1)]
    return excel_package(
        sheet_xml=_sheet_xml(sheet_rows, prolog, sheet_prefix), strings=list(strings)
    )


def _sheet_xml(rows: Iterable[str], prolog: str = "", prefix: str = "") -> str:
    rows = list(rows)
    head = _SHEET_HEAD if not prolog else _SHEET_HEAD.replace("<worksheet", prolog + "<worksheet")
    # Excel states the used range first, so readers need not scan the sheet to size it.
    dimension = f'<dimension ref="A1:D{max(len(rows), 1)}"/>'
    return head + dimension + prefix + "<sheetData>" + "".join(rows) + "</sheetData></worksheet>"


def _row_xml(number: int, row: Row, strings: dict[str, int]) -> str:
    cells = []
    for column, value in enumerate(row, start=1):
        ref = f"{get_column_letter(column)}{number}"
        if value is None:
            continue
        if isinstance(value, Formula):
            cached = ""
            kind = ""
            if isinstance(value.cached, str):
                kind, cached = ' t="str"', f"<v>{escape(value.cached)}</v>"
            elif value.cached is not None:
                cached = f"<v>{value.cached}</v>"
            cells.append(f'<c r="{ref}"{kind}><f>{escape(value.formula)}</f>{cached}</c>')
        elif isinstance(value, NumberText):
            cells.append(f'<c r="{ref}"><v>{value.text}</v></c>')
        elif isinstance(value, int | float) and not isinstance(value, bool):
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        else:
            index = strings.setdefault(str(value), len(strings))
            cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
    return f'<row r="{number}">' + "".join(cells) + "</row>"


def excel_package(sheet_xml: str, strings: list[str], *, second_sheet: str | None = None) -> bytes:
    shared = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
        + "</sst>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        content_types, workbook, workbook_rels = _CONTENT_TYPES, _WORKBOOK, _WORKBOOK_RELS
        if second_sheet is not None:  # a visible sheet "Annet" after the first
            content_types = content_types.replace(
                "</Types>",
                f'<Override PartName="/xl/worksheets/sheet2.xml" '
                f'ContentType="{_SML}.worksheet+xml"/></Types>',
            )
            workbook = workbook.replace(
                "</sheets>", '<sheet name="Annet" sheetId="2" r:id="rId3"/></sheets>'
            )
            workbook_rels = workbook_rels.replace(
                "</Relationships>",
                f'<Relationship Id="rId3" Type="{_DOC}/worksheet" '
                'Target="worksheets/sheet2.xml"/></Relationships>',
            )
            archive.writestr("xl/worksheets/sheet2.xml", second_sheet)
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        archive.writestr("xl/sharedStrings.xml", shared)
    return out.getvalue()


def many_rows(count: int, *, start: int = 10000, header=("Candidate ID", "Grade")) -> bytes:
    """A large Excel-like sheet, written directly (much faster than openpyxl)."""
    grades = "ABCDEF"
    strings = {header[0]: 0, header[1]: 1, **{g: 2 + i for i, g in enumerate(grades)}}
    rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>']
    for n in range(count):
        r = n + 2
        rows.append(
            f'<row r="{r}"><c r="A{r}"><v>{start + n}</v></c>'
            f'<c r="B{r}" t="s"><v>{2 + n % 6}</v></c></row>'
        )
    return excel_package(_sheet_xml(rows), list(strings))


# -- broken and hostile files ------------------------------------------------------------

BILLION_LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def entity_attack() -> bytes:
    strings: dict[str, int] = {}
    rows = [_row_xml(1, ["Candidate ID", "Grade"], strings)]
    sheet = _sheet_xml(rows, prolog=BILLION_LAUGHS).replace(
        "</sheetData>",
        '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData>',
    )
    return excel_package(sheet, list(strings))


def zip_bomb_by_ratio() -> bytes:
    """A valid workbook whose sheet is padded with 50 MB of blanks (deflates ~1000:1)."""
    base = excel_workbook([["Candidate ID", "Grade"], [10412, "B"]])
    return _add_member(base, "xl/worksheets/padding.xml", b" " * (50 * 1024 * 1024))


def zip_bomb_by_total() -> bytes:
    """Many members just under the per-member ratio check that together inflate >100 MB."""
    content = excel_workbook([["Candidate ID", "Grade"], [10412, "B"]])
    out = io.BytesIO(content)
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        for n in range(110):
            archive.writestr(f"xl/media/blank{n}.bin", chunk)
    return out.getvalue()


def _add_member(content: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO(content)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return out.getvalue()


OLE_HEADER = bytes.fromhex("D0CF11E0A1B11AE1")


def ole_file(*streams: str, storages: tuple[str, ...] = ()) -> bytes:
    """An OLE compound file (what an encrypted .xlsx and a legacy .xls both are) whose
    directory holds `streams` and `storages` ([MS-CFB], version 3: 512-byte sectors; sector
    0 is the allocation table, sector 1 the directory). The streams are empty."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = OLE_HEADER
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 44, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))
    entries = [("Root Entry", 5)] + [(n, 2) for n in streams] + [(n, 1) for n in storages]
    directory = b"".join(_ole_entry(name, kind) for name, kind in entries)
    directory += bytes(512 - len(directory) % 512 if len(directory) % 512 else 0)
    assert len(directory) == 512, "one directory sector holds four entries"
    return bytes(header) + fat + directory


def _ole_entry(name: str, kind: int) -> bytes:
    encoded = name.encode("utf-16-le") + b"\0\0"
    entry = bytearray(128)
    entry[0 : len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    struct.pack_into("<II", entry, 116, 0xFFFFFFFE, 0)
    return bytes(entry)


def encrypted_workbook() -> bytes:
    return ole_file("EncryptionInfo", "EncryptedPackage", storages=("\x06DataSpaces",))


def legacy_xls() -> bytes:
    return ole_file("Workbook", "\x05SummaryInformation")


def not_a_workbook_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def cell_xml(content: bytes, ref: str) -> str | None:
    """The XML of one cell of the first sheet, for checking how a value was written."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = archive.read(sorted(names)[0]).decode()
    start = xml.find(f'<c r="{ref}"')
    if start < 0:
        return None
    end = xml.find("</c>", start)
    return xml[start : end + 4] if end >= 0 else xml[start : xml.find("/>", start) + 2]
