"""The language switch: a small button that offers the other language, and the answers to
`/sensur språk`."""

from __future__ import annotations

from slack_sdk.models.blocks import ButtonElement

from bot.i18n import LANGUAGES, t
from bot.ui import kit
from bot.ui.kit import Message

ACTION_ID = "language.set"


def other_language(lang: str) -> str:
    return next(other for other in LANGUAGES if other != lang)


def switch_button(lang: str) -> ButtonElement:
    """ "In English" for a Norwegian reader, "På norsk" for an English one; its value is the
    language it switches to."""
    target = other_language(lang)
    return kit.button(t(target, "language.switch"), ACTION_ID, target)


def chosen_message(lang: str, changed: bool) -> Message:
    """The answer to a choice, in the language chosen, with the way back."""
    key = "language.chosen" if changed else "language.already"
    text = kit.md(lang, key, command=kit.code(f"/sensur {t(lang, 'language.command')}"))
    return kit.message(text, [kit.section(text), kit.actions(switch_button(lang))])


def current_message(lang: str) -> Message:
    """`/sensur språk` with no language: which one it is, and how to change it."""
    other = other_language(lang)
    text = kit.md(
        lang,
        "language.current",
        command=kit.code(f"/sensur {t(lang, 'language.command')} {other}"),
    )
    return kit.message(text, [kit.section(text), kit.actions(switch_button(lang))])


def unknown_message(lang: str, word: str) -> Message:
    text = kit.md(lang, "language.unknown", word=kit.code(word))
    return kit.text_message(text)


def with_language_switch(message: Message, lang: str) -> Message:
    """`message` with the switch to the other language under it: what the first DM a person
    ever gets from the bot carries, so that nobody has to find `/sensur språk` first."""
    if len(message.blocks) >= kit.MAX_BLOCKS:
        return message
    switch = kit.actions(switch_button(lang), block_id="first_dm_language").to_dict()
    # A message of text alone shows its text as a block, or Slack would show only the button.
    blocks = message.blocks or [kit.section(kit.as_mrkdwn(message.text)).to_dict()]
    return Message(message.text, [*blocks, switch])
