"""Grade sheets (SPEC §3.5): read, validate against the roster, preview, apply, undo;
templates for graders and Inspera-ready exports for consultants.

`reading` (bytes → rows) → `validation` (rows + roster → preview) → `store` (previews,
apply, undo, reset); `annotate`, `template` and `export` write workbooks. A sheet for a
test marked in Inspera goes through `for_inspera` instead of a stored preview.
"""
