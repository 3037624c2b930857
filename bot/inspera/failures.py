"""Why Inspera could not be read: one typed failure, never a crash and never a guess."""

from __future__ import annotations

from enum import StrEnum


class FailureKind(StrEnum):
    unreachable = "unreachable"  # no connection (refused, DNS, TLS)
    timeout = "timeout"  # connected, but no answer in time
    wrong_key = "wrong_key"  # 401 from the token call: the client id or key is wrong
    busy = "busy"  # 409 or 429 for longer than the client waits
    server_error = "server_error"  # 5xx
    refused = "refused"  # another 4xx (403: the API user may not read the test)
    not_found = "not_found"  # 404: Inspera has no test with that id
    not_json = "not_json"  # an HTML page or other text instead of JSON
    reported_errors = "reported_errors"  # a 200 answer with an `errors` array
    malformed = "malformed"  # JSON without a field Sensorbot needs (`detail` names it)


# Failures that say nothing about one test: reading the next test would fail the same way.
CONNECTOR_WIDE = frozenset(
    {FailureKind.unreachable, FailureKind.timeout, FailureKind.wrong_key, FailureKind.busy}
)


class InsperaFailure(Exception):
    """Inspera could not be read; `detail` is plain text for the log and the operator (a
    status, a field name, Inspera's own error text), never a key or a token."""

    def __init__(self, kind: FailureKind, detail: str = "") -> None:
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail

    @property
    def connector_wide(self) -> bool:
        return self.kind in CONNECTOR_WIDE
