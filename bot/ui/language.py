"""The language switch: a small button that offers the other language."""

from __future__ import annotations

from slack_sdk.models.blocks import ButtonElement

from bot.i18n import LANGUAGES, t
from bot.ui import kit

ACTION_ID = "language.set"


def other_language(lang: str) -> str:
    return next(other for other in LANGUAGES if other != lang)


def switch_button(lang: str) -> ButtonElement:
    """ "In English" for a Norwegian reader, "På norsk" for an English one; its value is the
    language it switches to."""
    target = other_language(lang)
    return kit.button(t(target, "language.switch"), ACTION_ID, target)
