"""The one factory for the Bolt app and its Web API client."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_bolt.error import BoltUnhandledRequestError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.i18n import messages, t
from bot.runtime import Runtime
from bot.settings import Settings
from bot.slack.ack_first import AckFirst, AckFirstApp
from bot.slack.idempotency import first_delivery_of_event
from bot.slack.slow_work import SlowWork
from handlers import prepare_context, register_listeners

if TYPE_CHECKING:
    from bot.work_process import WorkProcess

logger = logging.getLogger(__name__)

WEB_API_TIMEOUT_SECONDS = 15
# `sensorbot run` asks Slack about the token before serving; it waits this long for an answer.
STARTUP_CHECK_TIMEOUT_SECONDS = 10


def create_web_client(settings: Settings, *, retries: bool = True) -> WebClient:
    """Every Web API call, the file upload steps included, goes to SLACK_API_URL.

    `retries=False` is for callers that retry themselves (the outbox dispatcher): a 429
    comes back at once instead of sleeping through `Retry-After`, and a request that failed
    mid-way is not silently sent again.
    """
    client = WebClient(token=settings.slack_bot_token)
    _configure_web_client(client, settings, retries=retries)
    return client


def _configure_web_client(client: WebClient, settings: Settings, *, retries: bool) -> None:
    base_url = settings.slack_api_url
    if not base_url.endswith("/"):
        base_url += "/"
    client.base_url = base_url
    client.timeout = WEB_API_TIMEOUT_SECONDS
    if retries:
        client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=5))
        client.retry_handlers.append(ConnectionErrorRetryHandler(max_retry_count=2))
    else:
        client.retry_handlers = []


# What Slack answers `auth.test` when the token itself is wrong.
TOKEN_ERRORS = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "not_allowed_token_type",
    }
)


class SlackRefusedToken(Exception):
    """Slack answered `auth.test` with `error`, one of TOKEN_ERRORS."""

    def __init__(self, error: str) -> None:
        super().__init__(f"Slack refuses the bot token: {error}")
        self.error = error


class SlackUnavailable(Exception):
    """Slack at `url` did not answer `auth.test` in time (`answered` False), or answered
    with something other than a verdict on the token (`answered` True)."""

    def __init__(self, url: str, detail: str, *, answered: bool) -> None:
        super().__init__(f"Slack at {url}: {detail}")
        self.url = url
        self.detail = detail
        self.answered = answered


def check_bot_token(settings: Settings) -> None:
    """Ask Slack (`auth.test`) whether SLACK_BOT_TOKEN is good, once, within seconds.

    Raises SlackRefusedToken when Slack says no, SlackUnavailable when it cannot say.
    """
    client = create_web_client(settings, retries=False)
    client.timeout = STARTUP_CHECK_TIMEOUT_SECONDS
    try:
        client.auth_test()
    except SlackApiError as error:
        code = error.response.get("error")
        if code in TOKEN_ERRORS:
            raise SlackRefusedToken(code) from error
        # The SDK puts its own sentence there when the answer is not JSON (a web page).
        status = f"HTTP {error.response.status_code}"
        detail = f"{code} ({status})" if code and " " not in code else status
        raise SlackUnavailable(client.base_url, detail, answered=True) from error
    except OSError as error:  # refused, unknown host, timed out (URLError is an OSError)
        reason = getattr(error, "reason", None) or error
        detail = str(reason) or type(reason).__name__
        raise SlackUnavailable(client.base_url, detail, answered=False) from error


# Telling people "busy, try again" when the pool is full: one thread, a short queue.
BUSY_NOTICE_QUEUE = 50


def create_app(runtime: Runtime) -> AckFirstApp:
    """The app that answers Slack and does the slow work in a pool of its own threads
    (Socket Mode, the demo, tests)."""
    return _create_app(runtime)


def create_answering_app(runtime: Runtime, work: WorkProcess) -> AckFirstApp:
    """The app of `sensorbot run`'s answering process: it acknowledges and hands the slow
    work over to `work`, the work process."""
    app = _create_app(runtime, hand_over=work)
    work.on_learnt = runtime.identities.remember
    work.on_look = app.ack_first.refusals.report
    return app


def create_working_app(runtime: Runtime) -> AckFirstApp:
    """The app of the work process: the same listeners, for requests the answering process
    verified and acknowledged already."""
    return _create_app(runtime, acknowledged=True)


def _create_app(
    runtime: Runtime, *, hand_over: WorkProcess | None = None, acknowledged: bool = False
) -> AckFirstApp:
    settings = runtime.settings
    engine = runtime.engine
    # The texts, read and checked now: the first answer that needs one (a "busy" in an
    # acknowledgement) would otherwise wait tens of milliseconds for the whole catalog.
    messages()

    def report_failure(error: Exception, body: dict, respond, logger: logging.Logger) -> None:
        logger.error("error in listener: %s", error, exc_info=error)
        if body.get("response_url") and respond is not None:
            respond(
                text=t(
                    settings.default_language,
                    "error.generic",
                    exam_office=settings.exam_office_name,
                ),
                response_type="ephemeral",
                replace_original=False,
            )

    ack_first = AckFirst(
        work=SlowWork(settings.work_threads, settings.work_queue),
        busy_notices=SlowWork(1, BUSY_NOTICE_QUEUE, name="slack-busy"),
        first_delivery=lambda event_id: first_delivery_of_event(engine, event_id),
        report_failure=report_failure,
        identities=runtime.identities,
        default_language=settings.default_language,
        prepare=lambda context: prepare_context(context, runtime),
        hand_over=hand_over,
        acknowledged=acknowledged,
    )
    # The token is Bolt's to give its own client, so that Bolt does not also read
    # SLACK_BOT_TOKEN from the environment beside a client made here and warn that one of
    # them "will be unused"; the client is then pointed at SLACK_API_URL like every other.
    app = AckFirstApp(
        ack_first=ack_first,
        token=settings.slack_bot_token,
        signing_secret=settings.slack_signing_secret or "",
        token_verification_enabled=False,
        raise_error_for_unhandled_request=True,
        # Socket Mode's requests come through Slack's own connection, and the work
        # process's from the answering process, which verified them.
        request_verification_enabled=settings.slack_app_token is None and not acknowledged,
        logger=logging.getLogger("sensorbot.slack"),
    )
    _configure_web_client(app.client, settings, retries=True)

    @app.error
    def on_error(error: Exception, body: dict, respond, logger: logging.Logger) -> None:
        if isinstance(error, BoltUnhandledRequestError):
            logger.warning("no listener for this request: %s", error.current_response)
            return
        report_failure(error, body, respond, logger)

    register_listeners(app)
    return app
