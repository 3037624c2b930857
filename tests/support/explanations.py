"""Explanation requests in the store, as the roster's `Explanations` sheet leaves them."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine

from models.db import session_scope
from models.tables import ExplanationRequest, stored_id

DUE_AFTER = timedelta(weeks=2)  # § 11-8: the explanation within two weeks of the request


def add_explanation_request(
    engine: Engine,
    test_id: str,
    candidate_id: str,
    requested_at: datetime,
    *,
    due_at: datetime | None = None,
    late: bool = False,
    registered_at: datetime | None = None,
) -> int:
    """A request registered when it was made (unless `registered_at` says otherwise); its id."""
    request = ExplanationRequest(
        test_id=test_id,
        candidate_id=candidate_id,
        requested_at=requested_at,
        due_at=due_at or requested_at + DUE_AFTER,
        late=late,
        registered_at=registered_at or requested_at,
    )
    with session_scope(engine) as session:
        session.add(request)
        session.flush()
        return stored_id(request)
