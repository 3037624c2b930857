"""The Block Kit kit every builder in `bot.ui` composes messages with.

Two kinds of text reach Slack:

- `Mrkdwn`: text Slack reads as markup — mentions, links, `*bold*`.
  Only the kit makes it: `escape`/`as_mrkdwn` from outside text, `md` from a catalog
  string (its `str` parameters escaped), and the small formatters below. Section and
  context text, and a message's fallback text, take `Mrkdwn` only, so under mypy a raw
  `str` there is an error; at run time a raw `str` that slips through is escaped.
- plain text (headers, buttons, options, modal titles): Slack shows it as typed, so any
  `str` goes, cut to Slack's length for the field.

Slack's limits live here, once; text is shortened without cutting an escape sequence
(`&amp;`) or a `<…>` token in half.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    Option,
    SectionBlock,
)
from slack_sdk.models.blocks.basic_components import (
    ConfirmObject,
    MarkdownTextObject,
    PlainTextObject,
)
from slack_sdk.models.blocks.block_elements import BlockElement, InteractiveElement

from bot.i18n import t
from bot.i18n.dates import datetime_text, deadline_text

# Slack's limits (https://api.slack.com/reference/block-kit).
MAX_BLOCKS = 50  # blocks in a message
SECTION_TEXT = 3000  # a section's text
CONTEXT_ELEMENTS = 10  # elements in a context block
CONTEXT_TEXT = 3000  # a context element's text (Slack documents no lower limit)
HEADER_TEXT = 150
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
OPTION_TEXT = 75
OPTION_VALUE = 150
ACTIONS_ELEMENTS = 25
BLOCK_ID = 255
ACTION_ID = 255
MODAL_TITLE = 24  # a modal's title, and its submit and close buttons
INPUT_LABEL = 2000
MESSAGE_TEXT = 40_000  # chat.postMessage's `text`
BUTTON_URL = 3000
CONFIRM_TITLE = 100  # a confirm dialog's title
CONFIRM_TEXT = 300  # its text
CONFIRM_BUTTON = 30  # its confirm and deny buttons

ELLIPSIS = "…"


class Mrkdwn(str):
    """Text safe to hand Slack as mrkdwn: outside text in it has been escaped.

    Joining stays safe: `Mrkdwn + str` and `str + Mrkdwn` escape the `str` side (so use
    `str(text)` or an f-string to get the characters for a log line or a test)."""

    __slots__ = ()

    def __add__(self, other: str) -> Mrkdwn:
        return Mrkdwn(str.__add__(self, as_mrkdwn(other)))

    def __radd__(self, other: str) -> Mrkdwn:
        return Mrkdwn(str.__add__(as_mrkdwn(other), self))


class Message(NamedTuple):
    """A message: the notification and fallback text first, then its blocks as dicts."""

    text: Mrkdwn
    blocks: list[dict]


# -- text ---------------------------------------------------------------------------------

# Slack's own escapes, and look-alikes for the characters that would start formatting:
# `*bold*`, `~struck~` and `code` (inside which nothing else is escaped). Underscores stay:
# test ids and addresses have them, and Slack only italicises at word boundaries.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "`": "'", "*": "\u2217", "~": "\u223c"}
)


def escape(text: str) -> Mrkdwn:
    """Outside text (names, roster values, file names, what someone typed) as mrkdwn that
    shows exactly that: no mentions, links, dates, formatting or code spans."""
    return Mrkdwn(str(text).translate(_ESCAPES))


def as_mrkdwn(text: str) -> Mrkdwn:
    """`text` as it is when it is already `Mrkdwn`, else escaped."""
    return text if isinstance(text, Mrkdwn) else escape(text)


def md(lang: str, key: str, **params: object) -> Mrkdwn:
    """A catalog text as mrkdwn: the catalog's own markup kept, every `str` parameter that
    is not already `Mrkdwn` escaped."""
    return Mrkdwn(t(lang, key, **escaped_params(params)))


def escaped_params(params: dict[str, object]) -> dict[str, object]:
    return {k: as_mrkdwn(v) if isinstance(v, str) else v for k, v in params.items()}


def join(separator: str, parts: Iterable[str]) -> Mrkdwn:
    """`parts` (each escaped unless `Mrkdwn`) joined by `separator` (trusted markup)."""
    return Mrkdwn(separator.join(as_mrkdwn(part) for part in parts))


def lines(parts: Iterable[str]) -> Mrkdwn:
    return join("\n", parts)


def bullets(parts: Iterable[str]) -> Mrkdwn:
    return lines(Mrkdwn("• ") + part for part in parts)


def bold(text: str) -> Mrkdwn:
    return Mrkdwn(f"*{as_mrkdwn(text)}*")


def code(text: str) -> Mrkdwn:
    return Mrkdwn(f"`{as_mrkdwn(text)}`")


_USER_ID = re.compile(r"[UW][A-Z0-9]{2,20}")


def mention(user_id: str) -> Mrkdwn:
    """A Slack user mention, which shows the person's name; anything that is not a user id
    is shown as text."""
    if _USER_ID.fullmatch(user_id):
        return Mrkdwn(f"<@{user_id}>")
    return escape(user_id)


def date(lang: str, when: datetime, tz: ZoneInfo) -> Mrkdwn:
    """`when` as words of `lang` on the clock of `tz` (the reader's): "fredag 8. januar
    kl. 15.00". Not Slack's `<!date>`, which the client writes in its own (English) words."""
    return escape(datetime_text(lang, when, tz))


def deadline(lang: str, when: datetime, tz: ZoneInfo) -> Mrkdwn:
    """A deadline as a date, with "by 23:59" when it ends with the day."""
    return escape(deadline_text(lang, when, tz))


# -- shortening ---------------------------------------------------------------------------

# What must not be cut: an entity (`&amp;`) or a `<…>` token (mention, link, date).
_UNCUTTABLE = re.compile(r"&[a-z]+;|<[^<>]*>")


def truncate(text: Mrkdwn, limit: int) -> Mrkdwn:
    """`text` within `limit` characters, ending in "…" when shortened; an escape sequence
    or a `<…>` token that would be cut is dropped whole."""
    if len(text) <= limit:
        return text
    cut = limit - len(ELLIPSIS)
    for token in _UNCUTTABLE.finditer(text):
        if token.start() < cut < token.end():
            cut = token.start()
            break
        if token.start() >= cut:
            break
    return Mrkdwn(text[:cut] + ELLIPSIS)


def truncate_plain(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - len(ELLIPSIS)] + ELLIPSIS


def chunks(parts: Iterable[Mrkdwn], limit: int = SECTION_TEXT) -> list[Mrkdwn]:
    """`parts` as lines in as few texts of at most `limit` characters as they fit; a line
    longer than `limit` is shortened."""
    texts: list[Mrkdwn] = []
    current = Mrkdwn("")
    for part in parts:
        line = truncate(as_mrkdwn(part), limit)
        if current and len(current) + 1 + len(line) > limit:
            texts.append(current)
            current = Mrkdwn("")
        current = current + Mrkdwn("\n") + line if current else line
    if current:
        texts.append(current)
    return texts


# -- blocks -------------------------------------------------------------------------------


def text_object(text: Mrkdwn, limit: int = SECTION_TEXT) -> MarkdownTextObject:
    return MarkdownTextObject(text=truncate(as_mrkdwn(text), limit))


def section(
    text: Mrkdwn, *, accessory: BlockElement | None = None, block_id: str | None = None
) -> SectionBlock:
    return SectionBlock(
        text=text_object(text),
        accessory=accessory,
        block_id=block_id[:BLOCK_ID] if block_id else None,
    )


def sections(parts: Iterable[Mrkdwn]) -> list[Block]:
    """`parts` as lines over as few sections as Slack's section limit allows."""
    return [section(text) for text in chunks(parts)]


def context(*texts: Mrkdwn) -> ContextBlock:
    _within("context elements", len(texts), CONTEXT_ELEMENTS)
    return ContextBlock(elements=[text_object(text, CONTEXT_TEXT) for text in texts])


def header(text: str) -> HeaderBlock:
    """A header; its text is plain, shown as typed."""
    return HeaderBlock(text=truncate_plain(text, HEADER_TEXT))


def divider() -> DividerBlock:
    return DividerBlock()


def plain(text: str, limit: int) -> PlainTextObject:
    """A plain text object (modal titles, input labels), cut to `limit`."""
    return PlainTextObject(text=truncate_plain(text, limit))


def button(
    text: str,
    action_id: str,
    value: str,
    style: str | None = None,
    confirm: ConfirmObject | None = None,
) -> ButtonElement:
    """A button with plain `text`; a `value` beyond Slack's limit is a bug, not shortened.
    With `confirm`, Slack asks first (see `confirmation`)."""
    _within("characters in a button value", len(value), BUTTON_VALUE)
    _within("characters in an action id", len(action_id), ACTION_ID)
    return ButtonElement(
        text=truncate_plain(text, BUTTON_TEXT),
        action_id=action_id,
        value=value,
        style=style,
        confirm=confirm,
    )


def link_button(text: str, action_id: str, url: str, style: str | None = None) -> ButtonElement:
    """A button that opens `url` in the browser (Slack still sends its click as an action)."""
    _within("characters in a button URL", len(url), BUTTON_URL)
    return ButtonElement(
        text=truncate_plain(text, BUTTON_TEXT), action_id=action_id, url=url, style=style
    )


def confirmation(
    title: str, text: Mrkdwn, confirm: str, deny: str, *, danger: bool = False
) -> ConfirmObject:
    """The dialog Slack shows before an irreversible button is sent: plain `title` and button
    labels, mrkdwn `text`."""
    return ConfirmObject(
        title=truncate_plain(title, CONFIRM_TITLE),
        text=MarkdownTextObject(text=truncate(as_mrkdwn(text), CONFIRM_TEXT)),
        confirm=truncate_plain(confirm, CONFIRM_BUTTON),
        deny=truncate_plain(deny, CONFIRM_BUTTON),
        style="danger" if danger else "primary",
    )


def option(text: str, value: str) -> Option:
    _within("characters in an option value", len(value), OPTION_VALUE)
    return Option(text=truncate_plain(text, OPTION_TEXT), value=value)


def actions(*elements: InteractiveElement, block_id: str | None = None) -> ActionsBlock:
    _within("buttons and menus in an actions block", len(elements), ACTIONS_ELEMENTS)
    return ActionsBlock(elements=list(elements), block_id=block_id)


def message(text: Mrkdwn, blocks: Sequence[Block]) -> Message:
    """A message of `blocks` with `text` for notifications and clients without blocks."""
    _within("blocks in a message", len(blocks), MAX_BLOCKS)
    return Message(truncate(as_mrkdwn(text), MESSAGE_TEXT), [block.to_dict() for block in blocks])


def text_message(text: Mrkdwn) -> Message:
    """A message of one section."""
    return message(text, [section(text)])


def _within(what: str, count: int, limit: int) -> None:
    """Counts and values the builders must keep within Slack's limits: a message Slack
    would refuse is a bug to see, not something to cut silently."""
    if count > limit:
        raise ValueError(f"{count} {what} (Slack takes at most {limit})")
