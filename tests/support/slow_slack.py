"""The fake Slack answering slowly: every request (Web API, `response_url`, files) is
answered only after `answer_seconds`, and not at all while the answers are held. What it
records is stamped when the request arrived, as before, so tests can wait for a request
that is still waiting for its answer."""

from __future__ import annotations

import threading
import time
from typing import Any

from tests.support.fake_slack import WAIT_LIMIT, FakeSlack

LISTEN_BACKLOG = 512


class SlowSlack(FakeSlack):
    def __init__(self, answer_seconds: float = 0.0, **kwargs: Any) -> None:
        self.answer_seconds = answer_seconds
        self._answering = threading.Event()
        self._answering.set()
        super().__init__(**kwargs)
        # Slack takes many connections at once; the standard library's server queues only 5
        # waiting ones, and the rest would retry after a second.
        self._server.socket.listen(LISTEN_BACKLOG)

    def hold(self) -> None:
        """Answer nothing until `release()` (requests are still recorded on arrival)."""
        self._answering.clear()

    def release(self) -> None:
        self._answering.set()

    def close(self) -> None:
        self.release()
        super().close()

    def _serve(self, http_method: str, target: str, headers: dict[str, str], body: bytes):
        answer = super()._serve(http_method, target, headers, body)
        # Each request has a thread of its own, so one slow answer holds up no other.
        self._answering.wait(timeout=WAIT_LIMIT)
        time.sleep(self.answer_seconds)
        return answer
