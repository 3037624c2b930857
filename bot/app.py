"""The one factory for the Bolt app and its Web API client."""

from __future__ import annotations

import logging

from slack_bolt import App, BoltContext
from slack_bolt.error import BoltUnhandledRequestError
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.i18n import t
from bot.runtime import Runtime
from bot.settings import Settings
from handlers import register_listeners

logger = logging.getLogger(__name__)


def create_web_client(settings: Settings, *, retries: bool = True) -> WebClient:
    """Every Web API call, the file upload steps included, goes to SLACK_API_URL.

    `retries=False` is for callers that retry themselves (the outbox dispatcher): a 429
    comes back at once instead of sleeping through `Retry-After`, and a request that failed
    mid-way is not silently sent again.
    """
    base_url = settings.slack_api_url
    if not base_url.endswith("/"):
        base_url += "/"
    if not retries:
        return WebClient(
            token=settings.slack_bot_token, base_url=base_url, timeout=15, retry_handlers=[]
        )
    client = WebClient(token=settings.slack_bot_token, base_url=base_url, timeout=15)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=5))
    client.retry_handlers.append(ConnectionErrorRetryHandler(max_retry_count=2))
    return client


def create_app(runtime: Runtime) -> App:
    settings = runtime.settings
    app = App(
        client=create_web_client(settings),
        signing_secret=settings.slack_signing_secret or "",
        token_verification_enabled=False,
        raise_error_for_unhandled_request=True,
        request_verification_enabled=settings.slack_app_token is None,
        logger=logging.getLogger("sensorbot.slack"),
    )

    @app.middleware
    def inject_runtime(context: BoltContext, next) -> BoltResponse:  # noqa: A002 - Bolt's name
        context["runtime"] = runtime
        return next()

    @app.error
    def on_error(error: Exception, body: dict, respond, logger: logging.Logger) -> None:
        if isinstance(error, BoltUnhandledRequestError):
            logger.warning("no listener for this request: %s", error.current_response)
            return
        logger.error("error in listener: %s", error, exc_info=error)
        if body.get("response_url") and respond is not None:
            lang = settings.default_language
            respond(
                text=t(lang, "error.generic", exam_office=settings.exam_office_name),
                response_type="ephemeral",
                replace_original=False,
            )

    register_listeners(app)
    return app
