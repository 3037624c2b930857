"""A case as it was at a moment, as plain JSON values an outbox message carries, and back
again to render it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from models.tables import Escalation

_TIMES = ("created_at", "acknowledged_at", "resolved_at", "reraised_at")
_FIELDS = (
    "id",
    "test_id",
    "grader_email",
    "grader_name",
    "grader_slack_user",
    "findings_json",
    "status",
    *_TIMES,
    "acknowledged_by",
    "resolved_by",
    "acknowledged_by_user",
    "resolved_by_user",
    "graders_json",
)


def snapshot(case: Escalation) -> dict[str, Any]:
    """The case as it was re-raised, as plain JSON values for the outbox."""
    data = {name: getattr(case, name) for name in _FIELDS}
    for name in _TIMES:
        data[name] = data[name].isoformat() if data[name] else None
    data["status"] = str(data["status"])
    return data


def from_snapshot(data: dict[str, Any]) -> Escalation:
    """A detached case to render, as it was when re-raised."""
    values = dict(data)
    for name in _TIMES:
        values[name] = datetime.fromisoformat(values[name]) if values.get(name) else None
    return Escalation(**values)
