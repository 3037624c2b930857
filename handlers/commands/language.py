"""`/sensur språk|language [nb|en]`: the language Sensorbot writes to this person in."""

from __future__ import annotations

from bot.people.language import choose_language, language_from_word
from bot.slack.commands import CommandRequest
from bot.ui.language import chosen_message, current_message, unknown_message
from models.types import utcnow


def reply_language(request: CommandRequest) -> None:
    words = request.command.args or (
        (request.command.word,) if language_from_word(request.command.word) else ()
    )
    if not words:
        message = current_message(request.lang)
    else:
        word = " ".join(words)
        lang = language_from_word(word)
        if lang is None:
            message = unknown_message(request.lang, word)
        else:
            with request.runtime.session() as session:
                changed = choose_language(session, request.asker.slack.user_id, lang, utcnow())
            message = chosen_message(lang, changed)
    request.respond(text=message.text, blocks=message.blocks, response_type="ephemeral")
