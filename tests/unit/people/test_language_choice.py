from datetime import timedelta

from bot.people.language import (
    choose_language,
    chosen_language,
    has_had_a_dm,
    language_from_word,
    mark_first_dm,
)
from models.db import session_scope
from models.tables import PersonPreference
from tests.support.factories import T0


def test_a_choice_is_stored_once_and_can_be_changed(engine):
    with session_scope(engine) as session:
        assert chosen_language(session, "U1") is None
        assert choose_language(session, "U1", "en", T0) is True
    with session_scope(engine) as session:
        assert chosen_language(session, "U1") == "en"
        assert choose_language(session, "U1", "en", T0 + timedelta(hours=1)) is False
        assert choose_language(session, "U1", "nb", T0 + timedelta(hours=2)) is True
    with session_scope(engine) as session:
        row = session.get(PersonPreference, "U1")
        assert row is not None and row.language == "nb"
        assert row.language_chosen_at == T0 + timedelta(hours=2)


def test_the_first_dm_is_claimed_once_and_keeps_the_choice(engine):
    with session_scope(engine) as session:
        choose_language(session, "U2", "en", T0)
        assert has_had_a_dm(session, "U2") is False
        assert mark_first_dm(session, "U2", T0) is True
        assert mark_first_dm(session, "U2", T0 + timedelta(minutes=1)) is False
    with session_scope(engine) as session:
        assert has_had_a_dm(session, "U2") is True
        assert chosen_language(session, "U2") == "en"
        assert mark_first_dm(session, "U3", T0) is True  # nobody chose anything: still once
        assert chosen_language(session, "U3") is None


def test_language_words_in_both_languages():
    assert [language_from_word(w) for w in ("nb", "Norsk", "bokmål", "en", "English", "x")] == [
        "nb",
        "nb",
        "nb",
        "en",
        "en",
        None,
    ]
