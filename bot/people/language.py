"""The language a person chose, and whether the bot has written to them yet.

A choice is stored per Slack user and wins over everything Slack says (SPEC §3.9): Slack has
no Norwegian interface, so a locale is a weak signal.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session

from bot.i18n import LANGUAGES, Language
from models.inserts import insert_for
from models.tables import PersonPreference, table_of

# What a person may type after `/sensur språk`: the codes and the names, in both languages.
LANGUAGE_WORDS: dict[str, Language] = {
    "nb": "nb",
    "no": "nb",
    "norsk": "nb",
    "bokmål": "nb",
    "bokmal": "nb",
    "norwegian": "nb",
    "en": "en",
    "english": "en",
    "engelsk": "en",
}


def language_from_word(word: str) -> Language | None:
    return LANGUAGE_WORDS.get(word.strip().lower())


def chosen_language(session: Session, slack_user_id: str) -> Language | None:
    row = session.get(PersonPreference, slack_user_id)
    if row is None or row.language not in LANGUAGES:
        return None
    return row.language


def choose_language(session: Session, slack_user_id: str, lang: Language, now: datetime) -> bool:
    """Store `lang` as the person's choice; False when it already was."""
    if chosen_language(session, slack_user_id) == lang:
        return False
    _ensure_row(session, slack_user_id)
    session.execute(
        update(PersonPreference)
        .where(PersonPreference.slack_user_id == slack_user_id)  # type: ignore[arg-type]
        .values(language=lang, language_chosen_at=now)
    )
    return True


def _ensure_row(session: Session, slack_user_id: str) -> None:
    """The person's row, inserted unless another request just did (no race on the key)."""
    insert = insert_for(session, table_of(PersonPreference))
    session.execute(
        insert.values(slack_user_id=slack_user_id).on_conflict_do_nothing(
            index_elements=["slack_user_id"]
        )
    )


def has_had_a_dm(session: Session, slack_user_id: str) -> bool:
    row = session.get(PersonPreference, slack_user_id)
    return row is not None and row.first_dm_at is not None


def mark_first_dm(session: Session, slack_user_id: str, now: datetime) -> bool:
    """Record that the bot has written to the person; True only the first time (so the
    language switch goes on exactly one message, also with several senders at once)."""
    _ensure_row(session, slack_user_id)
    claimed = session.execute(
        update(PersonPreference)
        .where(PersonPreference.slack_user_id == slack_user_id)  # type: ignore[arg-type]
        .where(PersonPreference.first_dm_at.is_(None))  # type: ignore[union-attr]
        .values(first_dm_at=now)
    )
    return claimed.rowcount == 1  # type: ignore[attr-defined]
