"""Files to and from Slack: metadata with `files.info`, downloads of `url_private_download`
behind the bot token, and uploads into a person's DM with `files_upload_v2`.

Web API calls go through the app's `WebClient` (and so through SLACK_API_URL); a download
goes to whatever URL `files.info` returned.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from slack_sdk import WebClient

from bot.slack.messaging import open_dm

DOWNLOAD_TIMEOUT_SECONDS = 30
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class SharedFile:
    file_id: str
    name: str
    size: int
    url: str | None
    user: str | None


class FileDownloadError(Exception):
    """The file could not be fetched; `reason` is `not_authorised`, `too_large` or `failed`."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def file_info(client: WebClient, file_id: str) -> SharedFile:
    info = client.files_info(file=file_id)["file"]
    return SharedFile(
        file_id=info["id"],
        name=info.get("name") or info.get("title") or file_id,
        size=int(info.get("size") or 0),
        url=info.get("url_private_download") or info.get("url_private"),
        user=info.get("user"),
    )


def download(url: str, token: str, limit_bytes: int) -> bytes:
    """The file's bytes; refuses more than `limit_bytes` while reading, and an HTML page
    (Slack's answer when the token may not read the file) as not authorised."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT_SECONDS) as answer:
            content_type = answer.headers.get("Content-Type", "")
            content = _read_limited(answer, limit_bytes)
    except urllib.error.HTTPError as error:
        reason = "not_authorised" if error.code in (401, 403) else "failed"
        raise FileDownloadError(reason, f"HTTP {error.code}") from error
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        raise FileDownloadError("failed", str(error)) from error
    if content_type.lower().startswith("text/html") or _looks_like_html(content):
        raise FileDownloadError("not_authorised", "an HTML page instead of the file")
    return content


def _read_limited(answer, limit_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = answer.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit_bytes:
            raise FileDownloadError("too_large", f"more than {limit_bytes} bytes")
        chunks.append(chunk)


def _looks_like_html(content: bytes) -> bool:
    start = content[:512].lstrip().lower()
    return start.startswith((b"<!doctype", b"<html"))


def upload_to_dm(
    client: WebClient, user_id: str, content: bytes, filename: str, title: str, comment: str
) -> None:
    client.files_upload_v2(
        channel=open_dm(client, user_id),
        content=content,
        filename=filename,
        title=title,
        initial_comment=comment,
    )
