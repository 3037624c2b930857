"""What every button value (and modal metadata) codec shares.

Each codec is a small frozen dataclass kept beside the builder that emits it, with
`encode()` for the builder and `decode(value)` for the listener. The strings stay the ones
already posted in Slack, so buttons on old messages still work. `decode` raises
`PayloadError` on anything no builder of ours emitted; the listener answers it without a
traceback.
"""

from __future__ import annotations

from models.types import parse_row_id


class PayloadError(ValueError):
    """A value that is not one of ours (forged, truncated or from an older format)."""

    def __init__(self, kind: str, value: str) -> None:
        super().__init__(f"not a {kind} value: {value[:80]!r}")
        self.kind = kind
        self.value = value


def decode_id(kind: str, digits: str, value: str | None = None) -> int:
    """A positive row id written as digits, nothing else; `value` is the whole payload the
    digits come from, named in the error."""
    row_id = parse_row_id(digits)
    if row_id is None:
        raise PayloadError(kind, digits if value is None else value)
    return row_id
